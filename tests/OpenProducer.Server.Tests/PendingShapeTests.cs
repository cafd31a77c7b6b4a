using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Every poll of a task reads as the same type: while it waits, each item already has every key the finished one
/// has (null until known).
/// </summary>
public class PendingShapeTests
{
    private static readonly string[] SongKeys =
        ["id", "title", "image_url", "lyric", "audio_url", "video_url", "image_id", "topic", "seed", "sound", "created_at", "model", "progress", "state", "duration"];

    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task Waiting_tasks_of_every_type_carry_the_finished_items_keys()
    {
        // A song made first; then the same data folder with no workers, so every task waits.
        string audioId, dataDir, token;
        await using (var working = await ProducerServer.StartAsync())
        {
            var (_, song) = await working.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "calm piano, 30 seconds", instrumental = true });
            var item = song.GetProperty("data")[0];
            Assert.Equal(SongKeys, Keys(item));
            (audioId, dataDir, token) = (item.GetProperty("id").GetString()!, working.DataDir, working.Token);
        }
        await using var server = await ProducerServer.StartAsync(dataDir, o => o with { Workers = 0 }, token);
        async Task<JsonElement> PendingData(string path, object body)
        {
            var (status, accepted) = await server.PostJsonAsync(path, body);
            Assert.True(status == 200, accepted.GetRawText());
            var (_, record) = await server.PostJsonAsync("/producer/tasks", new { id = accepted.GetProperty("task_id").GetString() });
            return record.GetProperty("response").GetProperty("data");
        }

        // A song made afresh, asked for asynchronously, also carries its live stream (waiting, running and done alike).
        string[] streamed = [.. SongKeys, "stream_audio_url"];
        foreach (var (body, keys) in new (object, string[])[]
        {
            (new { action = "generate", prompt = "a song about rain", async = true }, streamed),
            (new { action = "generate", prompt = "rain", custom = true, lyric = "[Verse]\nrain on the roof", async = true }, streamed),
            (new { action = "extend", audio_id = audioId, async = true }, SongKeys),
        })
        {
            var item = (await PendingData("/producer/audios", body))[0];
            Assert.Equal(keys, Keys(item));
            Assert.Equal("pending", item.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, item.GetProperty("audio_url").ValueKind);
        }
        string[] stems = Keys((await PendingData("/producer/stems", new { audio_id = audioId, async = true }))[0]);
        Assert.Equal(["title", "lyric", "stems_url", "model", "progress", "state"], stems);
        // The stems action of /producer/audios answers as /producer/stems does, waiting or done.
        Assert.Equal(stems, Keys((await PendingData("/producer/audios", new { action = "stems", audio_id = audioId, async = true }))[0]));
        Assert.Superset(new HashSet<string> { "title", "file_url" }, Keys((await PendingData("/producer/wav", new { audio_id = audioId, async = true }))[0]).ToHashSet());
        Assert.Superset(new HashSet<string> { "audio_id", "title", "format", "file_url" }, Keys(await PendingData("/producer/download", new { audio_id = audioId, async = true })).ToHashSet());
        Assert.Superset(new HashSet<string> { "audio_id", "title", "video_url" }, Keys(await PendingData("/producer/videos", new { audio_id = audioId, async = true })).ToHashSet());
        Assert.Superset(new HashSet<string> { "text", "title", "status", "lyrics" }, Keys(await PendingData("/producer/lyrics", new { prompt = "rain", async = true })).ToHashSet());
    }
}
