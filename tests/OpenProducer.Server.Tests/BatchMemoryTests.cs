using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Server.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Server.Tests;

/// <summary>
/// The memory attack: tasks submitted with the largest bodies the server accepts, then read back 100 at a time by 16
/// clients at once. The server runs as its own process (API only, so the tasks wait) and its peak resident memory is
/// read from the kernel.
/// </summary>
public class BatchMemoryTests(ITestOutputHelper output)
{
    private const long Limit = 500L * 1024 * 1024;

    /// <summary>
    /// A create_music body at every recognised field's limit, in three-byte characters, padded with an unknown field
    /// to just under the 1 MiB body limit.
    /// </summary>
    internal static string LargestBody(int n)
    {
        var body = new JsonObject
        {
            ["action"] = "create_music",
            ["title"] = new string('曲', 80),
            ["lyrics"] = "[Verse]\n" + new string('歌', 4990),
            ["sounds"] = new JsonArray([.. Enumerable.Range(0, 20).Select(i => new JsonObject { ["text"] = $"{n}-{i} " + new string('音', 990), ["strength"] = 0.5 })]),
            ["async"] = true,
        };
        string json = body.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        int room = 1024 * 1024 - Encoding.UTF8.GetByteCount(json) - 64;
        return json[..^1] + ",\"junk\":" + TaskStorageTests.Junk(room) + "}";
    }

    [Fact]
    public async Task Sixteen_concurrent_batch_reads_of_a_hundred_of_the_largest_tasks_keep_the_server_under_500_MB()
    {
        string data = Directory.CreateTempSubdirectory("producer-rss-").FullName;
        await using var server = await ServerProcess.StartAsync($"--workers 0 --data \"{data}\"");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        async Task<string> Post(string path, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", server.Token);
            using var response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text.Length > 300 ? text[..300] : text);
            return text;
        }

        var ids = new string[100];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            string body = LargestBody(i);
            Assert.InRange(Encoding.UTF8.GetByteCount(body), 1024 * 1024 - 200, 1024 * 1024);
            ids[i] = JsonDocument.Parse(await Post("/producer/audios", body)).RootElement.GetProperty("task_id").GetString()!;
        });
        long beforeReads = server.RssBytes;
        string batch = JsonSerializer.Serialize(new { action = "retrieve_batch", ids });
        long answered = 0;
        for (int round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Post("/producer/tasks", batch)));
            foreach (var text in answers)
            {
                var root = JsonDocument.Parse(text).RootElement;
                Assert.Equal(100, root.GetProperty("count").GetInt32());
                Assert.Equal(ids, root.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray());
                answered += Encoding.UTF8.GetByteCount(text);
            }
            output.WriteLine($"round {round + 1}: RSS {server.RssBytes / 1048576.0:0} MB");
        }
        long peak = server.PeakRssBytes;
        output.WriteLine($"16 x 100 ids x 3 rounds: {answered / 1048576.0:0} MB answered; server RSS before the reads {beforeReads / 1048576.0:0} MB, " +
            $"peak {peak / 1048576.0:0} MB, after {server.RssBytes / 1048576.0:0} MB");
        Assert.True(peak < Limit, $"peak RSS {peak / 1048576.0:0} MB");
    }
}
