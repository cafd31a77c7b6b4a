using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Server.Tests;

/// <summary><c>stream_audio_url</c>: a song heard while it is made, whole, at the song's length and tempo.</summary>
public class LiveStreamTests(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    [Fact]
    public async Task A_song_streams_while_it_is_made_and_the_stream_is_the_whole_song_at_its_tempo()
    {
        var clock = Stopwatch.StartNew();
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new
        {
            action = "generate", prompt = "upbeat funk with slap bass, 60 seconds", async = true, seed = 31,
            lyric = "[Verse]\nWe move along the city light\nThe night is young and feeling right\n[Chorus]\nDance with me until the sun\nEvery heart beats into one",
        });
        Assert.Equal(200, status);
        string taskId = body.GetProperty("task_id").GetString()!;
        string url = body.GetProperty("stream_audio_url").GetString()!;

        // Read as a player would, from the moment the link is known: no token, the bytes as they come.
        string path = Path.Combine(Path.GetTempPath(), $"live-{taskId}.mp3");
        double firstByte = -1;
        using (var plain = new HttpClient { Timeout = TimeSpan.FromMinutes(3) })
        using (var response = await plain.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
            // While the song is made, its task shows the same link.
            var (_, running) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = taskId });
            var item = running.GetProperty("response").GetProperty("data")[0];
            if (item.GetProperty("state").GetString() != "succeeded") Assert.Equal(url, item.GetProperty("stream_audio_url").GetString());
            await using var stream = await response.Content.ReadAsStreamAsync();
            await using var file = File.Create(path);
            var buffer = new byte[16384];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                if (firstByte < 0) firstByte = clock.Elapsed.TotalSeconds;
                await file.WriteAsync(buffer.AsMemory(0, n));
            }
        }
        double streamEnd = clock.Elapsed.TotalSeconds;
        var record = await Server.WaitForTaskAsync(taskId);
        var song = record.GetProperty("response").GetProperty("data")[0];
        Assert.Equal("succeeded", song.GetProperty("state").GetString());
        double duration = double.Parse(song.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"first byte {firstByte:F2} s after submission, stream complete at {streamEnd:F2} s, task finished at {clock.Elapsed.TotalSeconds:F2} s; song {duration:F2} s");

        // The stream is the whole song: MP3 framing adds at most a frame or two.
        double streamed = Media.Duration(path);
        Assert.InRange(streamed - duration, -0.05, 0.1);
        var (_, details) = await Server.GetJsonAsync($"/v1/songs/{song.GetProperty("id").GetString()}");
        double tempo = details.GetProperty("tempo").GetDouble();
        double heard = Media.AubioTempo(path);
        Assert.True(Media.TempoMatches(heard, tempo), $"the stream's tempo {heard:F1} bpm, the song's {tempo}");
        var (lufs, _) = Media.Ebur128(path);
        Assert.InRange(lufs, -18, -11);
        File.Delete(path);

        // Once the song is made, the link leads to the finished file.
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var after = await noRedirect.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(song.GetProperty("audio_url").GetString(), after.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Only_an_asynchronous_song_made_afresh_streams_and_an_unknown_stream_is_not_found()
    {
        var (_, made) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "lofi hip hop, 20 seconds", instrumental = true, seed = 3 });
        Assert.True(made.TryGetProperty("data", out var data), made.GetRawText());
        var item = data[0];
        Assert.False(item.TryGetProperty("stream_audio_url", out _), "a synchronous answer is the finished song");

        var (_, extend) = await Server.PostJsonAsync("/producer/audios", new
        {
            action = "extend", audio_id = item.GetProperty("id").GetString(), continue_at = 10, prompt = "lofi hip hop", instrumental = true, async = true,
        });
        Assert.Equal(["task_id"], extend.EnumerateObject().Select(p => p.Name));
        var record = await Server.WaitForTaskAsync(extend.GetProperty("task_id").GetString()!);
        var extended = record.GetProperty("response");
        Assert.True(extended.TryGetProperty("data", out var edited) && edited[0].GetProperty("state").GetString() == "succeeded", extended.GetRawText());

        using var plain = new HttpClient();
        using var unknown = await plain.GetAsync($"{Server.BaseUrl}/files/live/{Guid.NewGuid()}.mp3");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var error = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        Assert.False(error.GetProperty("success").GetBoolean());
    }
}
