using System.Net.Http.Headers;
using System.Text.Json;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Server.Uploads;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// <c>/producer/upload</c>: a recording by URL or as a form's file is kept byte for byte under a new audio id; what
/// is not audio this server reads, or is empty, silent, too long or too large, is a bad_request that costs nothing.
/// </summary>
[Trait("Category", "Fast")]
public class UploadTests : IAsyncLifetime
{
    private ProducerServer _server = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _server = await ProducerServer.StartFastAsync();
        _dir = Directory.CreateTempSubdirectory("uploads-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A file made by ffmpeg from one of its own sources (a tone, silence).</summary>
    private string Make(string name, string source, string options = "")
    {
        string path = Path.Combine(_dir, name);
        Media.Run("ffmpeg", $"-hide_banner -loglevel error -y -f lavfi -i \"{source}\" {options} \"{path}\"");
        return path;
    }

    private string Limited(long balance) => new TokenStore(new Database(_server.Options.DatabasePath)).Create("limited", balance).Token;

    private async Task<long> Balance(string token) => (await _server.GetJsonAsync("/v1/balance", token)).Body.GetProperty("balance").GetInt64();

    private async Task<(int Status, JsonElement Body)> PostFileAsync(string path, string token, string? title = null, string fileName = "take.mp3")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StreamContent(File.OpenRead(path)), "file", fileName);
        if (title is not null) form.Add(new StringContent(title), "title");
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.BaseUrl + "/producer/upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>A loopback web server that serves the files of the test's folder.</summary>
    private async Task<(WebApplication App, string Url)> FileHostAsync()
    {
        var host = WebApplication.CreateSlimBuilder();
        host.WebHost.UseUrls("http://127.0.0.1:0");
        var app = host.Build();
        app.MapGet("/{name}", (string name) => Path.Combine(_dir, Path.GetFileName(name)) is var path && File.Exists(path)
            ? Results.File(path, "application/octet-stream") : Results.NotFound());
        await app.StartAsync();
        return (app, app.Urls.First());
    }

    [Fact]
    public async Task A_recording_sent_as_a_file_is_kept_byte_for_byte_and_described()
    {
        string mp3 = Make("take.mp3", "sine=frequency=330:duration=4", "-b:a 128k");
        string token = Limited(10);
        var (status, body) = await PostFileAsync(mp3, token, title: "My take");
        Assert.True(status == 200, body.GetRawText());
        var data = body.GetProperty("data");
        Assert.Equal(["audio_id", "audio_url", "lyric", "title", "duration"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("My take", data.GetProperty("title").GetString());
        Assert.InRange(data.GetProperty("duration").GetDouble(), 3.9, 4.2);
        Assert.Matches(@"^\[\d+ BPM, [A-G][#b]? (major|minor), [34]/4\]\n\[", data.GetProperty("lyric").GetString());
        string kept = await _server.DownloadAsync(data.GetProperty("audio_url").GetString()!, ".mp3");
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await File.ReadAllBytesAsync(kept));
        Assert.Equal(8, await Balance(token));
        var (_, record) = await _server.PostJsonAsync("/producer/tasks", new { id = body.GetProperty("task_id").GetString() }, token);
        Assert.Equal("upload", record.GetProperty("type").GetString());
        Assert.Equal(2, record.GetProperty("credits").GetInt64());
    }

    [Fact]
    public async Task A_recording_by_url_is_fetched_checked_and_kept_and_a_bad_one_is_refunded()
    {
        Make("song.flac", "sine=frequency=220:duration=3");
        await File.WriteAllTextAsync(Path.Combine(_dir, "page.html"), "<html>not audio</html>");
        var (host, url) = await FileHostAsync();
        await using var _ = host;
        string token = Limited(10);
        var (status, body) = await _server.PostJsonAsync("/producer/upload", new { audio_url = url + "/song.flac" }, token);
        Assert.True(status == 200, body.GetRawText());
        var data = body.GetProperty("data");
        Assert.Equal("song", data.GetProperty("title").GetString());
        Assert.EndsWith(".flac", data.GetProperty("audio_url").GetString());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_dir, "song.flac")), await File.ReadAllBytesAsync(await _server.DownloadAsync(data.GetProperty("audio_url").GetString()!, ".flac")));
        Assert.Equal(8, await Balance(token));

        // Synchronously, a page that is not audio is the spec's bad_request; asynchronously the task says the same. Both refunded.
        (status, body) = await _server.PostJsonAsync("/producer/upload", new { audio_url = url + "/page.html" }, token);
        Assert.Equal(400, status);
        Assert.Equal("bad_request", body.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("audio_url is not audio", body.GetProperty("error").GetProperty("message").GetString());
        var (_, accepted) = await _server.PostJsonAsync("/producer/upload", new { audio_url = url + "/missing.mp3", async = true }, token);
        var record = await _server.WaitForTaskAsync(accepted.GetProperty("task_id").GetString()!, token: token);
        Assert.Equal("audio_url could not be fetched: the server answered 404.", record.GetProperty("response").GetProperty("error").GetProperty("message").GetString());
        Assert.True(record.GetProperty("refunded").GetBoolean());
        Assert.Equal(8, await Balance(token));
    }

    [Fact]
    public async Task Files_that_are_not_audio_or_are_empty_silent_too_long_or_too_large_are_refused_and_cost_nothing()
    {
        string token = Limited(10);
        string text = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(text, "these are my lyrics, not a recording");
        string empty = Path.Combine(_dir, "empty.mp3");
        await File.WriteAllBytesAsync(empty, []);
        string silent = Make("silent.wav", "anullsrc=r=44100:cl=stereo", "-t 5");
        string longOne = Make("long.wav", "sine=frequency=440:sample_rate=8000:duration=605", "-ac 1");
        string large = Path.Combine(_dir, "large.wav");
        await using (var f = File.Create(large)) f.SetLength(RecordingCheck.MaxBytes + 1);
        foreach (var (file, message) in new[]
        {
            (text, "file is not audio in a format this server reads"),
            (empty, "file is empty."),
            (silent, "file is silent."),
            (longOne, "file is too long (605 s; at most 10 minutes)."),
            (large, "file is too large (at most 50 MB)."),
        })
        {
            var (status, body) = await PostFileAsync(file, token);
            Assert.True(status == 400, $"{Path.GetFileName(file)}: {body.GetRawText()}");
            Assert.Equal("bad_request", body.GetProperty("error").GetProperty("code").GetString());
            Assert.StartsWith(message, body.GetProperty("error").GetProperty("message").GetString());
        }
        Assert.Equal(10, await Balance(token));
        // Nothing refused is left behind in the staging folder.
        Assert.Empty(Directory.Exists(_server.Options.InputsDir) ? Directory.GetFiles(_server.Options.InputsDir) : []);
    }

    [Fact]
    public async Task An_upload_names_its_recording_once()
    {
        string mp3 = Make("one.mp3", "sine=frequency=330:duration=2");
        var (status, body) = await _server.PostJsonAsync("/producer/upload", new { });
        Assert.Equal((400, "audio_url is required."), (status, body.GetProperty("error").GetProperty("message").GetString()));
        (status, body) = await _server.PostJsonAsync("/producer/upload", new { audio_url = "ftp://example.com/a.mp3" });
        Assert.Equal((400, "audio_url is invalid."), (status, body.GetProperty("error").GetProperty("message").GetString()));
        using var form = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(mp3)), "file", "one.mp3" },
            { new StringContent("https://example.com/a.mp3"), "audio_url" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.BaseUrl + "/producer/upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        using var response = await _server.Http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("not both", await response.Content.ReadAsStringAsync());
    }
}
