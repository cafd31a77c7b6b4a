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

    public static JsonObject ErrorBody(ProducerError e, string traceId) => new()
    {
        ["success"] = false,
        ["error"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message },
        ["trace_id"] = traceId,
    };

    public static IResult Result(JsonNode body, int status = 200) =>
        Results.Text(Write(body), "application/json; charset=utf-8", null, status);

    public static IResult Error(ProducerError e, string traceId) => Result(ErrorBody(e, traceId), e.Status);

    /// <summary>Reads the request body as a JSON object, or explains why it is not one.</summary>
    public static async Task<(JsonElement Body, ProducerError? Error)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 64 }, ct);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (default, ProducerError.BadRequest("Request body must be a JSON object."));
            if (!ReadableText(doc.RootElement))
                return (default, ProducerError.BadRequest("Request body is not valid JSON: a string is not valid UTF-8 or holds a lone surrogate."));
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (default, ProducerError.BadRequest("Request body is not valid JSON."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            return (default, ProducerError.BadRequest("Request body is too large."));
        }
    }

    /// <summary>
    /// True when every string and property name decodes to text. The parser accepts invalid UTF-8 and lone
    /// surrogate escapes inside strings and only fails when one is read, which would be a field's reader deep in
    /// the request's handling; checking once here keeps that a bad request.
    /// </summary>
    private static bool ReadableText(JsonElement e)
    {
        try
        {
            var pending = new Stack<JsonElement>();
            pending.Push(e);
            while (pending.TryPop(out var x))
            {
                switch (x.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var p in x.EnumerateObject())
                        {
                            _ = p.Name;
                            pending.Push(p.Value);
                        }
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in x.EnumerateArray()) pending.Push(item);
                        break;
                    case JsonValueKind.String:
                        _ = x.GetString();
                        break;
                }
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
