using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenProducer.Server.Api;

/// <summary>Shared JSON settings: UTF-8 text as is (Chinese lyrics stay readable), nulls written out.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>A song's duration as its item holds it: seconds as text for a generated song, a number for an upload.</summary>
    public static double Seconds(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String => double.TryParse(node.GetValue<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : 0,
        _ => 0,
    };

    public static JsonObject ErrorBody(ProducerError e, string traceId) => new()
    {
        ["success"] = false,
        ["error"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message },
        ["trace_id"] = traceId,
    };

    public static IResult Result(JsonNode body, int status = 200) =>
        Results.Text(Write(body), "application/json; charset=utf-8", null, status);

    public static IResult Error(ProducerError e, string traceId) => Result(ErrorBody(e, traceId), e.Status);

    /// <summary>Reads the request body as a JSON object, or explains why it is not one (see <see cref="RequestBody"/>).</summary>
    /// <param name="fields">The fields the endpoint reads; the others are checked and dropped. Null keeps them all.</param>
    public static Task<(JsonElement Body, ProducerError? Error)> ReadObjectAsync(HttpRequest request, CancellationToken ct, IReadOnlySet<string>? fields = null) =>
        RequestBody.ReadAsync(request, fields, ct);
}
