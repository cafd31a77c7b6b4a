using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// <c>/mcp</c>, driven by the SDK's own client over Streamable HTTP: the tools it lists, what they make and charge,
/// the tasks they leave, and the refusals, each as the HTTP API gives them.
/// </summary>
public class McpTests
{
    private const string Admin = "opadm_mcp_test_token";

    private static readonly string[] ToolNames =
        ["cover_song", "extend_song", "generate_song", "get_task", "make_stems", "make_video", "make_wav", "replace_section", "write_lyrics"];

    private static Task<McpClient> ConnectAsync(ProducerServer server, string? token) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.BaseUrl + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }, server.Http, ownsHttpClient: false));

    private static async Task<long> BalanceAsync(ProducerServer server, string? token = "default") =>
        (await server.GetJsonAsync("/v1/balance", token)).Body.GetProperty("balance").GetInt64();

    private static JsonElement Structured(CallToolResult result) => JsonSerializer.SerializeToElement(result.StructuredContent);

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static async Task<string> NewApplicationAsync(ProducerServer server, long balance)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/admin/applications")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name = "mcp", balance }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Admin);
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    [Fact]
    [Trait("Category", "Fast")]
    public async Task The_tools_are_listed_each_with_a_description_naming_its_price_and_an_input_schema()
    {
        await using var server = await ProducerServer.StartFastAsync(configure: o => o with { Prices = "generate=7,wav=3" });
        await using var client = await ConnectAsync(server, server.Token);
        Assert.Equal("OpenProducer", client.ServerInfo?.Name);
        Assert.Contains("generate_song", client.ServerInstructions ?? "");
        var tools = await client.ListToolsAsync();
        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order());
        foreach (var tool in tools)
        {
            Assert.True(tool.Description.Length > 80, $"{tool.Name}: the description is too short to choose by: {tool.Description}");
            Assert.DoesNotContain("{", tool.Description);
            var schema = tool.JsonSchema;
            Assert.Equal("object", schema.GetProperty("type").GetString());
            Assert.True(schema.GetProperty("properties").EnumerateObject().Any(), $"{tool.Name} takes nothing");
            Assert.DoesNotContain("{models}", schema.GetRawText());
        }
        var byName = tools.ToDictionary(t => t.Name);
        // The operator's prices, and the defaults for the rest.
        Assert.Contains("Costs 7 credits", byName["generate_song"].Description);
        Assert.Contains("Costs 3 credits", byName["make_wav"].Description);
        Assert.Contains("Costs 10 credits", byName["extend_song"].Description);
        Assert.Contains("FUZZ-2.0 Pro", byName["generate_song"].JsonSchema.GetProperty("properties").GetProperty("model").GetRawText());
        Assert.Equal(["audio_id"], byName["extend_song"].JsonSchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["audio_id", "start", "end"], byName["replace_section"].JsonSchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(byName["get_task"].ProtocolTool.Annotations?.ReadOnlyHint);

        // The HTTP API's reference leaves /mcp out: MCP clients read the tools from the endpoint.
        using var plain = new HttpClient();
        var paths = JsonDocument.Parse(await plain.GetStringAsync(server.BaseUrl + "/openapi.json")).RootElement.GetProperty("paths");
        Assert.Contains(paths.EnumerateObject(), p => p.Name == "/producer/audios");
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/mcp", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Fast")]
    public async Task A_request_without_a_token_or_with_a_bad_one_is_refused_with_the_APIs_error_body()
    {
        await using var server = await ProducerServer.StartFastAsync();
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
        async Task<(int Status, JsonElement Body)> Post(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/mcp") { Content = new StringContent(initialize, Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (token is not null) request.Headers.Authorization = new("Bearer", token);
            using var response = await server.Http.SendAsync(request);
            return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        // As on /producer/*: no token is the spec's no_token (400), an unknown one its invalid_token (401).
        var (status, body) = await Post(null);
        Assert.Equal(400, status);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("no_token", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(400, (await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "x" }, token: null)).Status);
        (status, body) = await Post("not-a-token");
        Assert.Equal(401, status);
        Assert.Equal("invalid_token", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("The specified token is invalid or wrong.", body.GetProperty("error").GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("trace_id").GetString()));

        // The SDK's client cannot connect either way; with the token it can.
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(server, null));
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(server, "not-a-token"));
        await using var client = await ConnectAsync(server, server.Token);
        Assert.NotEmpty(await client.ListToolsAsync());
    }

    [Fact]
    [Trait("Category", "Fast")]
    public async Task Refused_requests_are_tool_errors_with_the_specs_code_and_message_and_cost_nothing()
    {
        await using var server = await ProducerServer.StartFastAsync(configure: o => o with { AdminToken = Admin });
        string poor = await NewApplicationAsync(server, balance: 5);
        await using var client = await ConnectAsync(server, poor);

        // A bad argument, as the endpoint words it.
        var result = await client.CallToolAsync("generate_song", new Dictionary<string, object?> { ["prompt"] = "calm piano", ["seed"] = -1 });
        Assert.True(result.IsError);
        Assert.Equal("bad_request: seed is invalid.", Text(result));
        var error = Structured(result).GetProperty("error");
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.Equal("seed is invalid.", error.GetProperty("message").GetString());

        // A song that is not the caller's.
        result = await client.CallToolAsync("extend_song", new Dictionary<string, object?> { ["audio_id"] = "no-such-song" });
        Assert.True(result.IsError);
        Assert.Equal("bad_request: audio_id is invalid.", Text(result));

        // A balance that does not cover the price (10 credits) refuses the song, and takes nothing.
        result = await client.CallToolAsync("generate_song", new Dictionary<string, object?> { ["prompt"] = "calm piano" });
        Assert.True(result.IsError);
        Assert.Equal("used_up", Structured(result).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("used_up: The balance of your application is used up, please top it up.", Text(result));
        Assert.Equal(5, await BalanceAsync(server, poor));

        // An unknown task.
        result = await client.CallToolAsync("get_task", new Dictionary<string, object?> { ["task_id"] = Guid.NewGuid().ToString() });
        Assert.True(result.IsError);
        Assert.Equal("bad_request: task_id is invalid.", Text(result));

        // What the balance covers goes through: lyrics cost 1.
        result = await client.CallToolAsync("write_lyrics", new Dictionary<string, object?> { ["prompt"] = "rain on the harbour", ["seed"] = 3 });
        Assert.False(result.IsError, Text(result));
        var lyrics = Structured(result);
        Assert.Equal("succeeded", lyrics.GetProperty("state").GetString());
        Assert.Equal(1, lyrics.GetProperty("credits").GetInt64());
        Assert.False(string.IsNullOrWhiteSpace(lyrics.GetProperty("data").GetProperty("text").GetString()));
        Assert.Equal(4, await BalanceAsync(server, poor));
        var (_, record) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = lyrics.GetProperty("task_id").GetString() }, poor);
        Assert.Equal("lyrics", record.GetProperty("type").GetString());
    }

    [Fact]
    [Trait("Category", "Fast")]
    public async Task A_tool_waits_for_its_task_reporting_progress_and_a_failed_task_is_a_refunded_tool_error()
    {
        var standIn = new StandInSongs { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var server = await ProducerServer.StartFastAsync(standIn, configure: o => o with { AdminToken = Admin });
        string token = await NewApplicationAsync(server, balance: 30);
        await using var client = await ConnectAsync(server, token);
        var progress = new Collected();

        // The stand-in holds the song half made: the call waits, the client hears 50%, and get_task shows it running.
        var call = client.CallToolAsync("generate_song", new Dictionary<string, object?> { ["prompt"] = "calm piano" }, progress).AsTask();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!progress.Values.Contains(50) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Contains(50f, progress.Values);
        Assert.False(call.IsCompleted);
        var (_, page) = await server.GetJsonAsync("/v1/tasks", token);
        string taskId = page.GetProperty("items")[0].GetProperty("id").GetString()!;
        var running = await client.CallToolAsync("get_task", new Dictionary<string, object?> { ["task_id"] = taskId });
        Assert.False(running.IsError, Text(running));
        Assert.Equal("running", Structured(running).GetProperty("state").GetString());
        Assert.Equal(50, Structured(running).GetProperty("progress").GetInt32());
        Assert.Equal(20, await BalanceAsync(server, token));
        standIn.Gate.SetResult();
        var done = await call;
        Assert.False(done.IsError, Text(done));
        Assert.Equal(taskId, Structured(done).GetProperty("task_id").GetString());
        Assert.Equal("succeeded", Structured(done).GetProperty("state").GetString());

        // A song that fails is given back its price, and the tool says why in the spec's terms.
        standIn.Gate = null;
        standIn.Fail = true;
        var failed = await client.CallToolAsync("generate_song", new Dictionary<string, object?> { ["prompt"] = "calm piano" });
        Assert.True(failed.IsError);
        var result = Structured(failed);
        Assert.Equal("failed", result.GetProperty("state").GetString());
        Assert.True(result.GetProperty("refunded").GetBoolean());
        Assert.Equal("api_error", result.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("api_error: ", Text(failed));
        Assert.Equal(20, await BalanceAsync(server, token));
    }

    /// <summary>
    /// The real engine: a song made through /mcp is a real m4a as long as it says, charged the generate price, and
    /// the same task is read back by get_task and by /producer/tasks; a WAV of it and an edit of it are charged their
    /// own prices.
    /// </summary>
    [Fact]
    public async Task A_song_generated_through_MCP_is_a_real_m4a_charged_the_generate_price_and_its_task_reads_back()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { AdminToken = Admin });
        string token = await NewApplicationAsync(server, balance: 25);
        await using var client = await ConnectAsync(server, token);
        var progress = new Collected();

        var result = await client.CallToolAsync("generate_song",
            new Dictionary<string, object?> { ["prompt"] = "calm piano, 30 seconds", ["instrumental"] = true, ["seed"] = 5 }, progress);
        Assert.False(result.IsError, Text(result));
        var made = Structured(result);
        Assert.Equal("succeeded", made.GetProperty("state").GetString());
        Assert.Equal(10, made.GetProperty("credits").GetInt64());
        Assert.Equal(15, await BalanceAsync(server, token));

        var song = Assert.Single(made.GetProperty("songs").EnumerateArray().ToList());
        string audioUrl = song.GetProperty("audio_url").GetString()!;
        double duration = song.GetProperty("duration").GetDouble();
        string file = await server.DownloadAsync(audioUrl, ".m4a");
        Assert.Equal(duration, Media.Duration(file), 0.05);
        Assert.True(duration > 30, $"{duration} s");
        Assert.Contains(Media.Streams(file), s => s.Codec == "aac");
        Assert.StartsWith(server.BaseUrl, song.GetProperty("image_url").GetString());
        Assert.InRange(song.GetProperty("tempo").GetDouble(), 40, 220);
        Assert.False(string.IsNullOrEmpty(song.GetProperty("key").GetString()));
        Assert.NotEmpty(song.GetProperty("sections").EnumerateArray());
        string text = Text(result);
        Assert.Contains(audioUrl, text);
        Assert.Contains(song.GetProperty("audio_id").GetString()!, text);
        Assert.Contains(duration.ToString("0.#", CultureInfo.InvariantCulture) + " s", text);
        // A song takes seconds: the client that asked heard how far it was, never going back.
        Assert.NotEmpty(progress.Values);
        Assert.Equal(progress.Values.Order(), progress.Values);

        string taskId = made.GetProperty("task_id").GetString()!;
        var read = await client.CallToolAsync("get_task", new Dictionary<string, object?> { ["task_id"] = taskId });
        Assert.False(read.IsError, Text(read));
        Assert.Equal(taskId, Structured(read).GetProperty("task_id").GetString());
        Assert.Equal(audioUrl, Structured(read).GetProperty("songs")[0].GetProperty("audio_url").GetString());
        var (status, record) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = taskId }, token);
        Assert.Equal(200, status);
        Assert.Equal("audios", record.GetProperty("type").GetString());
        Assert.Equal(10, record.GetProperty("credits").GetInt64());
        Assert.Equal(audioUrl, record.GetProperty("response").GetProperty("data")[0].GetProperty("audio_url").GetString());
        Assert.Equal(15, await BalanceAsync(server, token));

        // Files of the song and edits of it go through their own endpoints' routes and prices.
        string audioId = song.GetProperty("audio_id").GetString()!;
        var wav = await client.CallToolAsync("make_wav", new Dictionary<string, object?> { ["audio_id"] = audioId });
        Assert.False(wav.IsError, Text(wav));
        Assert.Equal("wav", Structured(wav).GetProperty("type").GetString());
        Assert.Equal(2, Structured(wav).GetProperty("credits").GetInt64());
        string wavUrl = Structured(wav).GetProperty("data")[0].GetProperty("file_url").GetString()!;
        Assert.Contains(wavUrl, Text(wav));
        string wavFile = await server.DownloadAsync(wavUrl, ".wav");
        Assert.Equal(duration, Media.Duration(wavFile), 0.05);
        Assert.Contains(Media.Streams(wavFile), s => s.Codec == "pcm_s16le");
        Assert.Equal(13, await BalanceAsync(server, token));

        var replaced = await client.CallToolAsync("replace_section", new Dictionary<string, object?> { ["audio_id"] = audioId, ["start"] = 5, ["end"] = 15 });
        Assert.False(replaced.IsError, Text(replaced));
        var edit = Structured(replaced);
        Assert.Equal(10, edit.GetProperty("credits").GetInt64());
        var newSong = edit.GetProperty("songs")[0];
        Assert.NotEqual(audioId, newSong.GetProperty("audio_id").GetString());
        Assert.Equal(duration, newSong.GetProperty("duration").GetDouble(), 0.5);
        Assert.Equal(3, await BalanceAsync(server, token));

        // Three credits left: a cover (10) is refused and takes nothing.
        var refused = await client.CallToolAsync("cover_song", new Dictionary<string, object?> { ["audio_id"] = audioId, ["prompt"] = "jazz trio" });
        Assert.True(refused.IsError);
        Assert.Equal("used_up", Structured(refused).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(3, await BalanceAsync(server, token));
    }

    /// <summary>Progress as the client heard it, in order (a Progress&lt;T&gt; would post it elsewhere).</summary>
    private sealed class Collected : IProgress<ProgressNotificationValue>
    {
        private readonly ConcurrentQueue<float> _values = new();

        public IReadOnlyList<float> Values => [.. _values];

        public void Report(ProgressNotificationValue value) => _values.Enqueue(value.Progress);
    }
}
