using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

public class GenerateTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private static readonly string[] ItemKeys =
        ["id", "title", "image_url", "lyric", "audio_url", "video_url", "image_id", "topic", "seed", "sound", "created_at", "model", "progress", "state", "duration"];

    [Fact]
    public async Task A_synchronous_generate_answers_with_the_seed_002_shape_and_a_real_song()
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios",
            new { action = "generate", model = "FUZZ-2.0 Pro", prompt = "A song for Christmas, 35 seconds" });
        Assert.Equal(200, status);
        Assert.Equal(["success", "task_id", "trace_id", "data"], body.EnumerateObject().Select(p => p.Name));
        Assert.True(body.GetProperty("success").GetBoolean());
        var item = Assert.Single(body.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(ItemKeys, item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("video_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("topic").ValueKind);
        Assert.Equal(item.GetProperty("id").GetString(), item.GetProperty("image_id").GetString());
        Assert.Equal("FUZZ-2.0 Pro", item.GetProperty("model").GetString());
        Assert.Equal("100%", item.GetProperty("progress").GetString());
        Assert.Equal("succeeded", item.GetProperty("state").GetString());
        // Inspiration mode: the engine wrote the words, and sings them.
        string written = item.GetProperty("lyric").GetString()!;
        Assert.Contains("[Chorus]", written);
        Assert.True(written.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('[')) >= 4, written);
        Assert.Equal("A song for Christmas, 35 seconds", item.GetProperty("sound").GetString());
        Assert.Matches(@"^\d+$", item.GetProperty("seed").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", item.GetProperty("created_at").GetString());

        double duration = double.Parse(item.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        string audio = await Server.DownloadAsync(item.GetProperty("audio_url").GetString()!, ".m4a");
        Assert.Equal(duration, Media.Duration(audio), 0.05);
        Assert.InRange(duration, 35 - 8, 35 + 8);
        var samples = Media.DecodeMono(audio);
        Assert.True(Media.RmsDb(samples) > -30, "the song is silent");
        // No stretch longer than 2 s below -60 dB before the final fade.
        int window = 4410, quiet = 0;
        for (int i = 0; i + window < samples.Length - 3 * 44100; i += window)
        {
            quiet = Media.RmsDb(samples.AsSpan(i, window)) < -60 ? quiet + 1 : 0;
            Assert.True(quiet < 20, $"silence at {i / 44100.0:F1} s");
        }

        string image = await Server.DownloadAsync(item.GetProperty("image_url").GetString()!, ".jpg");
        Assert.Contains("1024x1024", Media.Run("ffprobe", $"-v error -show_entries stream=width,height -of csv=s=x:p=0 \"{image}\"").Trim());
    }

    [Fact]
    public async Task Audio_links_work_without_a_token_and_support_byte_ranges()
    {
        var (_, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "lofi beat, 30 seconds", model = "FUZZ-1.0" });
        string url = body.GetProperty("data")[0].GetProperty("audio_url").GetString()!;
        Assert.StartsWith(Server.BaseUrl + "/files/", url);
        Assert.Matches(@"/files/[0-9a-f]{32}/", url);
        using var plain = new HttpClient();
        using var full = await plain.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("audio/mp4", full.Content.Headers.ContentType!.MediaType);
        long length = full.Content.Headers.ContentLength!.Value;
        var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var part = await plain.SendAsync(req);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal($"bytes 100-199/{length}", part.Content.Headers.ContentRange!.ToString());
        // A wrong key is not found, in the API's error shape.
        using var guessed = await plain.GetAsync(System.Text.RegularExpressions.Regex.Replace(url, "/files/[0-9a-f]{32}/", "/files/" + new string('0', 32) + "/"));
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [Fact]
    public async Task The_song_follows_the_prompted_tempo()
    {
        var (_, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "driving rock at 132 bpm, 40 seconds", seed = 11 });
        string audio = await Server.DownloadAsync(body.GetProperty("data")[0].GetProperty("audio_url").GetString()!, ".m4a");
        double bpm = Media.AubioTempo(audio);
        Assert.True(Media.TempoMatches(bpm, 132), $"aubio measured {bpm:F1} bpm");
    }

    [Fact]
    public async Task Custom_mode_keeps_the_lyric_and_takes_the_title_from_the_first_line()
    {
        const string lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in";
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", custom = true, lyric, prompt = "pop", seed = "12345" });
        Assert.Equal(200, status);
        var item = body.GetProperty("data")[0];
        Assert.Equal(lyric, item.GetProperty("lyric").GetString());
        Assert.Equal("Woke up with the sun in my eyes", item.GetProperty("title").GetString());
        Assert.Equal("12345", item.GetProperty("seed").GetString());
        var (_, titled) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", custom = true, lyric, title = "My Title", instrumental = true });
        Assert.Equal("My Title", titled.GetProperty("data")[0].GetProperty("title").GetString());
        Assert.Equal("[Instrumental]", titled.GetProperty("data")[0].GetProperty("lyric").GetString());
    }

    [Fact]
    public async Task The_same_request_and_seed_give_the_same_audio_bytes()
    {
        async Task<string> Hash(object seed)
        {
            var (_, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "happy ukulele folk, 30 seconds", seed });
            using var plain = new HttpClient();
            return Convert.ToHexString(SHA256.HashData(await plain.GetByteArrayAsync(body.GetProperty("data")[0].GetProperty("audio_url").GetString())));
        }
        string a = await Hash(2024);
        Assert.Equal(a, await Hash("2024"));
        Assert.NotEqual(a, await Hash(2025));
    }

    [Fact]
    public async Task Fields_sent_the_way_real_clients_send_them_are_accepted()
    {
        // The official SDK sends false for unset numbers, empty strings for unused text, and extra fields.
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new
        {
            action = "generate", prompt = "calm piano, 30 seconds", lyric = "", title = "", weirdness = false, sound_strength = false,
            lyrics_strength = 0.7, continue_at = false, replace_section_start = false, audio_id = "", seed = 99, future_field = "x", instrumental = true,
        });
        Assert.Equal(200, status);
        Assert.Equal("99", body.GetProperty("data")[0].GetProperty("seed").GetString());
    }

    [Fact]
    public async Task Every_model_name_is_accepted()
    {
        foreach (var model in new[] { "FUZZ-2.0 Pro", "FUZZ-2.0", "FUZZ-2.0 Raw", "FUZZ-1.1 Pro", "FUZZ-1.1", "FUZZ-1.0 Pro", "FUZZ-1.0", "FUZZ-0.8" })
        {
            var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "jingle, 30 seconds", model, async = true });
            Assert.Equal(200, status);
            Assert.True(body.TryGetProperty("task_id", out _), model);
        }
    }

    [Fact]
    public async Task Inspiration_mode_writes_lyrics_in_the_prompts_language_and_sings_them()
    {
        var request = new { action = "generate", prompt = "悲伤的流行 女声, 30 seconds", seed = 3 };
        var (status, body) = await Server.PostJsonAsync("/producer/audios", request);
        Assert.Equal(200, status);
        var item = body.GetProperty("data")[0];
        string lyric = item.GetProperty("lyric").GetString()!;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", lyric);
        var sheetLines = lyric.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('[')).ToList();
        var (_, details) = await Server.GetJsonAsync("/v1/songs/" + item.GetProperty("id").GetString());
        Assert.Equal(sheetLines, details.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!));
        Assert.Equal("f", details.GetProperty("voice").GetProperty("gender").GetString());

        var (_, again) = await Server.PostJsonAsync("/producer/audios", request with { });
        Assert.Equal(lyric, again.GetProperty("data")[0].GetProperty("lyric").GetString());
        var (_, english) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "happy summer pop, 30 seconds", seed = 3, vocal_gender = "m" });
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english.GetProperty("data")[0].GetProperty("lyric").GetString()!);
    }

    [Fact]
    public async Task A_vocal_gender_other_than_m_or_f_is_refused()
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop", vocal_gender = "x" });
        Assert.Equal(400, status);
        Assert.Equal("bad_request", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("vocal_gender", body.GetProperty("error").GetProperty("message").GetString());
    }
}
