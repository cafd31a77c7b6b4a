using System.Text.Json;
using Xunit.Abstractions;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>One server and one sung source song, shared by the editing tests.</summary>
public sealed class EditFixture() : SongFixture(new { action = "generate", custom = true, lyric = Lyric, prompt = "upbeat pop with piano", seed = 5, vocal_gender = "m" })
{
    public const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    public JsonElement Source => Song;
    public JsonElement SourceDetails { get; private set; }
    public string SourceId => Id;
    public short[] SourceWav { get; private set; } = [];
    public Dictionary<string, short[]> SourceStems { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (_, var details) = await Server.GetJsonAsync("/v1/songs/" + SourceId);
        SourceDetails = details;
        SourceWav = await EditActionTests.WavOf(Server, SourceId);
        SourceStems = await EditActionTests.StemsOf(Server, SourceId);
    }
}

/// <summary>
/// Every editing action in both dialects, through the HTTP pipeline, judged on the lossless audio: what an edit
/// keeps is sample-identical, what it changes is different, and every join is free of clicks and level jumps.
/// </summary>
public class EditActionTests(EditFixture fixture, ITestOutputHelper output) : IClassFixture<EditFixture>
{
    private ProducerServer Server => fixture.Server;
    private const int Rate = 44100;

    public static async Task<short[]> WavOf(ProducerServer server, string id)
    {
        var (status, body) = await server.PostJsonAsync("/producer/wav", new { audio_id = id });
        Assert.True(status == 200, body.GetRawText());
        var item = Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(["title", "file_url"], item.EnumerateObject().Select(p => p.Name));
        return Wav.Read(await File.ReadAllBytesAsync(await server.DownloadAsync(item.GetProperty("file_url").GetString()!, ".wav")));
    }

    public static async Task<Dictionary<string, short[]>> StemsOf(ProducerServer server, string id)
    {
        var (status, body) = await server.PostJsonAsync("/producer/stems", new { audio_id = id });
        Assert.True(status == 200, body.GetRawText());
        return Wav.ReadZip(await server.DownloadAsync(body.GetProperty("data")[0].GetProperty("stems_url").GetString()!, ".zip"));
    }

    private async Task<(JsonElement Item, JsonElement Details)> Edit(Dictionary<string, object> request)
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", request);
        Assert.True(status == 200, body.GetRawText());
        var item = body.GetProperty("data")[0];
        Assert.Equal("succeeded", item.GetProperty("state").GetString());
        Assert.NotEqual(fixture.SourceId, item.GetProperty("id").GetString());
        var (_, details) = await Server.GetJsonAsync("/v1/songs/" + item.GetProperty("id").GetString());
        return (item.Clone(), details);
    }

    private static double Seconds(short[] interleaved) => interleaved.Length / 2.0 / Rate;

    private void AssertSeamless(short[] audio, double at, string what) => Joins.AssertSeamless(audio, at, what, fixture.SourceWav);

    private static int Differing(short[] a, short[] b, double from, double to) => Joins.Differing(a, b, from, to);

    private Dictionary<string, object> Request(string action, bool camel, params (string Key, object Value)[] fields)
    {
        var r = new Dictionary<string, object> { ["action"] = action, [camel ? "audioId" : "audio_id"] = fixture.SourceId };
        foreach (var (k, v) in fields) r[k] = v;
        return r;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Extend_keeps_the_song_up_to_the_point_and_continues_it(bool camel)
    {
        const double at = 12;
        const string more = "[Verse]\nDancing through the city streets\nA rhythm pounding in my heartbeat";
        var request = camel
            ? Request("extend_music", true, ("continueAt", at), ("extendDuration", 20), ("lyrics", more), ("seed", 21))
            : Request("extend", false, ("continue_at", at), ("lyric", more), ("seed", 21));
        var (item, details) = await Edit(request);
        var wav = await WavOf(Server, item.GetProperty("id").GetString()!);

        Assert.Equal(0, Differing(fixture.SourceWav, wav, 0, at));
        Assert.True(Differing(fixture.SourceWav, wav, at + 3, at + 10) > 3 * Rate, "new material follows");
        if (camel) Assert.InRange(Seconds(wav), at + 20 - 3, at + 20 + 4);
        // Two sung lines make a four-bar verse, then a four-bar outro: about 16 s of new music and the last chord's ring.
        else Assert.InRange(Seconds(wav), at + 14, at + 24);
        AssertSeamless(wav, at, "extension");
        Assert.Contains("Dancing through the city streets", item.GetProperty("lyric").GetString());
        Assert.StartsWith("[Verse]\nWoke up with the sun in my eyes", item.GetProperty("lyric").GetString());
        // The same frame: key, tempo and voice continue.
        Assert.Equal(fixture.SourceDetails.GetProperty("key").GetString(), details.GetProperty("key").GetString());
        Assert.Equal(fixture.SourceDetails.GetProperty("tempo").GetDouble(), details.GetProperty("tempo").GetDouble());
        Assert.Equal("m", details.GetProperty("voice").GetProperty("gender").GetString());

        // The new song is a song like any other: its stems sum to its master, and it can be extended again.
        var stems = await StemsOf(Server, item.GetProperty("id").GetString()!);
        int loud = 0;
        for (int i = 0; i < wav.Length; i++) if (Math.Abs(stems["vocals.wav"][i] + stems["instrumental.wav"][i] - wav[i]) > 2) loud++;
        Assert.True(loud < wav.Length / 1000, $"{loud} samples where the stems do not sum to the master");
        var (again, _) = await Edit(new Dictionary<string, object>
            { ["action"] = "extend", ["audio_id"] = item.GetProperty("id").GetString()!, ["continue_at"] = Seconds(wav) - 5, ["seed"] = 3 });
        var wav2 = await WavOf(Server, again.GetProperty("id").GetString()!);
        Assert.Equal(0, Differing(wav, wav2, 0, Seconds(wav) - 5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Replace_changes_only_the_span(bool camel)
    {
        const double from = 10, to = 20;
        const string words = "[Bridge]\nThrow your worries out the door\nLet them sink to the ocean floor";
        var request = camel
            ? Request("replace_music", true, ("replaceStart", from), ("replaceEnd", to), ("lyrics", words), ("seed", 22))
            : Request("replace_section", false, ("replace_section_start", from), ("replace_section_end", to), ("lyric", words), ("seed", 22));
        var (item, details) = await Edit(request);
        var wav = await WavOf(Server, item.GetProperty("id").GetString()!);

        Assert.Equal(fixture.SourceWav.Length, wav.Length);
        Assert.Equal(0, Differing(fixture.SourceWav, wav, 0, from));
        Assert.Equal(0, Differing(fixture.SourceWav, wav, to, 1000));
        Assert.True(Differing(fixture.SourceWav, wav, from, to) > (to - from) * Rate * 0.5, "the span is new");
        AssertSeamless(wav, from, "start of the span");
        AssertSeamless(wav, to, "end of the span");
        Assert.Contains("Throw your worries out the door", item.GetProperty("lyric").GetString());
        Assert.Contains(details.GetProperty("lines").EnumerateArray(), l => l.GetProperty("text").GetString() == "Let them sink to the ocean floor");

        // all_stems of an edited song: one file per part, summing to its master.
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "all_stems", audio_id = item.GetProperty("id").GetString() });
        Assert.True(status == 200, body.GetRawText());
        var parts = Wav.ReadZip(await Server.DownloadAsync(body.GetProperty("data")[0].GetProperty("stems_url").GetString()!, ".zip"));
        Assert.Contains("vocals.wav", parts.Keys);
        Assert.Contains("drums.wav", parts.Keys);
        int off = 0;
        for (int i = 0; i < wav.Length; i++) if (Math.Abs(parts.Values.Sum(p => p[i]) - wav[i]) > parts.Count) off++;
        Assert.True(off < wav.Length / 1000, $"{off} samples where the parts do not sum to the master");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Swap_vocals_keeps_the_instrumental_and_changes_the_voice(bool camel)
    {
        var request = camel
            ? Request("swap_music_vocals", true, ("sounds", new[] { new { text = "a clear female voice", strength = 1 } }), ("seed", 23))
            : Request("swap_vocals", false, ("vocal_gender", "f"), ("prompt", "bright pop vocal"), ("seed", 23));
        var (item, details) = await Edit(request);
        var stems = await StemsOf(Server, item.GetProperty("id").GetString()!);

        Assert.Equal(fixture.SourceStems["instrumental.wav"], stems["instrumental.wav"]);
        Assert.Equal("f", details.GetProperty("voice").GetProperty("gender").GetString());
        Assert.NotEqual(fixture.SourceStems["vocals.wav"], stems["vocals.wav"]);
        Assert.True(Media.RmsDb(ToFloat(stems["vocals.wav"])) > -40, "the new voice sings");
        Assert.Equal(fixture.Source.GetProperty("lyric").GetString(), item.GetProperty("lyric").GetString());

        // A variation of an edited song is a sibling of the edit: the same words and new voice, new music.
        var (variation, variationDetails) = await Edit(new Dictionary<string, object> { ["action"] = "variation", ["audio_id"] = item.GetProperty("id").GetString()!, ["seed"] = 8 });
        Assert.Equal("f", variationDetails.GetProperty("voice").GetProperty("gender").GetString());
        Assert.Equal(item.GetProperty("lyric").GetString(), variation.GetProperty("lyric").GetString());
    }

    [Fact]
    public async Task A_voice_that_sings_one_line_in_place_of_four_leaves_the_song_at_its_loudness()
    {
        // The band was mastered under a voice that sang four lines; one line alone would leave the song short of the
        // master's loudness, so every part comes up by one gain curve and the parts still sum to the master.
        var (item, _) = await Edit(Request("swap_vocals", false, ("lyric", "[Verse]\nOnly one line is left to sing"), ("seed", 26)));
        var (lufs, truePeak) = Media.Ebur128(await Server.DownloadAsync(item.GetProperty("audio_url").GetString()!, ".m4a"));
        var (sourceLufs, _) = Media.Ebur128(await Server.DownloadAsync(fixture.Source.GetProperty("audio_url").GetString()!, ".m4a"));
        output.WriteLine($"source {sourceLufs:0.0} LUFS, one-line swap {lufs:0.0} LUFS, true peak {truePeak:0.0} dBTP");
        Assert.InRange(lufs, sourceLufs - 0.9, sourceLufs + 0.5);
        Assert.True(truePeak <= -0.9, $"true peak {truePeak:0.0} dBTP");

        string id = item.GetProperty("id").GetString()!;
        var wav = await WavOf(Server, id);
        var stems = await StemsOf(Server, id);
        Assert.NotEqual(fixture.SourceStems["instrumental.wav"], stems["instrumental.wav"]);
        int off = 0;
        for (int i = 0; i < wav.Length; i++) if (Math.Abs(stems.Values.Sum(p => p[i]) - wav[i]) > stems.Count) off++;
        Assert.True(off < wav.Length / 1000, $"{off} samples where the parts do not sum to the master");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Swap_instrumentals_keeps_the_vocal_and_changes_the_band(bool camel)
    {
        var request = camel
            ? Request("swap_music_sound", true, ("sounds", new[] { new { text = "dark rock with distorted guitar", strength = 0.9 } }), ("seed", 24))
            : Request("swap_instrumentals", false, ("prompt", "dark rock with distorted guitar"), ("seed", 24));
        var (item, details) = await Edit(request);
        var stems = await StemsOf(Server, item.GetProperty("id").GetString()!);

        Assert.Equal(fixture.SourceStems["vocals.wav"], stems["vocals.wav"]);
        Assert.NotEqual(fixture.SourceStems["instrumental.wav"], stems["instrumental.wav"]);
        Assert.Contains(details.GetProperty("instruments").EnumerateArray(), i => i.GetString()!.Contains("Guitar"));
        Assert.DoesNotContain(fixture.SourceDetails.GetProperty("instruments").EnumerateArray(), i => i.GetString()!.Contains("Distortion"));
        Assert.Equal(fixture.SourceDetails.GetProperty("tempo").GetDouble(), details.GetProperty("tempo").GetDouble());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cover_keeps_the_tune_and_changes_the_instruments(bool camel)
    {
        var request = camel
            ? Request("cover_music", true, ("sounds", new[] { new { text = "smooth jazz with saxophone", strength = 0.8 } }), ("coverStrength", 1), ("seed", 25))
            : Request("cover", false, ("prompt", "smooth jazz with saxophone"), ("cover_strength", 1), ("seed", 25));
        var (item, details) = await Edit(request);
        var stems = await StemsOf(Server, item.GetProperty("id").GetString()!);

        Assert.NotEqual(
            fixture.SourceDetails.GetProperty("instruments").EnumerateArray().Select(i => i.GetString()).Order(),
            details.GetProperty("instruments").EnumerateArray().Select(i => i.GetString()).Order());
        Assert.Equal(fixture.Source.GetProperty("lyric").GetString(), item.GetProperty("lyric").GetString());
        // The sung pitch, measured in both songs at the same places in the tune (beats, as the tempo may move).
        var original = Contour(fixture.SourceStems["vocals.wav"], fixture.SourceDetails);
        var cover = Contour(stems["vocals.wav"], details);
        var pairs = original.Zip(cover).Where(p => p.First > 0 && p.Second > 0).ToList();
        Assert.True(pairs.Count > 40, $"{pairs.Count} beats voiced in both");
        double r = Correlation(pairs.Select(p => p.First).ToArray(), pairs.Select(p => p.Second).ToArray());
        Assert.True(r > 0.6, $"the vocal pitch contours correlate at r = {r:F2}");
    }

    /// <summary>The median sung MIDI pitch on each half beat of the song (0 where the voice is silent).</summary>
    private static double[] Contour(short[] vocals, JsonElement details)
    {
        var audio = new Engine.Core.AudioBuffer(vocals.Length / 2, Rate);
        for (int i = 0; i < audio.Frames; i++) { audio.Left[i] = vocals[2 * i] / 32768f; audio.Right[i] = vocals[2 * i + 1] / 32768f; }
        var pitch = Media.AubioPitch(audio, "midi");
        double spb = 60 / details.GetProperty("tempo").GetDouble();
        double leadIn = details.GetProperty("sections")[0].GetProperty("start").GetDouble();
        int halfBeats = (int)((audio.Seconds - leadIn) / spb * 2);
        var result = new double[halfBeats];
        for (int k = 0; k < halfBeats; k++)
        {
            double from = leadIn + k * spb / 2, to = from + spb / 2;
            var inside = pitch.Where(p => p.Time >= from && p.Time < to && p.Value > 30).Select(p => p.Value).Order().ToList();
            result[k] = inside.Count >= 3 ? inside[inside.Count / 2] : 0;
        }
        return result;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    private static float[] ToFloat(short[] s) => s.Select(v => v / 32768f).ToArray();

    [Theory]
    [InlineData("replace_section", "replace_section_start", 20.0, "replace_section_end", 10.0, "replace_section_end is invalid")]
    [InlineData("replace_section", "replace_section_start", 5.0, "replace_section_end", 5.5, "at least 1 second")]
    [InlineData("replace_section", "replace_section_start", 5.0, "replace_section_end", 999.0, "the song's duration")]
    [InlineData("replace_music", "replaceStart", 5.0, "replaceEnd", 999.0, "replaceEnd is invalid")]
    [InlineData("extend", "continue_at", 999.0, "seed", 1.0, "continue_at is invalid")]
    [InlineData("extend_music", "continueAt", 999.0, "seed", 1.0, "continueAt is invalid")]
    [InlineData("extend_music", "continueAt", 10.0, "extendDuration", 0.0, "extendDuration is invalid")]
    [InlineData("cover", "cover_strength", 0.1, "seed", 1.0, "cover_strength is invalid")]
    [InlineData("cover_music", "coverStrength", 1.5, "seed", 1.0, "coverStrength is invalid")]
    public async Task Times_and_strengths_outside_their_ranges_are_bad_requests(string action, string a, double va, string b, double vb, string message)
    {
        var r = new Dictionary<string, object> { ["action"] = action, [action.Contains("_music") ? "audioId" : "audio_id"] = fixture.SourceId, [a] = va, [b] = vb };
        var (status, body) = await Server.PostJsonAsync("/producer/audios", r);
        Assert.Equal(400, status);
        Assert.Equal("bad_request", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(message, body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Edits_name_a_missing_span_and_refuse_spans_on_sounds_and_other_peoples_songs()
    {
        var (s1, b1) = await Server.PostJsonAsync("/producer/audios", new { action = "replace_section", audio_id = fixture.SourceId, replace_section_start = 3 });
        Assert.Equal((400, "replace_section_end is required."), (s1, b1.GetProperty("error").GetProperty("message").GetString()));
        var (s2, b2) = await Server.PostJsonAsync("/producer/audios",
            new { action = "swap_music_sound", audioId = fixture.SourceId, sounds = new[] { new { text = "rock", strength = 0.5, timeStart = 1 } } });
        Assert.Equal((400, "sounds[0].timeStart is only accepted by create_music."), (s2, b2.GetProperty("error").GetProperty("message").GetString()));
        var (s3, b3) = await Server.PostJsonAsync("/producer/audios",
            new { action = "swap_music_sound", audioId = fixture.SourceId, sounds = new[] { new { text = "rock", strength = -0.5 } } });
        Assert.Equal(400, s3);
        Assert.Contains("sounds[0].strength is invalid", b3.GetProperty("error").GetProperty("message").GetString());
        string other = Server.CreateToken("someone else");
        var (s4, b4) = await Server.PostJsonAsync("/producer/audios", new { action = "extend", audio_id = fixture.SourceId, continue_at = 5 }, other);
        Assert.Equal((400, "audio_id is invalid."), (s4, b4.GetProperty("error").GetProperty("message").GetString()));
    }
}
