using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenProducer.Server.Outbound;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Balances, charges and refunds, rate limits, token states, signed callbacks, the URL guard, fair claiming and the
/// admin API — each against a real server on loopback with its own database.
/// </summary>
[Trait("Category", "Fast")]
public class AccountTests
{
    private const string Admin = "opadm_test_admin_token";

    private static void AssertError(int status, string code, int actualStatus, JsonElement body)
    {
        Assert.Equal(status, actualStatus);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("trace_id").GetString()));
    }

    private static NewToken Limited(ProducerServer server, long balance) =>
        new TokenStore(new Database(server.Options.DatabasePath)).Create("limited", balance);

    private static async Task<long?> Balance(ProducerServer server, string token)
    {
        var (status, body) = await server.GetJsonAsync("/v1/balance", token);
        Assert.Equal(200, status);
        return body.GetProperty("balance").ValueKind == JsonValueKind.Null ? null : body.GetProperty("balance").GetInt64();
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_against_a_balance_for_fifty_accept_exactly_fifty()
    {
        await using var server = await ProducerServer.StartAsync();
        var app = Limited(server, 50); // lyrics cost 1 credit
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            server.PostJsonAsync("/producer/lyrics", new { prompt = $"song number {i}", async = true }, app.Token)));
        Assert.Equal(50, answers.Count(a => a.Status == 200 && a.Body.TryGetProperty("task_id", out _)));
        var refused = answers.Where(a => a.Status != 200).ToList();
        Assert.Equal(150, refused.Count);
        Assert.All(refused, a => AssertError(403, "used_up", a.Status, a.Body));
        Assert.Equal(0, await Balance(server, app.Token));
        // Exactly one task per accepted request, each charged once.
        var tasks = new TaskStore(new Database(server.Options.DatabasePath)).OfApplication(app.ApplicationId, 1000);
        Assert.Equal(50, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(1, t.Charged));
    }

    [Fact]
    public async Task A_failed_task_is_refunded_and_its_record_says_so()
    {
        await using var server = await ProducerServer.StartBrokenAsync();
        var app = Limited(server, 15);
        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop, 30 seconds" }, app.Token);
        AssertError(500, "api_error", status, body);
        Assert.Equal(15, await Balance(server, app.Token));
        var (_, record) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = body.GetProperty("task_id").GetString() }, app.Token);
        Assert.Equal(10, record.GetProperty("credits").GetInt64());
        Assert.True(record.GetProperty("refunded").GetBoolean());

        // A price the balance cannot cover is refused before any work, and nothing is taken.
        var poor = Limited(server, 9);
        (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop" }, poor.Token);
        AssertError(403, "used_up", status, body);
        Assert.Equal(9, await Balance(server, poor.Token));
        Assert.Empty(new TaskStore(new Database(server.Options.DatabasePath)).OfApplication(poor.ApplicationId, 10));
    }

    [Fact]
    public async Task Over_the_rate_limit_is_429_with_retry_after_per_token_and_per_application()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { RateLimitPerMinute = 3, AppRateLimitPerMinute = 5 });
        var store = new TokenStore(new Database(server.Options.DatabasePath));
        var first = store.Create("a", null);
        var second = store.Create("b", null, applicationId: first.ApplicationId);
        for (int i = 0; i < 3; i++) Assert.Equal(200, (await server.GetJsonAsync("/v1/balance", first.Token)).Status);
        using (var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/v1/balance"))
        {
            request.Headers.Authorization = new("Bearer", first.Token);
            using var response = await server.Http.SendAsync(request);
            Assert.Equal(429, (int)response.StatusCode);
            int retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single());
            Assert.InRange(retryAfter, 1, 60);
            AssertError(429, "too_many_requests", 429, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        }
        // The application's limit counts all its tokens: the second token has 2 left of the 5.
        for (int i = 0; i < 2; i++) Assert.Equal(200, (await server.GetJsonAsync("/v1/balance", second.Token)).Status);
        var (status, body) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = "x" }, second.Token);
        AssertError(429, "too_many_requests", status, body);
        // Another application is not affected.
        Assert.Equal(200, (await server.GetJsonAsync("/v1/balance")).Status);
    }

    [Fact]
    public async Task Revoked_and_disabled_tokens_answer_their_codes()
    {
        await using var server = await ProducerServer.StartAsync();
        var store = new TokenStore(new Database(server.Options.DatabasePath));
        var revoked = store.Create("r", null);
        var disabled = store.Create("d", null);
        Assert.True(store.Revoke(revoked.TokenId));
        Assert.True(store.SetDisabled(disabled.ApplicationId, true));
        var (s1, b1) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "x" }, revoked.Token);
        AssertError(401, "invalid_token", s1, b1);
        var (s2, b2) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "x" }, disabled.Token);
        AssertError(400, "disabled", s2, b2);
        store.SetDisabled(disabled.ApplicationId, false);
        Assert.Equal(200, (await server.PostJsonAsync("/producer/lyrics", new { prompt = "x" }, disabled.Token)).Status);
    }

    [Fact]
    public async Task Callbacks_carry_an_hmac_signature_the_receiver_can_verify()
    {
        await using var server = await ProducerServer.StartAsync();
        var (_, application) = await server.GetJsonAsync("/v1/application");
        string secret = application.GetProperty("callback_secret").GetString()!;
        Assert.StartsWith("whsec_", secret);

        var verdicts = new ConcurrentQueue<(bool Valid, string Body)>();
        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        await using var hook = receiver.Build();
        hook.MapPost("/hook", async (HttpContext http) =>
        {
            string body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            string timestamp = http.Request.Headers["X-Producer-Timestamp"].ToString();
            string signature = http.Request.Headers["X-Producer-Signature"].ToString();
            // What a receiver does: HMAC-SHA256 over "timestamp.body" with the secret, compared in constant time.
            var expected = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
            bool fresh = long.TryParse(timestamp, out long t) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) < 300;
            bool valid = fresh && signature.StartsWith("sha256=") && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                expected, Convert.FromHexString(signature["sha256=".Length..]));
            verdicts.Enqueue((valid, body));
            return valid ? Results.Ok() : Results.StatusCode(401);
        });
        await hook.StartAsync();

        var (status, body) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "rain on the window", callback_url = hook.Urls.First() + "/hook" });
        Assert.Equal(200, status);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (verdicts.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(verdicts.TryDequeue(out var verdict), "no callback arrived");
        Assert.True(verdict.Valid, "the signature did not verify");
        Assert.Equal(body.GetProperty("task_id").GetString(), JsonDocument.Parse(verdict.Body).RootElement.GetProperty("task_id").GetString());
        // A tampered body would not verify.
        Assert.NotEqual(CallbackSignature.Sign(secret, "1", verdict.Body), CallbackSignature.Sign(secret, "1", verdict.Body + " "));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://172.20.0.1/")]
    [InlineData("http://192.168.0.10/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://intranet/")]
    [InlineData("http://user:pass@example.com/")]
    public async Task Private_urls_are_refused_at_submission_before_any_charge(string url)
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { AllowPrivateUrls = false });
        var app = Limited(server, 5);
        var (status, body) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "x", callback_url = url }, app.Token);
        AssertError(400, "bad_request", status, body);
        Assert.StartsWith("callback_url is invalid", body.GetProperty("error").GetProperty("message").GetString());
        (status, body) = await server.PostJsonAsync("/producer/audios",
            new { action = "cover_music", audioId = "x", sounds = new[] { new { text = "jazz", strength = 0.5 } }, coverArtUrl = url }, app.Token);
        AssertError(400, "bad_request", status, body);
        Assert.StartsWith("coverArtUrl is invalid", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(5, await Balance(server, app.Token));
    }

    [Fact]
    public async Task The_guard_checks_the_resolved_address_of_every_connection()
    {
        var host = WebApplication.CreateSlimBuilder();
        host.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = host.Build();
        app.MapGet("/", () => "hello");
        app.MapGet("/away", () => Results.Redirect("http://127.0.0.1:" + new Uri(app.Urls.First()).Port + "/"));
        await app.StartAsync();
        int port = new Uri(app.Urls.First()).Port;

        // "localhost" passes no literal check here: it is refused once resolved, when the connection is made.
        using var guarded = new HttpClient(UrlGuard.Handler(allowPrivate: false, maxRedirects: 3));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetStringAsync($"http://localhost:{port}/"));
        Assert.NotNull(UrlGuard.RefusalIn(refused));
        using var open = new HttpClient(UrlGuard.Handler(allowPrivate: true, maxRedirects: 3));
        Assert.Equal("hello", await open.GetStringAsync($"http://localhost:{port}/away"));
        Assert.False(UrlGuard.IsPublic(IPAddress.Parse("100.64.0.1")));
        Assert.False(UrlGuard.IsPublic(IPAddress.Parse("64:ff9b::a00:1")));
        Assert.True(UrlGuard.IsPublic(IPAddress.Parse("93.184.216.34")));
        Assert.True(UrlGuard.IsPublic(IPAddress.Parse("2606:2800:220:1::1")));
    }

    [Fact]
    public async Task Applications_take_turns_and_one_at_its_running_limit_waits()
    {
        var db = new Database(Path.Combine(Directory.CreateTempSubdirectory("claims-").FullName, "producer.db"));
        var tokens = new TokenStore(db);
        var store = new TaskStore(db);
        string a = tokens.Create("a", null).ApplicationId, b = tokens.Create("b", null).ApplicationId;
        double t = 1000;
        TaskRow Task(string app) => new()
        {
            Id = Guid.NewGuid().ToString(), ApplicationId = app, Type = "audios", TraceId = "t", State = TaskStates.Pending,
            Request = "{}", Job = "{}", SongId = Guid.NewGuid().ToString(), CreatedAt = t++,
        };
        var a1 = Task(a); var a2 = Task(a); var a3 = Task(a); var b1 = Task(b);
        foreach (var task in new[] { a1, a2, a3, b1 }) Assert.True(await store.InsertAsync(task));
        // a's tasks came first, but once one of them runs, b's turn comes before a's second.
        Assert.Equal(a1.Id, store.ClaimNext(maxRunning: 1)!.Id);
        Assert.Equal(b1.Id, store.ClaimNext(maxRunning: 1)!.Id);
        Assert.Null(store.ClaimNext(maxRunning: 1));
        store.Finish(a1.Id, TaskStates.Succeeded, "{}", null);
        Assert.Equal(a2.Id, store.ClaimNext(maxRunning: 1)!.Id);
        // Without a limit, the waiting task is taken.
        Assert.Equal(a3.Id, store.ClaimNext()!.Id);
    }

    [Fact]
    public async Task The_admin_api_makes_applications_tops_them_up_and_shows_their_spending()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { AdminToken = Admin });
        var (status, made) = await server.PostJsonAsync("/admin/applications", new { name = "tenant", balance = 3 }, Admin);
        Assert.Equal(200, status);
        string token = made.GetProperty("token").GetString()!, appId = made.GetProperty("application_id").GetString()!;
        Assert.Equal(3, await Balance(server, token));
        Assert.Equal(200, (await server.PostJsonAsync("/producer/lyrics", new { prompt = "x", seed = 1 }, token)).Status);
        (status, var topped) = await server.PostJsonAsync($"/admin/applications/{appId}/topup", new { credits = 10 }, Admin);
        Assert.Equal(200, status);
        Assert.Equal(12, topped.GetProperty("balance").GetInt64());
        var (_, tasks) = await server.GetJsonAsync($"/admin/applications/{appId}/tasks", Admin);
        Assert.Equal(1, tasks.GetProperty("count").GetInt32());
        Assert.Equal(1, tasks.GetProperty("spent").GetInt64());
        Assert.Equal("lyrics", tasks.GetProperty("items")[0].GetProperty("type").GetString());
        var (_, list) = await server.GetJsonAsync("/admin/applications", Admin);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == appId && a.GetProperty("balance").GetInt64() == 12);

        // A second token for the same application shares its balance; revoking it shuts it out.
        (_, var second) = await server.PostJsonAsync($"/admin/applications/{appId}/tokens", new { name = "second" }, Admin);
        Assert.Equal(12, await Balance(server, second.GetProperty("token").GetString()!));
        Assert.Equal(200, (await server.PostJsonAsync($"/admin/tokens/{second.GetProperty("token_id").GetString()}/revoke", new { }, Admin)).Status);
        AssertError(401, "invalid_token", (await server.GetJsonAsync("/v1/balance", second.GetProperty("token").GetString()!)).Status,
            (await server.GetJsonAsync("/v1/balance", second.GetProperty("token").GetString()!)).Body);
        Assert.Equal(200, (await server.PostJsonAsync($"/admin/applications/{appId}/disable", new { }, Admin)).Status);
        var (s, b) = await server.GetJsonAsync("/v1/balance", token);
        AssertError(400, "disabled", s, b);

        // The admin API wants the admin token; a user token or none is refused.
        (s, b) = await server.GetJsonAsync("/admin/applications", server.Token);
        AssertError(401, "invalid_token", s, b);
        (s, b) = await server.GetJsonAsync("/admin/applications", null);
        AssertError(400, "no_token", s, b);
        (s, b) = await server.PostJsonAsync($"/admin/applications/{appId}/topup", new { credits = -5 }, Admin);
        AssertError(400, "bad_request", s, b);
    }

    [Fact]
    public async Task Without_an_admin_token_the_admin_api_does_not_exist()
    {
        await using var server = await ProducerServer.StartAsync();
        var (s, b) = await server.GetJsonAsync("/admin/applications", "anything");
        AssertError(404, "no_api", s, b);
    }
}
