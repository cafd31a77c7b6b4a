using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenProducer.Client.Core;

/// <summary>
/// Sends requests to one server with one token and turns every answer into a value or a <see cref="ProducerException"/>.
/// Shared by the resource clients of a <c>ProducerClient</c>; safe to use from several threads at once.
/// </summary>
internal sealed class ProducerPipeline
{
    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Song durations are sent as text ("30.1"); they read as numbers.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly string _token;

    public ProducerPipeline(HttpClient http, Uri baseUri, string token)
    {
        _http = http;
        // A base with a path (behind a proxy) keeps it: relative paths resolve under it.
        _baseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _token = token;
    }

    public HttpClient Http => _http;

    /// <summary>Sends a request and returns the answer's JSON; any error status, or a <c>success: false</c> body, throws.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUri, path.TrimStart('/'))) { Content = content };
        // An empty token sends none (the server then answers no_token).
        if (_token.Length > 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement? body = Parse(text);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        if (!response.IsSuccessStatusCode) throw Error((int)response.StatusCode, body, retryAfter, text);
        if (body is not { } json) throw new ProducerException((int)response.StatusCode, ProducerErrorCode.Unknown, "The answer is not JSON.", null);
        if (IsFailure(json)) throw Error((int)response.StatusCode, json, retryAfter, text);
        return json;
    }

    public Task<JsonElement> PostAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        Read<T>(await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false));

    /// <summary>A request's wire body: its own fields as its record names them, and the <c>async</c> flag when set.</summary>
    public static JsonObject Body(object request, bool isAsync)
    {
        var body = JsonSerializer.SerializeToNode(request, request.GetType(), Json)!.AsObject();
        if (isAsync) body["async"] = true;
        return body;
    }

    /// <summary>Submits a task and waits for its answer (a request with a callback is answered at once, and then polled).</summary>
    public async Task<ProducerResult<T>> RunAsync<T>(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var answer = await PostAsync(path, body, cancellationToken).ConfigureAwait(false);
        return await FinishAsync<T>(answer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A submission's answer: the finished task's, or (a callback was asked for) the task followed to its finish.</summary>
    public async Task<ProducerResult<T>> FinishAsync<T>(JsonElement answer, CancellationToken cancellationToken)
    {
        if (answer.TryGetProperty("data", out _)) return Result<T>(answer);
        return await Operation<T>(answer).WaitForCompletionAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits a task to run in the background and returns at once with its operation.</summary>
    public async Task<ProducerOperation<T>> StartAsync<T>(string path, JsonObject body, CancellationToken cancellationToken)
    {
        body["async"] = true;
        return Operation<T>(await PostAsync(path, body, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The operation that follows an accepted task.</summary>
    public ProducerOperation<T> Operation<T>(JsonElement accepted)
    {
        string taskId = Text(accepted, "task_id") ?? throw new ProducerException(200, ProducerErrorCode.Unknown, "The answer has no task_id.", Text(accepted, "trace_id"));
        Uri? stream = Text(accepted, "stream_audio_url") is { } s ? new Uri(s) : null;
        return new ProducerOperation<T>(this, taskId, stream);
    }

    /// <summary>A finished answer's <c>data</c> as <typeparamref name="T"/>, with its ids.</summary>
    public static ProducerResult<T> Result<T>(JsonElement answer) =>
        new(Read<T>(answer.GetProperty("data")), Text(answer, "task_id") ?? "", Text(answer, "trace_id"));

    public static T Read<T>(JsonElement json) =>
        json.Deserialize<T>(Json) ?? throw new ProducerException(200, ProducerErrorCode.Unknown, $"The answer is not a {typeof(T).Name}.", null);

    public static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool IsFailure(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.False;

    /// <summary>The exception for a Producer error body (or for an answer that is not one).</summary>
    public static ProducerException Error(int status, JsonElement? body, TimeSpan? retryAfter = null, string? text = null)
    {
        if (body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
            return new ProducerException(status, Text(e, "code") ?? "", Text(e, "message") ?? "", Text(b, "trace_id"), retryAfter);
        string shown = string.IsNullOrWhiteSpace(text) ? "an empty answer" : text.Length > 200 ? text[..200] : text;
        return new ProducerException(status, ProducerErrorCode.Unknown, $"The server answered {status} without an error body: {shown}", null, retryAfter);
    }

    private static JsonElement? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
