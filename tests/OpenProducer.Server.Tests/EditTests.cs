using System.Text.Json;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>Editing actions on our own songs, through the HTTP API, judged on the audio.</summary>
public class EditTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    private async Task<(JsonElement Item, JsonElement Details, float[] Audio)> Song(object request)
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", request);
        Assert.True(status == 200, body.GetRawText());
        var item = body.GetProperty("data")[0];
        var (_, details) = await Server.GetJsonAsync("/v1/songs/" + item.GetProperty("id").GetString());
        string path = await Server.DownloadAsync(item.GetProperty("audio_url").GetString()!, ".m4a");
        return (item, details, Media.DecodeMono(path));
    }

    private static int[] Pitches(JsonElement details) =>
        details.GetProperty("melody").EnumerateArray().Select(m => m.GetProperty("pitch").GetInt32()).ToArray();

    [Theory]
    [InlineData("variation", "audio_id")]
    [InlineData("music_variation", "audioId")]
    public async Task A_variation_keeps_key_tempo_and_words_and_changes_the_music(string action, string idField)
    {
        var (source, sourceDetails, sourceAudio) = await Song(new { action = "generate", custom = true, lyric = Lyric, prompt = "pop", seed = 41, vocal_gender = "f" });
        var request = new Dictionary<string, object> { ["action"] = action, [idField] = source.GetProperty("id").GetString()!, ["seed"] = 7 };
        var (variation, details, audio) = await Song(request);

        Assert.NotEqual(source.GetProperty("id").GetString(), variation.GetProperty("id").GetString());
        Assert.Equal(source.GetProperty("lyric").GetString(), variation.GetProperty("lyric").GetString());
        Assert.Equal(source.GetProperty("title").GetString(), variation.GetProperty("title").GetString());
        Assert.Equal(sourceDetails.GetProperty("key").GetString(), details.GetProperty("key").GetString());
        Assert.Equal(sourceDetails.GetProperty("tempo").GetDouble(), details.GetProperty("tempo").GetDouble());
        Assert.Equal("f", details.GetProperty("voice").GetProperty("gender").GetString());
        Assert.Equal(
            sourceDetails.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()),
            details.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        // Different notes, different audio.
        var a = Pitches(sourceDetails);
        var b = Pitches(details);
        int same = a.Zip(b).Count(p => p.First == p.Second);
        Assert.True(same < Math.Min(a.Length, b.Length) * 0.7, $"{same} of {Math.Min(a.Length, b.Length)} notes unchanged");
        int n = Math.Min(sourceAudio.Length, audio.Length);
        double diff = 0, energy = 0;
        for (int i = 0; i < n; i++) { double d = audio[i] - sourceAudio[i]; diff += d * d; energy += sourceAudio[i] * (double)sourceAudio[i]; }
        Assert.True(10 * Math.Log10(diff / energy) > -6, "the variation sounds different");

        // The variation is a song of its own: it has stems, and the same variation again is the same audio.
        var (stemsStatus, _) = await Server.PostJsonAsync("/producer/audios", new { action = "all_stems", audio_id = variation.GetProperty("id").GetString() });
        Assert.Equal(200, stemsStatus);
        var (_, _, again) = await Song(request);
        Assert.Equal(audio, again);
    }

    [Fact]
    public async Task A_variation_of_a_song_that_is_not_yours_is_a_bad_audio_id()
    {
        var (s, b) = await Server.PostJsonAsync("/producer/audios", new { action = "variation", audio_id = Guid.NewGuid().ToString() });
        Assert.Equal(400, s);
        Assert.Equal("audio_id is invalid.", b.GetProperty("error").GetProperty("message").GetString());
        var (s2, b2) = await Server.PostJsonAsync("/producer/audios", new { action = "music_variation" });
        Assert.Equal(400, s2);
        Assert.Equal("audioId is required.", b2.GetProperty("error").GetProperty("message").GetString());
    }
}
