using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace OpenProducer.Server.Tests.Support;

/// <summary>
/// The server's own /openapi.json as a contract: real answers are sent through it and checked with a JSON Schema
/// validator against the schema the document gives for their operation and status. Strict: an object schema that
/// lists its properties is closed for the check (unevaluatedProperties: false), so a field the server sends but the
/// document does not describe fails too. A request the server accepted must match the documented request body. It records
/// which operations were answered, and with which statuses.
/// </summary>
public sealed class OpenApiContract(ProducerServer server, JsonObject document)
{
    private readonly Dictionary<string, JsonSchema> _schemas = [];
    private readonly Dictionary<string, HashSet<int>> _answered = [];
    private static int _built;

    // Redirects are answers too (a finished song's live stream link redirects to its file): they are checked, not followed.
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(3) };

    public JsonObject Document => document;

    /// <summary>"METHOD /template" of every operation an answer was checked for.</summary>
    public IEnumerable<string> Answered => _answered.Keys;

    /// <summary>The statuses seen for an operation ("METHOD /template").</summary>
    public IReadOnlySet<int> Statuses(string operation) => _answered.TryGetValue(operation, out var seen) ? seen : [];

    /// <summary>"METHOD /template" of every operation the document describes.</summary>
    public IEnumerable<string> Operations =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Where(m => m.Key != "parameters").Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"));

    public static async Task<OpenApiContract> LoadAsync(ProducerServer server)
    {
        using var plain = new HttpClient();
        string text = await plain.GetStringAsync(server.BaseUrl + "/openapi.json");
        return new OpenApiContract(server, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Sends a request, checks its answer against the document, and returns its status and JSON body (default when not JSON).</summary>
    /// <param name="template">The operation's path as the document names it (<c>/v1/songs/{id}</c>).</param>
    /// <param name="token">"default" for the server's token, null for none, or a token.</param>
    public async Task<(int Status, JsonElement Body)> CallAsync(string method, string template, string path, object? body = null, string? token = "default",
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), server.BaseUrl + path);
        if (body is not null) request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        if (content is not null) request.Content = content;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "default" ? server.Token : token);
        using var response = await Http.SendAsync(request);
        int status = (int)response.StatusCode;
        string text = await response.Content.ReadAsStringAsync();
        var operation = Operation(method, template);
        var documented = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.True(documented is not null, $"{method} {template} answered {status}, which its operation does not list: {text}");
        string? type = response.Content.Headers.ContentType?.MediaType;
        var media = documented!["content"]?.AsObject();
        if (media is { Count: > 0 } && !(method == "HEAD" && text.Length == 0))
            Assert.True(type is not null && media.ContainsKey(type), $"{method} {template} {status} came as {type}; documented: {string.Join(", ", media.Select(m => m.Key))}");
        JsonElement parsed = default;
        if (type == "application/json")
        {
            parsed = JsonDocument.Parse(text).RootElement.Clone();
            var schema = SchemaFor($"{method} {template} {status}", media!["application/json"]!["schema"]!);
            var result = schema.Evaluate(parsed, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{method} {template} {status} does not match its documented schema:\n{Explain(result)}\n{text[..Math.Min(text.Length, 2000)]}");
        }
        // What the server accepted, the document must accept: the request body is checked against the documented one.
        if (status < 300 && body is not null && operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } requestSchema)
        {
            var sent = JsonDocument.Parse(body as string ?? JsonSerializer.Serialize(body)).RootElement;
            var accepted = SchemaFor($"{method} {template} request", requestSchema).Evaluate(sent, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(accepted.IsValid, $"{method} {template} accepted a body its documented request does not allow:\n{Explain(accepted)}\n{sent}");
        }
        if (!_answered.TryGetValue($"{method} {template}", out var statuses)) _answered[$"{method} {template}"] = statuses = [];
        statuses.Add(status);
        return (status, parsed);
    }

    /// <summary>Checks a JSON value against a schema of the document's components (a request body, say).</summary>
    public EvaluationResults Check(string component, JsonElement value) =>
        SchemaFor("component " + component, new JsonObject { ["$ref"] = "#/components/schemas/" + component })
            .Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>Checks a JSON value against any schema node of the document (its $refs resolved against the components).</summary>
    public EvaluationResults Check(JsonNode schema, JsonElement value) =>
        SchemaFor("node " + schema.ToJsonString(), schema).Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.List });

    public JsonObject Operation(string method, string template)
    {
        var item = document["paths"]?[template]?[method.ToLowerInvariant()];
        Assert.True(item is not null, $"the document has no {method} {template}");
        return item!.AsObject();
    }

    public static string Explain(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")).Take(20));

    private JsonSchema SchemaFor(string key, JsonNode schema)
    {
        if (_schemas.TryGetValue(key, out var built)) return built;
        var defs = Strict(Rewrite(document["components"]!["schemas"]!.DeepClone()));
        var root = Rewrite(schema.DeepClone()) is JsonObject o ? o : new JsonObject { ["allOf"] = new JsonArray(Rewrite(schema.DeepClone())) };
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var id = new Uri($"https://contract.test/{Interlocked.Increment(ref _built)}");
        root["$id"] = id.ToString();
        root["$defs"] = defs;
        // A registry of its own: each schema holds a full copy of the components, under its own id.
        built = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, id);
        _schemas[key] = built;
        return built;
    }

    /// <summary>Points the document's component references at the schema's own <c>$defs</c>.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (name == "$ref" && value is JsonValue v && v.GetValue<string>() is var r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                        o[name] = "#/$defs/" + r["#/components/schemas/".Length..];
                    else if (value is not null) Rewrite(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Rewrite(item);
                break;
        }
        return node;
    }

    /// <summary>Closes every object schema that lists its properties, at any depth, for the check only.</summary>
    private static JsonNode Strict(JsonNode node)
    {
        if (node is JsonObject o)
        {
            if (o["properties"] is JsonObject && !o.ContainsKey("additionalProperties")) o["unevaluatedProperties"] = false;
            foreach (var (_, value) in o.ToList()) if (value is not null) Strict(value);
        }
        else if (node is JsonArray a)
            foreach (var item in a) if (item is not null) Strict(item);
        return node;
    }
}
