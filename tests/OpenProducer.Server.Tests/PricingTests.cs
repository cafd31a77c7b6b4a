using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>Prices by model: what is made from a song, or of it, is priced and named by the model that makes it.</summary>
public class PricingTests
{
    private static async Task<JsonElement> Record(ProducerServer server, string taskId) =>
        (await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = taskId })).Body;

    [Fact]
    public async Task Edits_and_stems_are_priced_and_named_by_the_source_songs_model_not_the_one_sent()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with
        {
            Prices = "stems@FUZZ-0.8=1,stems@FUZZ-1.0=7,extend_music@FUZZ-0.8=1,extend_music@FUZZ-1.0=13",
        });
        var (status, song) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "calm piano, 30 seconds", instrumental = true, model = "FUZZ-1.0" });
        Assert.Equal(200, status);
        string audioId = song.GetProperty("data")[0].GetProperty("id").GetString()!;

        var (_, stems) = await server.PostJsonAsync("/producer/audios", new { action = "stems", audio_id = audioId, model = "FUZZ-0.8", async = true });
        Assert.Equal(7, (await Record(server, stems.GetProperty("task_id").GetString()!)).GetProperty("credits").GetInt64());

        var (_, extend) = await server.PostJsonAsync("/producer/audios",
            new { action = "extend_music", audioId, model = "FUZZ-0.8", extendDuration = 10, async = true });
        var record = await Record(server, extend.GetProperty("task_id").GetString()!);
        Assert.Equal(13, record.GetProperty("credits").GetInt64());
        Assert.Equal("FUZZ-1.0", record.GetProperty("response").GetProperty("data")[0].GetProperty("model").GetString());
    }
}
