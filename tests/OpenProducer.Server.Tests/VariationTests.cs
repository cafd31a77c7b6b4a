using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Variations honour the fields the seeds' own examples send with them: new words (lyric, lyrics) sung on the varied
/// tune, no voice (instrumental, makeInstrumental), and sounds that pull the style.
/// </summary>
public class VariationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";
    private const string NewLyric = "[Verse]\nRain is falling on the quiet town\nStreet lights shining as the sun goes down\n[Chorus]\nHold me close until the morning comes\nHear the thunder rolling like the drums";

    private async Task<(JsonElement Item, JsonElement Details)> Song(Dictionary<string, object> request)
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", request);
        Assert.True(status == 200, body.GetRawText());
        var item = body.GetProperty("data")[0];
        var (_, details) = await Server.GetJsonAsync("/v1/songs/" + item.GetProperty("id").GetString());
        return (item, details);
    }

    private static string[] Lines(JsonElement details) => [.. details.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!)];

    [Fact]
    public async Task A_variation_sings_new_words_leaves_the_voice_out_and_takes_a_style_pull_when_asked()
    {
        var (source, sourceDetails) = await Song(new() { ["action"] = "generate", ["custom"] = true, ["lyric"] = Lyric, ["prompt"] = "calm piano ballad", ["seed"] = 41 });
        string id = source.GetProperty("id").GetString()!;
        Assert.DoesNotContain(sourceDetails.GetProperty("instruments").EnumerateArray(), i => i.GetString()!.Contains("Sax"));

        // The seed's example: the same request shape as a custom song.
        var (worded, wordedDetails) = await Song(new() { ["action"] = "variation", ["audio_id"] = id, ["lyric"] = NewLyric, ["custom"] = true, ["instrumental"] = false, ["seed"] = 7 });
        Assert.Equal(NewLyric, worded.GetProperty("lyric").GetString());
        Assert.Equal(["Rain is falling on the quiet town", "Street lights shining as the sun goes down", "Hold me close until the morning comes", "Hear the thunder rolling like the drums"],
            Lines(wordedDetails));
        Assert.Equal(sourceDetails.GetProperty("key").GetString(), wordedDetails.GetProperty("key").GetString());

        var (bare, bareDetails) = await Song(new() { ["action"] = "variation", ["audio_id"] = id, ["instrumental"] = true, ["seed"] = 7 });
        Assert.Equal("[Instrumental]", bare.GetProperty("lyric").GetString());
        Assert.Empty(Lines(bareDetails));
        Assert.Equal(JsonValueKind.Null, bareDetails.GetProperty("voice").ValueKind);

        var (pulled, pulledDetails) = await Song(new()
        {
            ["action"] = "music_variation", ["audioId"] = id, ["sounds"] = new object[] { new { text = "", strength = 0.5 }, new { text = "saxophone lead", strength = 1 } }, ["seed"] = 7,
        });
        Assert.Contains(pulledDetails.GetProperty("instruments").EnumerateArray(), i => i.GetString()!.Contains("Sax"));
        Assert.Equal(Lyric, pulled.GetProperty("lyric").GetString());
    }
}
