using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// The attacks on a running server, as probes in the storm: the largest bodies on every endpoint, hostile task
/// queries, the special-purpose address ranges, edits past the caps, placeholders, top-ups that would overflow; then
/// the charges: every task the application was charged for was accepted, and its balance is what those tasks took.
/// </summary>
public partial class FuzzTests
{
    private readonly HashSet<string> _accepted = [];

    /// <summary>Keeps the task id of an accepted request: only those may be charged.</summary>
    private void NoteAccepted(string text)
    {
        if (!IsJsonObject(text)) return;
        var root = JsonDocument.Parse(text).RootElement;
        if (root.TryGetProperty("task_id", out var id) && id.ValueKind == JsonValueKind.String)
            lock (_lock) _accepted.Add(id.GetString()!);
    }

    private IEnumerable<Probe> AttackProbes()
    {
        string junk = ",\"junk\":" + TaskStorageTests.Junk(1_000_000);
        string song = Q(Guid.NewGuid().ToString());
        string ids = "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => Q(i % 3 == 0 ? "x" : Guid.NewGuid().ToString()))) + "]";
        var cases = new List<(string Path, string Body, Expect Expect, string What)>
        {
            // About 1 MB of a field nobody reads beside requests refused for one field.
            ("/producer/audios", "{\"action\":\"cover_music\",\"audioId\":" + song + ",\"coverArtUrl\":\"http://192.88.99.1/a.png\"" + junk + "}", Expect.Bad("coverArtUrl"), "cover_music, 1 MB junk, relay-anycast image"),
            ("/producer/audios", "{\"action\":\"generate\",\"prompt\":\"x\",\"vocal_gender\":\"zz\"" + junk + ",\"async\":true}", Expect.Bad("vocal_gender"), "generate, 1 MB junk"),
            ("/producer/lyrics", "{\"prompt\":\"\"" + junk + "}", Expect.Bad("prompt"), "lyrics, 1 MB junk"),
            ("/producer/stems", "{\"audio_id\":" + song + junk + "}", Expect.Bad("audio_id"), "stems, 1 MB junk"),
            ("/producer/download", "{\"audio_id\":" + song + ",\"format\":\"flac\"" + junk + "}", Expect.Bad("audio_id"), "download, 1 MB junk"),
            ("/producer/tasks", "{\"action\":\"retrieve_batch\",\"ids\":" + ids + junk + "}", Expect.Any, "retrieve_batch of 100, 1 MB junk"),
            ("/producer/tasks", "{\"ids\":" + ids + "}", Expect.Any, "retrieve_batch without action"),
            ("/producer/tasks", "{\"task_id\":\"x\"}", Expect.Any, "retrieve by task_id"),
            ("/producer/tasks", "{\"action\":\"retrieve_batch\",\"ids\":" + ids + ",\"ids\":" + ids + "}", Expect.Any, "ids given twice"),
            ("/producer/tasks", "{\"action\":\"retrieve_batch\",\"ids\":[" + string.Join(",", Enumerable.Repeat("[[[[]]]]", 2000)) + "]}", Expect.Bad("ids"), "ids of nested arrays"),
            // The special-purpose ranges the guard learnt.
            ("/producer/lyrics", "{\"prompt\":\"rain\",\"callback_url\":\"http://192.88.99.7/hook\"}", Expect.Bad("callback_url"), "callback to 6to4 relay anycast"),
            ("/producer/lyrics", "{\"prompt\":\"rain\",\"callback_url\":\"http://[100::1]/hook\"}", Expect.Bad("callback_url"), "callback to discard-only"),
            ("/producer/lyrics", "{\"prompt\":\"rain\",\"callback_url\":\"http://[2001:2::1]/hook\"}", Expect.Bad("callback_url"), "callback to benchmarking"),
            ("/producer/lyrics", "{\"prompt\":\"rain\",\"callback_url\":\"http://[2002:c0a8:0101::1]/hook\"}", Expect.Bad("callback_url"), "callback to 6to4 of 192.168.1.1"),
            // Edits past the caps, of a song that does not exist: refused before anything is looked at further.
            ("/producer/audios", "{\"action\":\"extend_music\",\"audioId\":" + song + ",\"extendDuration\":240,\"continueAt\":3600}", Expect.Bad("audioId"), "extend far past 8 minutes"),
            ("/producer/audios", "{\"action\":\"music_variation\",\"audioId\":" + song + ",\"makeInstrumental\":true,\"sounds\":[{\"text\":\"\",\"strength\":0.5}]}", Expect.Bad("audioId"), "music_variation of no song"),
            // Placeholders are "not set"; the poison still refuses.
            ("/producer/audios", "{\"action\":\"generate\",\"prompt\":\"x\",\"weirdness\":\"\",\"custom\":0,\"instrumental\":\"\",\"title\":false,\"vocal_gender\":\"zz\",\"async\":1}", Expect.Bad("vocal_gender"), "placeholders and a bad gender"),
        };
        foreach (var (path, body, expect, what) in cases)
            yield return new Probe("attack: " + what, $"POST {path} {what}", HttpMethod.Post, path, Utf8(body), expect);

        foreach (var (query, field) in new[]
        {
            ("limit=-1", "limit"), ("limit=1000000000", "limit"), ("limit=1e3", "limit"), ("state=%27%20OR%201%3D1%20--", "state"),
            ("type=..%2F..%2Fproducer.db", "type"), ("before=" + new string('9', 500), "before"), ("before=x&limit=5", "before"),
        })
            yield return new Probe("attack: task list", $"GET /v1/tasks?{query}", HttpMethod.Get, "/v1/tasks?" + query, null, Expect.Bad(field), ContentType: null);
        yield return new Probe("attack: task list", "GET /v1/tasks?limit=100&state=failed", HttpMethod.Get, "/v1/tasks?limit=100&state=failed", null, Expect.Any, ContentType: null);

        // Top-ups that would overflow a balance, or are not whole credits.
        string admin = "Bearer " + FuzzServerFixture.AdminToken, app = fixture.App.ApplicationId;
        foreach (var credits in new[] { "4611686018427387904", "9223372036854775807", "1e30", "-5", "0", "1.5", "\"NaN\"", "true", "[]", "\"1000000000000001\"" })
            yield return new Probe("attack: top-up", $"POST /admin/applications/…/topup credits={credits}", HttpMethod.Post, $"/admin/applications/{app}/topup",
                Utf8("{\"credits\":" + credits + "}"), Expect.Bad("credits"), Auth: admin);
        yield return new Probe("attack: top-up", "POST /admin/owners general_balance=1e30", HttpMethod.Post, "/admin/owners",
            Utf8("{\"name\":\"x\",\"general_balance\":1e30}"), Expect.Bad("general_balance"), Auth: admin);
    }

    /// <summary>
    /// Nothing is charged for refused work: every task of the storm's application answers to an accepted request,
    /// and the balance went down by exactly what those tasks kept.
    /// </summary>
    private async Task CheckChargesAsync()
    {
        var probe = new Probe("charges", "GET /v1/tasks (all pages) and /v1/balance", HttpMethod.Get, "/v1/tasks", null, Expect.Any);
        var tasks = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            tasks.Clear();
            string? next = null;
            do
            {
                var (_, page) = await Server.GetJsonAsync("/v1/tasks?limit=100" + (next is null ? "" : "&before=" + next), fixture.App.Token);
                tasks.AddRange(page.GetProperty("items").EnumerateArray());
                next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
            }
            while (next is not null);
            // A task still running may yet fail and be refunded: read the charges once all are over.
            if (tasks.All(t => t.GetProperty("finished_at").ValueKind != JsonValueKind.Null) || DateTime.UtcNow > deadline) break;
            await Task.Delay(250);
        }
        foreach (var t in tasks.Where(t => !_accepted.Contains(t.GetProperty("id").GetString()!)))
            Fail("charged task for a request that was not accepted", probe, 200, t.GetRawText());
        long kept = tasks.Where(t => !t.GetProperty("refunded").GetBoolean()).Sum(t => t.GetProperty("credits").GetInt64());
        long balance = (await Server.GetJsonAsync("/v1/balance", fixture.App.Token)).Body.GetProperty("balance").GetInt64();
        if (FuzzServerFixture.Balance - balance != kept)
            Fail($"balance went down by {FuzzServerFixture.Balance - balance}, the tasks kept {kept}", probe, 200, $"{tasks.Count} tasks");
        output.WriteLine($"Charges: {tasks.Count} tasks, {kept} credits kept, balance {balance} of {FuzzServerFixture.Balance}.");
    }

    /// <summary>
    /// A flood of guessed tokens from one address: each answered 401 until the address is over its limit, then 429 —
    /// never a 5xx, never a dropped connection — while another address is still served.
    /// </summary>
    [Fact]
    public async Task A_flood_of_guessed_tokens_is_answered_401_then_429_and_another_address_is_still_served()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { AuthFailuresPerMinute = 20, Workers = 0 });
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var (status, body) = await server.PostJsonAsync("/producer/tasks", new { id = "x" }, "op_guess_" + i);
            Assert.Equal(status == 401 ? "invalid_token" : "too_many_requests", body.GetProperty("error").GetProperty("code").GetString());
            statuses.Add(status);
        });
        Assert.All(statuses, s => Assert.Contains(s, new[] { 401, 429 }));
        Assert.InRange(statuses.Count(s => s == 401), 20, 40);

        // The same server from 127.0.0.2 (another address on loopback): not blocked.
        using var other = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/v1/balance");
        request.Headers.Authorization = new("Bearer", server.Token);
        using var response = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
