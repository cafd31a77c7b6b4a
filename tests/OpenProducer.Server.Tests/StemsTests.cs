using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

public class StemsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private async Task<(string Id, double Duration)> Song(bool instrumental = false)
    {
        var (_, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "funk with slap bass and organ, 30 seconds", seed = 31, instrumental });
        var item = body.GetProperty("data")[0];
        return (item.GetProperty("id").GetString()!, double.Parse(item.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Downloads a stems zip and reads its WAV entries as 16-bit stereo samples.</summary>
    private async Task<Dictionary<string, short[]>> Zip(string url) => Wav.ReadZip(await Server.DownloadAsync(url, ".zip"));

    private static double ResidualDb(short[] a, short[] b)
    {
        double err = 0, energy = 0;
        for (int i = 0; i < a.Length; i++) { err += Math.Pow(a[i] - b[i], 2); energy += (double)b[i] * b[i]; }
        return 10 * Math.Log10((err + 1e-9) / energy);
    }

    [Fact]
    public async Task Stems_answers_in_the_seed_002_shape_with_exactly_vocals_and_instrumental()
    {
        var (id, duration) = await Song(instrumental: true);
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "stems", audio_id = id });
        Assert.Equal(200, status);
        var item = Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(["title", "lyric", "stems_url", "model", "progress", "state"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Funk with Slap Bass and Organ", item.GetProperty("title").GetString());
        Assert.Equal("succeeded", item.GetProperty("state").GetString());
        var files = await Zip(item.GetProperty("stems_url").GetString()!);
        Assert.Equal(["instrumental.wav", "vocals.wav"], files.Keys.Order());
        Assert.Equal(duration, files["instrumental.wav"].Length / 2 / 44100.0, 0.05);
        Assert.All(files["vocals.wav"], v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task All_stems_has_one_file_per_part_and_sums_to_the_two_stem_split()
    {
        var (id, _) = await Song();
        var (_, two) = await Server.PostJsonAsync("/producer/audios", new { action = "stems", audio_id = id });
        var (_, all) = await Server.PostJsonAsync("/producer/audios", new { action = "all_stems", audio_id = id });
        var pair = await Zip(two.GetProperty("data")[0].GetProperty("stems_url").GetString()!);
        var parts = await Zip(all.GetProperty("data")[0].GetProperty("stems_url").GetString()!);
        Assert.Contains("vocals.wav", parts.Keys);
        Assert.Contains("backing_vocals.wav", parts.Keys);
        Assert.Contains("drums.wav", parts.Keys);
        Assert.Contains("bass.wav", parts.Keys);
        Assert.Contains("organ.wav", parts.Keys);
        Assert.DoesNotContain(parts.Keys, k => k.Contains('/'));
        var sum = new short[pair["instrumental.wav"].Length];
        for (int i = 0; i < sum.Length; i++) sum[i] = (short)Math.Clamp(parts.Values.Sum(p => (int)p[i]), short.MinValue, short.MaxValue);
        var reference = pair["instrumental.wav"].Zip(pair["vocals.wav"], (a, b) => (short)(a + b)).ToArray();
        double residual = ResidualDb(sum, reference);
        Assert.True(residual < -40, $"all_stems sum vs stems sum: {residual:F1} dB");
        Assert.True(parts["drums.wav"].Any(v => v != 0) && parts["organ.wav"].Any(v => v != 0));
        Assert.True(parts["vocals.wav"].Any(v => v != 0), "the written lyric is sung");
    }

    [Fact]
    public async Task The_stems_endpoint_gives_the_same_result_as_a_task_of_its_own_type()
    {
        var (id, _) = await Song();
        var (status, body) = await Server.PostJsonAsync("/producer/stems", new { audio_id = id, async = true });
        Assert.Equal(200, status);
        var record = await Server.WaitForTaskAsync(body.GetProperty("task_id").GetString()!);
        Assert.Equal("stems", record.GetProperty("type").GetString());
        var files = await Zip(record.GetProperty("response").GetProperty("data")[0].GetProperty("stems_url").GetString()!);
        Assert.Equal(["instrumental.wav", "vocals.wav"], files.Keys.Order());
    }

    [Fact]
    public async Task An_unknown_or_foreign_audio_id_is_a_bad_request_naming_audio_id()
    {
        var (id, _) = await Song();
        foreach (var (audioId, token) in new[] { (Guid.NewGuid().ToString(), "default"), (id, Server.CreateToken("other app")) })
        {
            var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "all_stems", audio_id = audioId }, token);
            Assert.Equal(400, status);
            Assert.Equal("audio_id is invalid.", body.GetProperty("error").GetProperty("message").GetString());
        }
        var (missing, b2) = await Server.PostJsonAsync("/producer/stems", new { });
        Assert.Equal(400, missing);
        Assert.Equal("audio_id is required.", b2.GetProperty("error").GetProperty("message").GetString());
    }
}
