using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

// Sends the same requests to two running servers (an older build and this one) and compares their answers: status
// and JSON body, byte for byte once what differs by nature is masked (ids, trace ids, times, the port).
// Usage: OpenProducer.ApiDiff URL_A TOKEN_A URL_B TOKEN_B. Exit code 1 when any answer differs.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: OpenProducer.ApiDiff URL_A TOKEN_A URL_B TOKEN_B");
    return 2;
}
var sides = new[] { new Side(args[0], args[1]), new Side(args[2], args[3]) };
const string Lyric = "[Verse]\nWalking home beneath the rain\nCity lights on the window pane\n[Chorus]\nHold on hold on\nThe night is young";

(string Method, string Path, string? Body, string Token)[] requests =
[
    ("POST", "/producer/audios", """{"action":"generate","prompt":"x"}""", "none"),
    ("POST", "/producer/audios", """{"action":"generate","prompt":"x"}""", "bad"),
    ("POST", "/producer/audios", "{not json", "ok"),
    ("POST", "/producer/audios", """{"action":"generate","prompt":"x","model":"FUZZ-9"}""", "ok"),
    ("POST", "/producer/audios", """{"action":"generate","prompt":"x","weirdness":2}""", "ok"),
    ("POST", "/producer/audios", """{"action":"generate","prompt":"x","seed":-4}""", "ok"),
    ("POST", "/producer/audios", """{"action":"generate","prompt":"x","callback_url":"ftp://example.com/x"}""", "ok"),
    ("POST", "/producer/audios", """{"action":"generate","custom":true,"lyric":""}""", "ok"),
    ("POST", "/producer/audios", """{"action":"generate"}""", "ok"),
    ("POST", "/producer/audios", """{"action":"dance","prompt":"x"}""", "ok"),
    ("POST", "/producer/audios", """{"action":"extend","audio_id":"no-such-song","prompt":"x"}""", "ok"),
    ("POST", "/producer/audios", "{\"action\":\"generate\",\"prompt\":\"" + new string('a', 201) + "\"}", "ok"),
    ("POST", "/producer/upload", """{"audio_url":"http://example.com/a.mp3"}""", "ok"),
    ("GET", "/v1/balance", null, "ok"),
    ("POST", "/producer/lyrics", """{"prompt":"a rainy night in the city","seed":7}""", "ok"),
    ("POST", "/producer/audios", """{"action":"generate","prompt":"calm piano, 30 seconds","instrumental":true,"seed":5}""", "ok"),
    ("POST", "/producer/audios", JsonSerializer.Serialize(new { action = "generate", custom = true, lyric = Lyric, prompt = "bright pop", title = "Rain", seed = 12, vocal_gender = "f" }), "ok"),
    ("GET", "/v1/songs/{song}", null, "ok"),
    ("POST", "/producer/tasks", """{"action":"retrieve","id":"{task}"}""", "ok"),
    ("POST", "/producer/tasks", """{"action":"retrieve","ids":["{task}","{task}"]}""", "ok"),
    ("POST", "/producer/wav", """{"audio_id":"{song}"}""", "ok"),
    ("POST", "/producer/download", """{"audio_id":"{song}","format":"midi"}""", "ok"),
    ("POST", "/producer/audios", """{"action":"generate","prompt":"calm piano, 30 seconds","instrumental":true,"seed":5,"async":true}""", "ok"),
    ("GET", "/v1/tasks?limit=3&type=lyrics", null, "ok"),
    ("GET", "/v1/balance", null, "ok"),
    ("GET", "/producer/nowhere", null, "ok"),
];

// API_DIFF_SHOW=1 prints every answer as compared, to see what the masks leave.
bool show = Environment.GetEnvironmentVariable("API_DIFF_SHOW") == "1";
int differ = 0;
foreach (var (method, path, body, token) in requests)
{
    var answers = new List<string>();
    foreach (var side in sides) answers.Add(await side.SendAsync(method, path, body, token));
    bool same = answers[0] == answers[1];
    if (!same) differ++;
    Console.WriteLine($"{(same ? "same     " : "DIFFERENT")} {method} {path} {Short(body)}");
    if (!same) Console.WriteLine($"  A: {answers[0]}\n  B: {answers[1]}");
    else if (show) Console.WriteLine($"  {answers[0]}");
}
Console.WriteLine($"{requests.Length - differ} of {requests.Length} answers the same");
return differ == 0 ? 0 : 1;

static string Short(string? body) => body is null ? "" : body.Length <= 90 ? body : body[..87] + "...";

/// <summary>One server: its base URL, its token, and the ids its answers gave (used by later requests).</summary>
sealed partial class Side(string baseUrl, string token)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private string _song = "", _task = "";

    public async Task<string> SendAsync(string method, string path, string? body, string tokenKind)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), baseUrl + Fill(path));
        if (body is not null) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        if (tokenKind != "none") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenKind == "ok" ? token : "op_not_a_token");
        using var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Remember(text);
        return $"{(int)response.StatusCode} {Mask(text)}";
    }

    private string Fill(string s) => s.Replace("{song}", _song, StringComparison.Ordinal).Replace("{task}", _task, StringComparison.Ordinal);

    /// <summary>The last song and task this side answered with, for the requests that name them.</summary>
    private void Remember(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject o) return;
            if (o["task_id"]?.GetValue<string>() is { } task) _task = task;
            if (o["data"] is JsonArray { Count: > 0 } data && data[0]?["id"]?.GetValue<string>() is { } song) _song = song;
        }
        catch (JsonException) { }
    }

    private string Mask(string text)
    {
        text = text.Replace(baseUrl, "<server>", StringComparison.Ordinal);
        text = Uuid().Replace(text, "<id>");
        text = Hex().Replace(text, "<hex>");
        text = Times().Replace(text, "\"$1\":<time>");
        text = IsoTime().Replace(text, "<iso>");
        return text;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex("(?<![0-9a-zA-Z])[0-9a-f]{16,}(?![0-9a-zA-Z])")]
    private static partial Regex Hex();

    [GeneratedRegex("\"(created_at|started_at|finished_at|elapsed|expires_at|updated_at|timestamp)\":\\s*[0-9.eE+-]+")]
    private static partial Regex Times();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")]
    private static partial Regex IsoTime();
}
