using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Xunit.Abstractions;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// One server, one of our own sung songs (its truth known to <c>GET /v1/songs</c>) and that song's m4a uploaded
/// back as a user's recording, shared by the upload editing tests.
/// </summary>
public sealed class UploadFixture() : SongFixture(new { action = "generate", custom = true, lyric = Lyric, prompt = "folk pop with acoustic guitar", seed = 7, vocal_gender = "f" })
{
    public const string Lyric = "[Verse]\nMorning light across the hill\nEvery window warm and still\nCoffee steaming by the door\nFootsteps on the wooden floor\n"
        + "[Chorus]\nSing it loud and sing it clear\nAll the ones we love are here\nHold the moment, hold it near\nSing it loud and sing it clear";

    public JsonElement SourceDetails { get; private set; }
    public JsonElement Upload { get; private set; }
    public JsonElement UploadDetails { get; private set; }
    public string UploadId => Upload.GetProperty("audio_id").GetString()!;
    public short[] UploadWav { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (_, var details) = await Server.GetJsonAsync("/v1/songs/" + Id);
        SourceDetails = details;
        string m4a = await Server.DownloadAsync(Song.GetProperty("audio_url").GetString()!, ".m4a");
        Upload = await Server.UploadFileAsync(m4a);
        (_, details) = await Server.GetJsonAsync("/v1/songs/" + UploadId);
        UploadDetails = details;
        UploadWav = await EditActionTests.WavOf(Server, UploadId);
    }
}

/// <summary>
/// The upload actions through the HTTP pipeline: what is kept of the recording is sample-identical in the lossless
/// WAV, new material plays in the recording's tempo and key as independent tools hear it, joins are clean, and a
/// cover sings the recording's tune in the asked style.
/// </summary>
public class UploadEditTests(UploadFixture fixture, ITestOutputHelper output) : IClassFixture<UploadFixture>
{
    private ProducerServer Server => fixture.Server;
    private const int Rate = 44100;

    private JsonElement Analysis => fixture.UploadDetails.GetProperty("analysis");

    private async Task<(JsonElement Item, JsonElement Details, short[] Wav)> Edit(object request)
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", request);
        Assert.True(status == 200, body.GetRawText());
        var item = body.GetProperty("data")[0].Clone();
        Assert.Equal("succeeded", item.GetProperty("state").GetString());
        var (_, details) = await Server.GetJsonAsync("/v1/songs/" + item.GetProperty("id").GetString());
        return (item, details, await EditActionTests.WavOf(Server, item.GetProperty("id").GetString()!));
    }

    [Fact]
    public void The_upload_is_heard_in_the_songs_tempo_metre_and_key()
    {
        double tempo = fixture.SourceDetails.GetProperty("tempo").GetDouble();
        Assert.True(Media.TempoMatches(Analysis.GetProperty("tempo").GetDouble(), tempo), $"heard {Analysis.GetProperty("tempo")} bpm, made at {tempo}");
        Assert.Equal(fixture.SourceDetails.GetProperty("time_signature").GetString(), Analysis.GetProperty("time_signature").GetString());
        Assert.True(KeyEstimator.SameOrRelative(KeyEstimator.Parse(Analysis.GetProperty("key").GetString()!), KeyEstimator.Parse(fixture.SourceDetails.GetProperty("key").GetString()!)),
            $"heard {Analysis.GetProperty("key")}, made in {fixture.SourceDetails.GetProperty("key")}");
        Assert.True(Analysis.GetProperty("vocals").GetBoolean());
        Assert.Contains("[Female vocals]", fixture.Upload.GetProperty("lyric").GetString());
        Assert.Equal("upload", fixture.UploadDetails.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Upload_extend_keeps_the_recording_to_a_downbeat_and_continues_in_its_tempo_and_key()
    {
        var (item, details, wav) = await Edit(new
        {
            action = "upload_extend", audio_id = fixture.UploadId, continue_at = 20.3, seed = 3,
            lyric = "[Verse]\nDown the river, out of town\nWatch the evening settle down",
        });
        double at = details.GetProperty("recording").GetProperty("continue_at").GetDouble();
        var downbeats = Analysis.GetProperty("downbeats").EnumerateArray().Select(d => d.GetDouble()).ToList();
        Assert.Contains(downbeats, d => Math.Abs(d - at) < 0.001);
        Assert.InRange(at, 20.3 - 3, 20.3 + 3);
        Assert.Equal(0, Joins.Differing(fixture.UploadWav, wav, 0, at - 0.001));
        Assert.True(Joins.Differing(fixture.UploadWav, wav, at + 1, at + 8) > 3 * Rate, "new material follows");
        Joins.AssertSeamless(wav, at, "upload extension", fixture.UploadWav);
        Assert.Contains("Down the river, out of town", item.GetProperty("lyric").GetString());
        AssertNewMaterialInFrame(wav, at + 0.5, wav.Length / 2.0 / Rate - 3);
    }

    [Fact]
    public async Task Upload_replace_section_keeps_the_recording_outside_the_span_and_its_length()
    {
        var (_, details, wav) = await Edit(new
        {
            action = "upload_replace_section", audio_id = fixture.UploadId, replace_section_start = 8.2, replace_section_end = 24.4, seed = 4,
            lyric = "[Verse]\nLanterns swinging in the square\nMusic drifting through the air",
        });
        var span = details.GetProperty("recording");
        double from = span.GetProperty("replace_section_start").GetDouble(), to = span.GetProperty("replace_section_end").GetDouble();
        Assert.Equal(fixture.UploadWav.Length, wav.Length);
        Assert.Equal(0, Joins.Differing(fixture.UploadWav, wav, 0, from - 0.001));
        Assert.Equal(0, Joins.Differing(fixture.UploadWav, wav, to + 0.001, wav.Length / 2.0 / Rate));
        Assert.True(Joins.Differing(fixture.UploadWav, wav, from + 1, to - 1) > Rate, "the span is new");
        Joins.AssertSeamless(wav, from, "start of the replaced span", fixture.UploadWav);
        Joins.AssertSeamless(wav, to, "end of the replaced span", fixture.UploadWav);
        AssertNewMaterialInFrame(wav, from + 0.5, to - 0.5);
    }

    [Fact]
    public async Task The_stems_of_an_upload_are_its_voice_and_the_rest_and_sum_to_it()
    {
        var stems = await EditActionTests.StemsOf(Server, fixture.UploadId);
        Assert.Equal(["instrumental.wav", "vocals.wav"], stems.Keys.Order(StringComparer.Ordinal));
        var (vocals, rest) = (stems["vocals.wav"], stems["instrumental.wav"]);
        Assert.Equal(fixture.UploadWav.Length, vocals.Length);
        int worst = 0;
        for (int i = 0; i < vocals.Length; i++) worst = Math.Max(worst, Math.Abs(vocals[i] + rest[i] - fixture.UploadWav[i]));
        Assert.True(worst <= 2, $"the stems differ from the recording by up to {worst} steps");
        // Against the song's own vocal stem (the recording is that song through AAC): the voice is found.
        var truth = (await EditActionTests.StemsOf(Server, fixture.Id))["vocals.wav"];
        double signal = 0, error = 0;
        for (int i = 0; i < Math.Min(truth.Length, vocals.Length); i++)
        {
            signal += (double)truth[i] * truth[i];
            error += (double)(truth[i] - vocals[i]) * (truth[i] - vocals[i]);
        }
        double sdr = 10 * Math.Log10(signal / error);
        output.WriteLine($"upload vocal SDR = {sdr:F2} dB");
        Assert.True(sdr >= 3, $"vocal SDR {sdr:F1} dB against the song's own vocal stem");
    }

    [Fact]
    public async Task Upload_cover_sings_the_recordings_tune_with_the_asked_style()
    {
        var (item, details, _) = await Edit(new { action = "upload_cover", audio_id = fixture.UploadId, prompt = "synthwave with male vocals", cover_strength = 1.0, seed = 8 });
        Assert.Contains("synth", details.GetProperty("genre").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("m", details.GetProperty("voice").GetProperty("gender").GetString());
        Assert.NotEmpty(details.GetProperty("lines").EnumerateArray());

        // The tune, beat by beat: each song's sung pitch per beat (aubio on its vocal stem), the cover's beats laid
        // on the original's; the alignment of the first bar is searched within a bar either way.
        var original = await SungPitchPerBeat(fixture.Id, fixture.SourceDetails);
        var cover = await SungPitchPerBeat(item.GetProperty("id").GetString()!, details);
        int bpb = int.Parse(details.GetProperty("time_signature").GetString()![..1], CultureInfo.InvariantCulture);
        double best = Enumerable.Range(-bpb, 2 * bpb + 1).Max(lag => Correlation(original, cover, lag));
        output.WriteLine($"cover contour r = {best:F3}");
        Assert.True(best > 0.6, $"the cover's sung contour correlates r = {best:F2} with the recording's");
    }

    [Fact]
    public async Task Swaps_on_an_upload_keep_the_half_they_do_not_swap()
    {
        var upload = await EditActionTests.StemsOf(Server, fixture.UploadId);
        var (item, _, _) = await Edit(new { action = "swap_vocals", audio_id = fixture.UploadId, lyric = "Over the water the lanterns glow\nCarry me home where the rivers go", seed = 6 });
        Assert.Contains("Over the water the lanterns glow", item.GetProperty("lyric").GetString());
        var swapped = await EditActionTests.StemsOf(Server, item.GetProperty("id").GetString()!);
        Assert.Equal(upload["instrumental.wav"], swapped["instrumental.wav"]);
        Assert.True(Joins.Differing(upload["vocals.wav"], swapped["vocals.wav"], 0, fixture.Duration) > 5 * Rate, "a new voice sings");

        var (band, details, wav) = await Edit(new { action = "swap_instrumentals", audio_id = fixture.UploadId, prompt = "reggae", seed = 6 });
        Assert.Equal(fixture.Upload.GetProperty("lyric").GetString(), band.GetProperty("lyric").GetString());
        Assert.Equal("reggae", details.GetProperty("genre").GetString());
        swapped = await EditActionTests.StemsOf(Server, band.GetProperty("id").GetString()!);
        Assert.Equal(upload["vocals.wav"], swapped["vocals.wav"]);
        AssertNewMaterialInFrame(swapped["instrumental.wav"], 1, wav.Length / 2.0 / Rate - 3);
    }

    [Fact]
    public async Task A_variation_of_an_upload_arranges_its_tune_again()
    {
        var (item, details, wav) = await Edit(new { action = "variation", audio_id = fixture.UploadId, seed = 12345, weirdness = 0.8 });
        Assert.NotEqual(fixture.UploadId, item.GetProperty("id").GetString());
        Assert.NotEmpty(details.GetProperty("melody").EnumerateArray());
        Assert.True(Joins.Differing(fixture.UploadWav, wav, 0, 20) > 10 * Rate);
    }

    [Theory]
    [InlineData("sine=frequency=220:duration=6")]
    [InlineData("aevalsrc='0.6*sin(2*PI*440*t)*exp(-8*mod(t\\,0.5))':d=12")]
    public async Task Every_edit_of_a_recording_with_no_song_in_it_answers(string source)
    {
        string path = Path.Combine(Path.GetTempPath(), $"odd-{Guid.NewGuid():N}.wav");
        try
        {
            Media.Run("ffmpeg", $"-hide_banner -loglevel error -y -f lavfi -i \"{source}\" -ac 2 \"{path}\"");
            string id = await UploadAsync(path);
            foreach (var edit in new object[]
            {
                new { action = "upload_extend", audio_id = id, continue_at = 3, seed = 1 },
                new { action = "upload_cover", audio_id = id, prompt = "lofi hip hop", seed = 1 },
                new { action = "swap_instrumentals", audio_id = id, prompt = "jazz trio", seed = 1 },
                new { action = "upload_replace_section", audio_id = id, replace_section_start = 1, replace_section_end = 5, seed = 1 },
            })
            {
                var (status, answer) = await Server.PostJsonAsync("/producer/audios", edit);
                // A song, or the spec's error saying what cannot be done with this recording; never a failure of ours.
                Assert.True(status == 200 || status == 400 && answer.GetProperty("error").GetProperty("code").GetString() == "bad_request", answer.GetRawText());
                if (status == 200) Assert.Equal("succeeded", answer.GetProperty("data")[0].GetProperty("state").GetString());
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task An_uploads_lossless_audio_is_its_recording_and_a_score_of_it_is_refused_and_refunded()
    {
        string path = Path.Combine(Path.GetTempPath(), $"take-{Guid.NewGuid():N}.wav");
        try
        {
            Media.Run("ffmpeg", $"-hide_banner -loglevel error -y -f lavfi -i \"sine=frequency=330:duration=3\" -ac 2 -ar 44100 -c:a pcm_s16le \"{path}\"");
            string id = await UploadAsync(path);
            var original = Wav.Read(await File.ReadAllBytesAsync(path));
            Assert.Equal(original, await EditActionTests.WavOf(Server, id));
            foreach (var (endpoint, request, message) in new (string, object, string)[]
            {
                ("/producer/download", new { audio_id = id, format = "midi", async = true }, "A MIDI file of an uploaded recording cannot be made"),
                ("/producer/videos", new { audio_id = id, async = true }, "A video of an uploaded recording cannot be made"),
            })
            {
                var (_, accepted) = await Server.PostJsonAsync(endpoint, request);
                var record = await Server.WaitForTaskAsync(accepted.GetProperty("task_id").GetString()!);
                var error = record.GetProperty("response").GetProperty("error");
                Assert.Equal("bad_request", error.GetProperty("code").GetString());
                Assert.StartsWith(message, error.GetProperty("message").GetString());
                Assert.True(record.GetProperty("refunded").GetBoolean());
            }
        }
        finally { File.Delete(path); }
    }

    private async Task<string> UploadAsync(string path) => (await Server.UploadFileAsync(path)).GetProperty("audio_id").GetString()!;

    /// <summary>aubio's tempo and an independent key estimate of the new material agree with the recording's.</summary>
    private void AssertNewMaterialInFrame(short[] wav, double from, double to)
    {
        string path = Path.Combine(Path.GetTempPath(), $"new-{Guid.NewGuid():N}.wav");
        try
        {
            Wav.Write(wav, path, (int)(from * Rate), (int)(to * Rate));
            double tempo = Analysis.GetProperty("tempo").GetDouble(), heard = Media.AubioTempo(path);
            output.WriteLine($"new material {from:F1}–{to:F1} s: aubio {heard:F1} bpm against {tempo}");
            Assert.True(Media.TempoMatches(heard, tempo), $"new material at {heard:F1} bpm, the recording at {tempo}");
            var mono = Media.DecodeMono(path);
            var key = KeyEstimator.Name(KeyEstimator.Estimate(mono));
            output.WriteLine($"new material key {key} against {Analysis.GetProperty("key")}");
            Assert.True(KeyEstimator.SameOrRelative(KeyEstimator.Parse(key), KeyEstimator.Parse(Analysis.GetProperty("key").GetString()!)), $"new material in {key}, the recording in {Analysis.GetProperty("key")}");
        }
        finally { File.Delete(path); }
    }

    /// <summary>The median sung pitch (MIDI) on each beat of a song's vocal stem, by beat number from the song's first bar line.</summary>
    private async Task<Dictionary<int, double>> SungPitchPerBeat(string id, JsonElement details)
    {
        var (status, body) = await Server.PostJsonAsync("/producer/stems", new { audio_id = id });
        Assert.True(status == 200, body.GetRawText());
        string zip = await Server.DownloadAsync(body.GetProperty("data")[0].GetProperty("stems_url").GetString()!, ".zip");
        string vocals = Path.Combine(Path.GetTempPath(), $"vocals-{Guid.NewGuid():N}.wav");
        try
        {
            using (var archive = ZipFile.OpenRead(zip)) archive.Entries.Single(e => e.Name.StartsWith("vocals", StringComparison.Ordinal)).ExtractToFile(vocals);
            double beat = 60 / details.GetProperty("tempo").GetDouble();
            double origin = details.GetProperty("sections")[0].GetProperty("start").GetDouble();
            // Frames the tracker puts outside any singer's range (C2–C6) are its errors on breaths and reverb tails.
            return Media.AubioPitch(vocals, "midi").Where(p => p.Value is >= 36 and <= 84).GroupBy(p => (int)Math.Floor((p.Time - origin) / beat))
                .Where(g => g.Count() >= 3).ToDictionary(g => g.Key, g => g.Select(p => p.Value).Order().ElementAt(g.Count() / 2));
        }
        finally { File.Delete(vocals); }
    }

    private static double Correlation(Dictionary<int, double> a, Dictionary<int, double> b, int lag)
    {
        var pairs = a.Where(p => b.ContainsKey(p.Key + lag)).Select(p => (X: p.Value, Y: b[p.Key + lag])).ToList();
        if (pairs.Count < 16) return double.NegativeInfinity;
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        double sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my)), sx = pairs.Sum(p => (p.X - mx) * (p.X - mx)), sy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxy / Math.Sqrt(sx * sy + 1e-12);
    }
}
