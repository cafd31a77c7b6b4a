using System.Text;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

[Trait("Category", "Fast")]
public class ErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private static void AssertError(int expectedStatus, string code, int status, JsonElement body, string? messageContains = null)
    {
        Assert.Equal(expectedStatus, status);
        Assert.Equal(["success", "error", "trace_id"], body.EnumerateObject().Select(p => p.Name));
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(["code", "message"], body.GetProperty("error").EnumerateObject().Select(p => p.Name));
        Assert.True(Guid.TryParse(body.GetProperty("trace_id").GetString(), out _));
        if (messageContains is not null) Assert.Contains(messageContains, body.GetProperty("error").GetProperty("message").GetString());
    }

    private async Task<(int, JsonElement)> Raw(HttpMethod method, string path, string? body, string? authorization)
    {
        var req = new HttpRequestMessage(method, Server.BaseUrl + path);
        if (body is not null) req.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (authorization is not null) req.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var res = await Server.Http.SendAsync(req);
        return ((int)res.StatusCode, JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_request_without_a_token_is_no_token()
    {
        var (s, b) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "x" }, token: null);
        AssertError(400, "no_token", s, b, "No token");
    }

    [Fact]
    public async Task An_unknown_token_is_invalid_token()
    {
        var (s, b) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "x" }, token: "op_nope");
        AssertError(401, "invalid_token", s, b);
    }

    [Fact]
    public async Task An_expired_token_is_token_expired()
    {
        string expired = Server.CreateToken("old", expiresInSeconds: -1);
        var (s, b) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = "x" }, expired);
        AssertError(401, "token_expired", s, b);
    }

    [Fact]
    public async Task A_bare_token_without_bearer_is_accepted()
    {
        var (s, _) = await Raw(HttpMethod.Post, "/producer/tasks", """{"action":"retrieve","id":"x"}""", Server.Token);
        Assert.Equal(200, s);
    }

    [Theory]
    [InlineData("/producer/nothing")]
    [InlineData("/v2/audios")]
    [InlineData("/")]
    public async Task An_unknown_path_is_no_api(string path)
    {
        var (s, b) = await Raw(HttpMethod.Post, path, "{}", "Bearer " + Server.Token);
        AssertError(404, "no_api", s, b);
    }

    [Fact]
    public async Task A_wrong_method_on_a_known_path_is_no_api()
    {
        var (s, b) = await Raw(HttpMethod.Get, "/producer/audios", null, "Bearer " + Server.Token);
        AssertError(404, "no_api", s, b);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{}", "action is required.")]
    [InlineData("""{"action":"dance"}""", "action is invalid.")]
    [InlineData("""{"action":5}""", "action is invalid.")]
    [InlineData("""{"action":"generate","prompt":"x","model":"FUZZ-9"}""", "model is invalid.")]
    [InlineData("""{"action":"generate","prompt":"x","weirdness":2}""", "weirdness")]
    [InlineData("""{"action":"generate","prompt":"x","weirdness":"lots"}""", "weirdness is invalid.")]
    [InlineData("""{"action":"generate","prompt":"x","sound_strength":0.1}""", "sound_strength")]
    [InlineData("""{"action":"generate","prompt":"x","lyrics_strength":-1}""", "lyrics_strength")]
    [InlineData("""{"action":"generate","prompt":"x","custom":"maybe"}""", "custom is invalid.")]
    [InlineData("""{"action":"generate","prompt":"x","seed":-4}""", "seed is invalid.")]
    [InlineData("""{"action":"generate","prompt":"x","seed":1.5}""", "seed is invalid.")]
    [InlineData("""{"action":"generate","prompt":"x","callback_url":"ftp://example.com/x"}""", "callback_url is invalid.")]
    [InlineData("""{"action":"generate","prompt":"x","title":42}""", "title is invalid.")]
    [InlineData("""{"action":"generate","custom":true,"lyric":""}""", "lyric is required")]
    [InlineData("""{"action":"generate"}""", "prompt is required.")]
    public async Task Bad_input_is_bad_request_naming_the_field(string body, string message)
    {
        var (s, b) = await Raw(HttpMethod.Post, "/producer/audios", body, "Bearer " + Server.Token);
        AssertError(400, "bad_request", s, b, message);
    }

    [Theory]
    [InlineData("""{"action":"create_music"}""", "sounds is required.")]
    [InlineData("""{"action":"create_music","sounds":"rock"}""", "sounds is invalid.")]
    [InlineData("""{"action":"create_music","sounds":[{"text":"rock","strength":2}]}""", "sounds[0].strength")]
    [InlineData("""{"action":"create_music","sounds":[{"text":"rock"},{"text":5}]}""", "sounds[1].text is invalid.")]
    [InlineData("""{"action":"create_music","sounds":[{"text":"rock","timeStart":30,"timeEnd":10}]}""", "sounds[0].timeEnd is invalid")]
    [InlineData("""{"action":"create_music","sounds":[{"text":"rock"}],"makeInstrumental":"yes"}""", "makeInstrumental is invalid.")]
    [InlineData("""{"action":"create_music","sounds":[{"text":"rock"}],"lyricsStrength":3}""", "lyricsStrength")]
    public async Task Bad_create_music_input_is_bad_request_naming_the_field(string body, string message)
    {
        var (s, b) = await Raw(HttpMethod.Post, "/producer/audios", body, "Bearer " + Server.Token);
        AssertError(400, "bad_request", s, b, message);
    }

    [Fact]
    public async Task A_prompt_over_200_characters_is_refused_in_inspiration_mode()
    {
        var (s, b) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = new string('a', 201) });
        AssertError(400, "bad_request", s, b, "prompt");
    }

    [Theory]
    [InlineData("""{"action":"retrieve"}""", "id is required.")]
    [InlineData("""{"action":"retrieve_batch","ids":"abc"}""", "ids is invalid.")]
    [InlineData("""{"action":"retrieve_batch"}""", "ids is required.")]
    [InlineData("""{"action":"delete","id":"x"}""", "action is invalid.")]
    [InlineData("""{"name":"x"}""", "action is required.")]
    [InlineData("""{"ids":"abc"}""", "ids is invalid.")]
    public async Task Bad_task_queries_are_bad_request(string body, string message)
    {
        var (s, b) = await Raw(HttpMethod.Post, "/producer/tasks", body, "Bearer " + Server.Token);
        AssertError(400, "bad_request", s, b, message);
    }

    [Theory]
    [InlineData("upload_extend")]
    [InlineData("upload_cover")]
    [InlineData("upload_replace_section")]
    public async Task Upload_actions_need_the_audio_id_of_a_recording(string action)
    {
        var (s, b) = await Server.PostJsonAsync("/producer/audios", new { action, audio_id = "x", replace_section_start = 1, replace_section_end = 5 });
        AssertError(400, "bad_request", s, b, "audio_id is invalid.");
    }

    [Theory]
    [InlineData("/producer/lyrics")]
    [InlineData("/producer/videos")]
    [InlineData("/producer/wav")]
    [InlineData("/producer/download")]
    [InlineData("/producer/download-video")]
    public async Task Every_file_and_lyrics_endpoint_needs_a_token_and_a_json_body(string path)
    {
        var (s, b) = await Server.PostJsonAsync(path, new { prompt = "x", audio_id = "y" }, token: null);
        AssertError(400, "no_token", s, b);
        using var res = await Server.PostAsync(path, "{not json");
        Assert.Equal(400, (int)res.StatusCode);
        var error = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_engine_failure_is_api_error_without_internals()
    {
        await using var broken = await ProducerServer.StartBrokenAsync();
        string dir = Path.GetDirectoryName(broken.Options.FullSoundFont)!;
        var (s, b) = await broken.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop, 30 seconds" });
        Assert.Equal(500, s);
        Assert.Equal("api_error", b.GetProperty("error").GetProperty("code").GetString());
        string text = b.GetRawText();
        Assert.DoesNotContain("sf2", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(dir, text);
        Assert.DoesNotContain("Exception", text);
        // The failed task's record says it failed, and the failure is final.
        var record = await broken.WaitForTaskAsync(b.GetProperty("task_id").GetString()!);
        Assert.False(record.GetProperty("response").GetProperty("success").GetBoolean());
    }
}
