using System.Text.Json;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>One sung song for the file endpoints to work on.</summary>
public sealed class MediaFixture() : SongFixture(new { action = "generate", custom = true, lyric = Lyric, prompt = "bright pop with drums and hi-hats", title = "Winter Lights", seed = 12 })
{
    public const string Lyric = "[Verse]\nSnow is falling on the town\nLights are glowing all around\n[Chorus]\nWinter nights are burning bright\nHold me close and hold me tight";
}

/// <summary>
/// /producer/wav, /download, /videos and /download-video through the HTTP pipeline, each file checked with ffprobe
/// and ffmpeg: the codec, rate and length it claims, lossless files sample-exact to one another, and a video
/// that shows the cover, moves with the music and lights the words as they are sung.
/// </summary>
public class MediaTests(MediaFixture fixture) : IClassFixture<MediaFixture>
{
    private ProducerServer Server => fixture.Server;

    private async Task<JsonElement> Post(string path, object body)
    {
        var (status, answer) = await Server.PostJsonAsync(path, body);
        Assert.True(status == 200, answer.GetRawText());
        Assert.True(answer.GetProperty("success").GetBoolean());
        return answer.GetProperty("data");
    }

    [Fact]
    public async Task Wav_is_16_bit_pcm_at_44_1_khz_as_long_as_the_song_with_the_mix_above_16_khz()
    {
        var item = Assert.Single((await Post("/producer/wav", new { audio_id = fixture.Id })).EnumerateArray().ToList());
        Assert.Equal(["title", "file_url"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Winter Lights", item.GetProperty("title").GetString());
        string path = await Server.DownloadAsync(item.GetProperty("file_url").GetString()!, ".wav");
        var audio = Assert.Single(Media.Streams(path));
        Assert.Equal(("audio", "pcm_s16le", 44100, 16), (audio.Type, audio.Codec, audio.SampleRate, audio.Bits));
        Assert.Equal(fixture.Duration, Media.Duration(path), 0.05);

        // Hi-hats reach past 16 kHz: the WAV keeps that band (the energy there is well above the 16-bit floor).
        var x = Media.DecodeMono(path);
        double high = 0, all = 0;
        for (int f = 16500; f <= 20000; f += 250) high += Media.Magnitude(x, f, 44100);
        for (int f = 250; f <= 20000; f += 250) all += Media.Magnitude(x, f, 44100);
        double db = 20 * Math.Log10(high / all);
        Assert.True(db > -60, $"content above 16 kHz: {db:F1} dB of the whole");
    }

    [Fact]
    public async Task Each_download_format_decodes_with_its_codec_and_lossless_ones_hold_the_same_samples()
    {
        var expected = new Dictionary<string, string> { ["mp3"] = "mp3", ["m4a"] = "aac", ["wav"] = "pcm_s16le", ["flac"] = "flac" };
        var decoded = new Dictionary<string, short[]>();
        foreach (var (format, codec) in expected)
        {
            var data = await Post("/producer/download", new { audio_id = fixture.Id, format });
            Assert.Equal(format, data.GetProperty("format").GetString());
            string url = data.GetProperty("file_url").GetString()!;
            Assert.EndsWith("." + format, url);
            string path = await Server.DownloadAsync(url, "." + format);
            var stream = Assert.Single(Media.Streams(path));
            Assert.Equal((codec, 44100), (stream.Codec, stream.SampleRate));
            Assert.Equal(fixture.Duration, Media.Duration(path), format == "mp3" ? 0.1 : 0.05);
            decoded[format] = Media.DecodeStereo16(path);
        }
        Assert.Equal(decoded["wav"], decoded["flac"]);
        // The lossy files are the same music: close to the WAV, not equal to it.
        foreach (var lossy in new[] { "mp3", "m4a" })
            Assert.True(Correlation(decoded["wav"], decoded[lossy]) > 0.9, $"{lossy} against the WAV");

        // 24-bit: the same master with 8 more bits; the 16-bit WAV is its rounding.
        var wide = await Post("/producer/download", new { audio_id = fixture.Id, format = "flac", bit_depth = 24 });
        string widePath = await Server.DownloadAsync(wide.GetProperty("file_url").GetString()!, ".flac");
        Assert.Equal(24, Assert.Single(Media.Streams(widePath)).Bits);
    }

    [Fact]
    public async Task A_download_is_made_once_and_then_served_from_its_file()
    {
        var first = await Post("/producer/download", new { audio_id = fixture.Id, format = "mp3" });
        string url = first.GetProperty("file_url").GetString()!;
        string file = Path.Combine(Server.Options.FilesDir, url.Split("/files/")[1]);
        var written = File.GetLastWriteTimeUtc(file);
        var again = await Post("/producer/download", new { audio_id = fixture.Id, format = "mp3" });
        // The same file, not written again (how fast that answers belongs to a benchmark, not a test).
        Assert.Equal(url, again.GetProperty("file_url").GetString());
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
    }

    [Theory]
    [InlineData("/producer/download", "{\"audio_id\":\"ID\",\"format\":\"ogg\"}", "format is invalid: it must be one of mp3, m4a, wav, flac, midi.")]
    [InlineData("/producer/download", "{\"audio_id\":\"ID\",\"format\":\"flac\",\"bit_depth\":20}", "bit_depth is invalid: it must be 16 or 24.")]
    [InlineData("/producer/download", "{\"format\":\"mp3\"}", "audio_id is required.")]
    [InlineData("/producer/videos", "{}", "audio_id is required.")]
    [InlineData("/producer/download-video", "{\"audio_id\":\"nope\"}", "audio_id is invalid.")]
    [InlineData("/producer/lyrics", "{\"prompt\":\"\"}", "prompt is required.")]
    [InlineData("/producer/lyrics", "{\"prompt\":42}", "prompt is invalid.")]
    public async Task Bad_input_is_a_bad_request_that_names_the_field(string path, string json, string message)
    {
        using var response = await Server.PostAsync(path, json.Replace("ID", fixture.Id));
        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_video_is_h264_and_aac_as_long_as_the_song_with_cover_waveform_and_karaoke_lyrics()
    {
        var data = await Post("/producer/videos", new { audio_id = fixture.Id });
        string url = data.GetProperty("video_url").GetString()!;
        Assert.EndsWith(".mp4", url);
        string path = await Server.DownloadAsync(url, ".mp4");
        var streams = Media.Streams(path);
        var video = Assert.Single(streams, s => s.Type == "video");
        Assert.Equal(("h264", 1280, 720), (video.Codec, video.Width, video.Height));
        Assert.Equal("aac", Assert.Single(streams, s => s.Type == "audio").Codec);
        Assert.Equal(fixture.Duration, Media.Duration(path), 0.2);

        // The song now names its video.
        var (_, song) = await Server.GetJsonAsync("/v1/songs/" + fixture.Id);
        Assert.Equal(url, song.GetProperty("video_url").GetString());

        // The cover sits at the left: the frame there matches the song's own image.
        string cover = await Server.DownloadAsync(fixture.Song.GetProperty("image_url").GetString()!, ".jpg");
        var art = Media.Frame(cover, 0, 44, 44);
        var frame = Media.Frame(path, 1, 128, 72);
        Assert.Equal((44 * 44 * 3, 128 * 72 * 3), (art.Length, frame.Length));
        double coverError = 0;
        for (int y = 0; y < 44; y++)
        for (int x = 0; x < 44; x++)
        for (int c = 0; c < 3; c++)
            coverError += Math.Abs(art[(y * 44 + x) * 3 + c] - frame[((y + 6) * 128 + x + 6) * 3 + c]);
        Assert.True(coverError / (44 * 44 * 3) < 20, $"cover region differs by {coverError / (44 * 44 * 3):F1} per channel");

        // The waveform band moves with the music; the words change as lines are sung.
        var lines = song.GetProperty("lines").EnumerateArray().ToList();
        Assert.True(lines.Count >= 2);
        double Start(int i) => lines[i].GetProperty("start").GetDouble();
        double End(int i) => lines[i].GetProperty("end").GetDouble();
        var a = Media.Frame(path, Start(0) + 0.3, 1280, 720);
        var b = Media.Frame(path, (Start(1) + End(1)) / 2, 1280, 720);
        var c0 = Media.Frame(path, End(0) - 0.1, 1280, 720);
        Assert.All(new[] { a, b, c0 }, f => Assert.Equal(1280 * 720 * 3, f.Length));
        Assert.True(RegionDifference(a, b, 60, 540, 1160, 150) > 2, "the waveform does not move");
        Assert.True(RegionDifference(a, b, 560, 280, 680, 60) > 2, "the lyric region does not change between lines");
        // Within one line, the sung part turns gold: more gold pixels near its end than at its start.
        Assert.True(Gold(c0, 560, 280, 680, 60) > Gold(a, 560, 280, 680, 60) + 50,
            $"gold pixels {Gold(a, 560, 280, 680, 60)} at the line's start, {Gold(c0, 560, 280, 680, 60)} at its end");

        // /producer/download-video gives the same (cached) video as a task of its own type.
        var (status, queued) = await Server.PostJsonAsync("/producer/download-video", new { audio_id = fixture.Id, async = true });
        Assert.Equal(200, status);
        var record = await Server.WaitForTaskAsync(queued.GetProperty("task_id").GetString()!);
        Assert.Equal("download-video", record.GetProperty("type").GetString());
        Assert.Equal(url, record.GetProperty("response").GetProperty("data").GetProperty("video_url").GetString());
    }

    [Fact]
    public async Task Cover_art_is_a_1024_square_jpeg_and_cover_music_takes_coverArtUrl_instead()
    {
        string own = await Server.DownloadAsync(fixture.Song.GetProperty("image_url").GetString()!, ".jpg");
        var image = Assert.Single(Media.Streams(own));
        Assert.Equal(("mjpeg", 1024, 1024), (image.Codec, image.Width, image.Height));

        // An image served over HTTP (a red 300×200 PNG) becomes the cover, cropped to a square.
        string png = Path.Combine(Path.GetTempPath(), $"red-{Guid.NewGuid():N}.png");
        Media.Run("ffmpeg", $"-v error -y -f lavfi -i color=c=red:s=300x200 -frames:v 1 \"{png}\"");
        var host = WebApplication.CreateSlimBuilder();
        host.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = host.Build();
        app.MapGet("/red.png", () => Results.File(png, "image/png"));
        await app.StartAsync();
        string baseUrl = app.Urls.First();

        var (status, body) = await Server.PostJsonAsync("/producer/audios", new
        {
            action = "cover_music", audioId = fixture.Id, sounds = new[] { new { text = "acoustic folk guitar", strength = 0.8 } },
            coverArtUrl = baseUrl + "/red.png", seed = 2,
        });
        Assert.True(status == 200, body.GetRawText());
        string cover = await Server.DownloadAsync(body.GetProperty("data")[0].GetProperty("image_url").GetString()!, ".jpg");
        var stream = Assert.Single(Media.Streams(cover));
        Assert.Equal((1024, 1024), (stream.Width, stream.Height));
        var pixels = Media.Frame(cover, 0, 16, 16);
        for (int i = 0; i < pixels.Length; i += 3)
            Assert.True(pixels[i] > 200 && pixels[i + 1] < 60 && pixels[i + 2] < 60, $"pixel {i / 3}: {pixels[i]},{pixels[i + 1]},{pixels[i + 2]}");

        // An image that is not there fails the task, saying why.
        (status, body) = await Server.PostJsonAsync("/producer/audios", new
        {
            action = "cover_music", audioId = fixture.Id, sounds = new[] { new { text = "jazz", strength = 0.8 } }, coverArtUrl = baseUrl + "/missing.png",
        });
        Assert.Equal(500, status);
        Assert.Equal("api_error", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("coverArtUrl could not be fetched: the server answered 404.", body.GetProperty("error").GetProperty("message").GetString());
    }

    private static double RegionDifference(byte[] a, byte[] b, int x0, int y0, int w, int h)
    {
        double sum = 0;
        for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
        for (int c = 0; c < 3; c++)
            sum += Math.Abs(a[(y * 1280 + x) * 3 + c] - b[(y * 1280 + x) * 3 + c]);
        return sum / (w * h * 3);
    }

    /// <summary>Pixels of the sung-syllable colour (gold: strong red and green, little blue).</summary>
    private static int Gold(byte[] f, int x0, int y0, int w, int h)
    {
        int n = 0;
        for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
        {
            int o = (y * 1280 + x) * 3;
            if (f[o] > 200 && f[o + 1] > 160 && f[o + 2] < 90) n++;
        }
        return n;
    }

    /// <summary>Correlation of two decodings of the same master (ffmpeg drops the encoders' priming, so they line up).</summary>
    private static double Correlation(short[] a, short[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++)
        {
            double x = a[i], y = b[i];
            ab += x * y; aa += x * x; bb += y * y;
        }
        return ab / Math.Sqrt(aa * bb + 1e-9);
    }
}
