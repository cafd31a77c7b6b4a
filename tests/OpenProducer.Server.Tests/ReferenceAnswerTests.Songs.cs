using System.Diagnostics;
using System.Text.Json;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

public partial class ReferenceAnswerTests
{
    /// <summary>
    /// A song in each dialect (snake_case synchronous, camelCase asynchronous and polled while it is made), its files,
    /// a lyric sheet and an upload, then the task list and a batch holding every one of those tasks.
    /// </summary>
    private async Task SongsAndTheirFilesAsync()
    {
        var clock = Stopwatch.StartNew();
        var (status, made) = await _c.CallAsync("POST", "/producer/audios", "/producer/audios",
            new { action = "generate", prompt = "calm piano, 30 seconds", instrumental = true, seed = 5 });
        Assert.Equal(200, status);
        var song = made.GetProperty("data")[0];
        string id = song.GetProperty("id").GetString()!;
        Console.WriteLine($"generate: {clock.Elapsed.TotalSeconds:0.0} s");

        var (accepted, queued) = await _c.CallAsync("POST", "/producer/audios", "/producer/audios", new
        {
            action = "create_music", seed = 7, makeInstrumental = true, async = true,
            sounds = new object[] { new { text = "calm piano", strength = 0.8 }, new { text = "drums", strength = -0.5 } },
        });
        Assert.Equal(200, accepted);
        // Heard while it is made: the live stream runs to the song's end (a redirect to its file if it was done first).
        var live = new Uri(queued.GetProperty("stream_audio_url").GetString()!);
        var (liveStatus, _) = await _c.CallAsync("GET", "/files/live/{name}", live.AbsolutePath, token: null);
        Assert.True(liveStatus is 200 or 302, $"the live stream answered {liveStatus}");
        var camel = await PollAsync(queued.GetProperty("task_id").GetString()!);
        Assert.Equal("succeeded", camel.GetProperty("response").GetProperty("data")[0].GetProperty("state").GetString());
        Console.WriteLine($"create_music: {clock.Elapsed.TotalSeconds:0.0} s");

        // An edit in each dialect, answered through the contract: extend (snake_case, synchronous) and replace_music
        // (camelCase, asynchronous and polled).
        var (extended, extension) = await _c.CallAsync("POST", "/producer/audios", "/producer/audios",
            new { action = "extend", audio_id = id, continue_at = 20, seed = 9 });
        Assert.Equal(200, extended);
        Assert.NotEqual(id, extension.GetProperty("data")[0].GetProperty("id").GetString());
        string camelId = camel.GetProperty("response").GetProperty("data")[0].GetProperty("id").GetString()!;
        var (replacing, replaced) = await _c.CallAsync("POST", "/producer/audios", "/producer/audios",
            new { action = "replace_music", audioId = camelId, replaceStart = 5, replaceEnd = 12, async = true });
        Assert.Equal(200, replacing);
        var edit = await PollAsync(replaced.GetProperty("task_id").GetString()!);
        Assert.Equal("succeeded", edit.GetProperty("response").GetProperty("data")[0].GetProperty("state").GetString());
        Console.WriteLine($"edits: {clock.Elapsed.TotalSeconds:0.0} s");

        var (detailsStatus, details) = await _c.CallAsync("GET", "/v1/songs/{id}", "/v1/songs/" + id);
        Assert.Equal(200, detailsStatus);
        Assert.Equal(id, details.GetProperty("id").GetString());

        // The song's file, whole and by its headers, as its documented media type.
        var audio = new Uri(song.GetProperty("audio_url").GetString()!);
        var (fileStatus, _) = await _c.CallAsync("GET", "/files/{key}/{name}", audio.AbsolutePath, token: null);
        Assert.Equal(200, fileStatus);
        var (headStatus, _) = await _c.CallAsync("HEAD", "/files/{key}/{name}", audio.AbsolutePath, token: null);
        Assert.Equal(200, headStatus);

        // Files of the song, each endpoint once, and the stems action of /producer/audios.
        await SucceedsAsync("/producer/download", new { audio_id = id, format = "midi" });
        await SucceedsAsync("/producer/wav", new { audio_id = id });
        await SucceedsAsync("/producer/stems", new { audio_id = id });
        await SucceedsAsync("/producer/audios", new { action = "stems", audio_id = id });
        Console.WriteLine($"files: {clock.Elapsed.TotalSeconds:0.0} s");
        var (videoQueued, video) = await _c.CallAsync("POST", "/producer/videos", "/producer/videos", new { audio_id = id, async = true });
        Assert.Equal(200, videoQueued);
        await PollAsync(video.GetProperty("task_id").GetString()!);
        await SucceedsAsync("/producer/download-video", new { audio_id = id });
        Console.WriteLine($"video: {clock.Elapsed.TotalSeconds:0.0} s");

        await SucceedsAsync("/producer/lyrics", new { prompt = "A song about winter", seed = 3 });
        await UploadAsync();
        Console.WriteLine($"lyrics and upload: {clock.Elapsed.TotalSeconds:0.0} s");

        // Every task made above, as the list and a batch show them.
        var (listed, page) = await _c.CallAsync("GET", "/v1/tasks", "/v1/tasks?limit=100");
        Assert.Equal(200, listed);
        var ids = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["audios", "download", "download-video", "lyrics", "stems", "upload", "videos", "wav"],
            page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("type").GetString()!).Distinct().Order());
        var (batched, batch) = await _c.CallAsync("POST", "/producer/tasks", "/producer/tasks", new { action = "retrieve_batch", ids });
        Assert.Equal(200, batched);
        Assert.Equal(ids.Length, batch.GetProperty("count").GetInt32());
    }

    private async Task SucceedsAsync(string path, object body)
    {
        var (status, answer) = await _c.CallAsync("POST", path, path, body);
        Assert.True(status == 200 && answer.GetProperty("success").GetBoolean(), $"{path}: {status} {answer}");
    }

    /// <summary>Polls a task through the contract (each record checked, unfinished ones too) until it ends.</summary>
    private async Task<JsonElement> PollAsync(string taskId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var (status, record) = await _c.CallAsync("POST", "/producer/tasks", "/producer/tasks", new { task_id = taskId });
            Assert.Equal(200, status);
            if (record.GetProperty("finished_at").ValueKind != JsonValueKind.Null) return record;
            await Task.Delay(300);
        }
        throw new TimeoutException($"task {taskId} did not finish");
    }

    /// <summary>A three-second tone as a multipart form's file (our extension), answered synchronously.</summary>
    private async Task UploadAsync()
    {
        string dir = Directory.CreateTempSubdirectory("reference-upload-").FullName;
        try
        {
            string path = Path.Combine(dir, "tone.wav");
            Media.Run("ffmpeg", $"-hide_banner -loglevel error -y -f lavfi -i \"sine=frequency=440:duration=3\" \"{path}\"");
            using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(path)), "file", "tone.wav" } };
            var (status, answer) = await _c.CallAsync("POST", "/producer/upload", "/producer/upload", content: form);
            Assert.True(status == 200, answer.ToString());
            Assert.Equal("tone", answer.GetProperty("data").GetProperty("title").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
