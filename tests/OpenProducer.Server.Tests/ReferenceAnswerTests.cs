using System.Text.Json;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Real answers of every endpoint of a real server, successes and errors, in both request dialects, each checked by a
/// JSON Schema validator against the schema its operation and status have in the server's own /openapi.json (closed:
/// a field the document does not name fails). Songs are short instrumentals on the small SoundFont.
/// </summary>
public partial class ReferenceAnswerTests : IAsyncLifetime
{
    private const string AdminToken = "opadm_reference_token";
    private ProducerServer _server = null!;
    private OpenApiContract _c = null!;

    public async Task InitializeAsync()
    {
        _server = await ProducerServer.StartAsync(configure: o => o with { AdminToken = AdminToken });
        _c = await OpenApiContract.LoadAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_answer_of_every_endpoint_matches_the_schema_the_document_gives_it()
    {
        await ErrorsOfTheSongEndpointsAsync();
        await ErrorsOfTheOtherEndpointsAsync();
        await AdminAnswersAsync();
        await SongsAndTheirFilesAsync();
        // Every operation the document describes was answered and checked, the public ones with a success and an error.
        Assert.Empty(_c.Operations.Except(_c.Answered));
        foreach (string op in ReferenceDocumentTests.PublicOperations)
        {
            Assert.True(_c.Statuses(op).Any(s => s < 400), $"{op} was not seen to succeed");
            if (op is not ("GET /healthz" or "HEAD /files/{key}/{name}"))
                Assert.True(_c.Statuses(op).Any(s => s >= 400), $"{op} was not seen to fail");
        }
    }

    [Fact]
    public async Task A_failed_synchronous_song_and_a_rate_limited_caller_answer_with_the_documented_error_body()
    {
        await using var broken = await ProducerServer.StartBrokenAsync(configure: o => o with { RateLimitPerMinute = 4 });
        var c = await OpenApiContract.LoadAsync(broken);
        var (status, failed) = await c.CallAsync("POST", "/producer/audios", "/producer/audios", new { action = "generate", prompt = "calm piano", instrumental = true });
        Assert.Equal(500, status);
        Assert.Equal("api_error", failed.GetProperty("error").GetProperty("code").GetString());
        string taskId = failed.GetProperty("task_id").GetString()!;
        var (_, record) = await c.CallAsync("POST", "/producer/tasks", "/producer/tasks", new { action = "retrieve", id = taskId });
        Assert.False(record.GetProperty("response").GetProperty("success").GetBoolean());
        int last = 0;
        for (int i = 0; i < 10 && last != 429; i++) (last, _) = await c.CallAsync("GET", "/v1/balance", "/v1/balance");
        Assert.Equal(429, last);
    }

    private async Task ErrorsOfTheSongEndpointsAsync()
    {
        string limited = new TokenStore(new Database(_server.Options.DatabasePath)).Create("empty", 0).Token;
        (object Body, string? Token, int Status, string Code)[] audios =
        [
            (new { action = "generate", prompt = "calm piano" }, null, 400, "no_token"),
            (new { action = "generate", prompt = "calm piano" }, "op_not_a_token", 401, "invalid_token"),
            (new { action = "generate", prompt = "calm piano" }, limited, 403, "used_up"),
            (new { action = "generate" }, "default", 400, "bad_request"),
            (new { action = "generate", prompt = "calm piano", weirdness = 3 }, "default", 400, "bad_request"),
            (new { action = "create_music", makeInstrumental = true }, "default", 400, "bad_request"),
            (new { action = "create_music", sounds = new[] { new { text = "jazz", strength = -2 } } }, "default", 400, "bad_request"),
            (new { action = "extend", audio_id = "no-such-song" }, "default", 400, "bad_request"),
            (new { action = "extend_music", audioId = "no-such-song", extendDuration = 10 }, "default", 400, "bad_request"),
            (new { action = "replace_music", audioId = "x" }, "default", 400, "bad_request"),
            (new { action = "stems" }, "default", 400, "bad_request"),
            (new { action = "dance" }, "default", 400, "bad_request"),
        ];
        foreach (var (body, token, status, code) in audios) await ExpectErrorAsync("/producer/audios", body, token, status, code);
        foreach (string path in new[] { "/producer/stems", "/producer/wav", "/producer/download", "/producer/videos", "/producer/download-video" })
        {
            await ExpectErrorAsync(path, new { }, "default", 400, "bad_request");
            await ExpectErrorAsync(path, new { audio_id = "no-such-song" }, "op_not_a_token", 401, "invalid_token");
        }
        await ExpectErrorAsync("/producer/download", new { audio_id = "x", format = "ogg" }, "default", 400, "bad_request");
        await ExpectErrorAsync("/producer/lyrics", new { prompt = "" }, "default", 400, "bad_request");
        await ExpectErrorAsync("/producer/lyrics", new { prompt = "winter" }, limited, 403, "used_up");
        await ExpectErrorAsync("/producer/upload", new { title = "no audio" }, "default", 400, "bad_request");
        await ExpectErrorAsync("/producer/upload", new { audio_url = "ftp://example.com/a.mp3" }, "default", 400, "bad_request");
        await ExpectErrorAsync("/producer/upload", new { audio_url = "https://example.com/a.mp3" }, null, 400, "no_token");
        await ExpectErrorAsync("/producer/tasks", new { }, "default", 400, "bad_request");
        await ExpectErrorAsync("/producer/tasks", new { action = "retrieve_batch", ids = "x" }, "default", 400, "bad_request");
        await ExpectErrorAsync("/producer/tasks", new { action = "retrieve", id = "x" }, "op_not_a_token", 401, "invalid_token");
        // Not JSON at all is the same error body.
        await ExpectErrorAsync("/producer/audios", "{not json", "default", 400, "bad_request");
    }

    private async Task ErrorsOfTheOtherEndpointsAsync()
    {
        (string Template, string Path, string? Token, int Status, string Code)[] gets =
        [
            ("/v1/balance", "/v1/balance", null, 400, "no_token"),
            ("/v1/application", "/v1/application", "op_not_a_token", 401, "invalid_token"),
            ("/v1/songs/{id}", "/v1/songs/no-such-song", "default", 404, "not_found"),
            ("/v1/songs/{id}", "/v1/songs/x", null, 400, "no_token"),
            ("/v1/tasks", "/v1/tasks?limit=0", "default", 400, "bad_request"),
            ("/v1/tasks", "/v1/tasks?state=done", "default", 400, "bad_request"),
            ("/files/{key}/{name}", "/files/nope/nope.m4a", null, 404, "no_api"),
            ("/files/{key}/{name}", $"/files/{new string('a', 32)}/{Guid.NewGuid()}.m4a", null, 404, "no_api"),
            ("/files/live/{name}", $"/files/live/{Guid.NewGuid()}.mp3", null, 404, "no_api"),
        ];
        foreach (var (template, path, token, status, code) in gets)
        {
            var (got, body) = await _c.CallAsync("GET", template, path, token: token);
            Assert.Equal(status, got);
            Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        }
        var (health, _) = await _c.CallAsync("GET", "/healthz", "/healthz", token: null);
        Assert.Equal(200, health);
        var (balanceStatus, balance) = await _c.CallAsync("GET", "/v1/balance", "/v1/balance");
        Assert.Equal(200, balanceStatus);
        Assert.Equal(JsonValueKind.Null, balance.GetProperty("balance").ValueKind);
        var (appStatus, application) = await _c.CallAsync("GET", "/v1/application", "/v1/application");
        Assert.Equal(200, appStatus);
        Assert.False(string.IsNullOrEmpty(application.GetProperty("callback_secret").GetString()));
        var (unknownStatus, unknown) = await _c.CallAsync("POST", "/producer/tasks", "/producer/tasks", new { action = "retrieve", id = "no-such-task" });
        Assert.Equal(200, unknownStatus);
        Assert.Empty(unknown.EnumerateObject());
    }

    private async Task AdminAnswersAsync()
    {
        var (made, app) = await _c.CallAsync("POST", "/admin/applications", "/admin/applications", new { name = "tenant", balance = 5 }, AdminToken);
        Assert.Equal(200, made);
        string id = app.GetProperty("application_id").GetString()!, tokenId = app.GetProperty("token_id").GetString()!;
        var (owner, madeOwner) = await _c.CallAsync("POST", "/admin/owners", "/admin/owners", new { name = "owner", general_balance = 10 }, AdminToken);
        Assert.Equal(200, owner);
        string ownerId = madeOwner.GetProperty("id").GetString()!;
        foreach (string op in _c.Operations.Where(o => o.Contains(" /admin/", StringComparison.Ordinal)))
        {
            string method = op.Split(' ')[0], template = op.Split(' ')[1];
            string path = template.Replace("/tokens/{id}", "/tokens/" + tokenId).Replace("/owners/{id}", "/owners/" + ownerId).Replace("{id}", id);
            object? body = method == "POST" ? new { credits = 1, name = "more", owner_id = ownerId, allow = true } : null;
            var (refused, error) = await _c.CallAsync(method, template, path, body, "not-the-admin-token");
            Assert.Equal(401, refused);
            Assert.Equal("invalid_token", error.GetProperty("error").GetProperty("code").GetString());
            var (status, _) = await _c.CallAsync(method, template, path, body, AdminToken);
            Assert.True(status is 200 or 400, $"{op}: {status}");
        }
    }

    private async Task ExpectErrorAsync(string path, object body, string? token, int status, string code)
    {
        var (got, answer) = await _c.CallAsync("POST", path, path, body, token);
        Assert.True(status == got, $"{path} {JsonSerializer.Serialize(body)}: {got} {answer}");
        Assert.Equal(code, answer.GetProperty("error").GetProperty("code").GetString());
    }
}
