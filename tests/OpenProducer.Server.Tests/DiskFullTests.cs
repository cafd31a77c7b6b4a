using System.Text;
using System.Text.Json;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// A full disk, for real: the server runs as its own process with its data folder on a 64 MB tmpfs mounted in a
/// mount namespace of its own (nothing outside the test sees it); the test fills and frees it through the
/// process's view of the file system (<c>/proc/PID/root</c>).
/// </summary>
public class DiskFullTests
{
    private sealed class Client(ServerProcess server, string token) : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

        public void Dispose() => _http.Dispose();

        public async Task<(int Status, JsonElement Body)> Post(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await _http.SendAsync(request);
            return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        public async Task<JsonElement> Get(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + path);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await _http.SendAsync(request);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    /// <summary>Writes zeros (tmpfs does not count holes) until less than <paramref name="leftBytes"/> is free.</summary>
    private static void Fill(string root, long leftBytes)
    {
        // Only ever the test's own small file system.
        Assert.InRange(new DriveInfo(root).TotalSize, 1, 128L * 1024 * 1024);
        var chunk = new byte[256 * 1024];
        using var file = new FileStream(Path.Combine(root, "filler"), FileMode.Append);
        try
        {
            while (new DriveInfo(root).AvailableFreeSpace > leftBytes) file.Write(chunk);
            file.Flush();
        }
        catch (IOException)
        {
            // Full already.
        }
    }

    private static async Task<JsonElement> WaitFinished(Client client, string taskId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var (_, record) = await client.Post("/producer/tasks", new { id = taskId });
            if (record.TryGetProperty("finished_at", out var f) && f.ValueKind != JsonValueKind.Null) return record;
            await Task.Delay(250);
        }
        throw new TimeoutException($"task {taskId} is stuck");
    }

    [Fact]
    public async Task On_a_full_disk_new_work_is_refused_uncharged_and_running_and_waiting_tasks_fail_refunded_saying_why()
    {
        string data = Directory.CreateTempSubdirectory("producer-full-").FullName;
        await using var server = await ServerProcess.StartAsync($"--workers 1 --data \"{data}\"",
            new Dictionary<string, string> { ["PRODUCER_MIN_FREE_DISK_MB"] = "24" },
            wrapper: $"exec unshare --mount --propagation private sh -c 'mount -t tmpfs -o size=64m tmpfs \"{data}\" && exec {{server}}'");
        string root = $"/proc/{server.ServerPid()}/root{data}";
        // SQLite resolves /proc/PID/root to "/", so the token is made inside the server's namespace.
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenProducer.Server.dll");
        string made = OpenProducer.Tests.Support.Media.Run("nsenter", $"-t {server.ServerPid()} -m dotnet \"{dll}\" token create --name full --balance 100 --data \"{data}\"");
        using var client = new Client(server, made.Trim().Split('\n')[^1].Trim());
        async Task<long> Balance()
        {
            var body = await client.Get("/v1/balance");
            return body.TryGetProperty("balance", out var b) ? b.GetInt64() : throw new InvalidOperationException(body.GetRawText() + "\n" + server.Output);
        }

        // A long song takes the only worker; a second waits behind it.
        var (_, first) = await client.Post("/producer/audios", new { action = "generate", prompt = "long rock song, 3 minutes", model = "FUZZ-2.0 Pro", async = true });
        var (_, second) = await client.Post("/producer/audios", new { action = "generate", prompt = "pop, 30 seconds", async = true });
        Assert.Equal(80, await Balance());
        string running = first.GetProperty("task_id").GetString()!, waiting = second.GetProperty("task_id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.Post("/producer/tasks", new { id = running })).Body.GetProperty("started_at").ValueKind == JsonValueKind.Null && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        // The disk fills while the first is rendered: its files cannot be written, the second cannot start.
        Fill(root, 512 * 1024);
        foreach (var id in new[] { running, waiting })
        {
            var record = await WaitFinished(client, id);
            var response = record.GetProperty("response");
            Assert.False(response.GetProperty("success").GetBoolean(), response.GetRawText());
            Assert.Equal(DiskSpace.TaskMessage, response.GetProperty("error").GetProperty("message").GetString());
            Assert.True(record.GetProperty("refunded").GetBoolean());
        }
        Assert.Equal(100, await Balance());

        // New work is refused before any charge, with a sentence saying why.
        var (status, refused) = await client.Post("/producer/lyrics", new { prompt = "rain" });
        Assert.Equal(500, status);
        Assert.Equal(("api_error", DiskSpace.RefusedMessage), (refused.GetProperty("error").GetProperty("code").GetString(), refused.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(100, await Balance());
        Assert.Equal(2, (await client.Get("/v1/tasks")).GetProperty("count").GetInt32());

        // Space again: work again.
        File.Delete(Path.Combine(root, "filler"));
        Assert.Equal(200, (await client.Post("/producer/lyrics", new { prompt = "rain" })).Status);
        Assert.Equal(99, await Balance());
    }
}
