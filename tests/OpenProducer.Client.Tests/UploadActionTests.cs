using OpenProducer.Client.Files;
using OpenProducer.Client.Songs;
using OpenProducer.Client.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Client.Tests;

/// <summary>
/// Uploads through the SDK (a local file as a form, and a link the server fetches) and the three upload actions on
/// the recording, against a real server. The recording is the shared song's own audio.
/// </summary>
[Collection(SharedClientServer.Name)]
public class UploadActionTests(ClientServer fixture, ITestOutputHelper output)
{
    private ProducerClient Client => fixture.Client;

    private async Task<UploadedAudio> UploadSongAsync()
    {
        byte[] m4a = await Client.Files.GetBytesAsync(fixture.Song.AudioUrl!);
        using var stream = new MemoryStream(m4a);
        var uploaded = await Client.Files.UploadFileAsync(stream, "my recording.m4a");
        Assert.False(string.IsNullOrEmpty(uploaded.TaskId));
        return uploaded.Value;
    }

    private async Task<SongItem> Edited(SongRequest request)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var item = Assert.Single((await Client.Songs.CreateAsync(request)).Value);
        output.WriteLine($"{request.Action}: {item.Duration:0.0} s of song in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("succeeded", item.State);
        Assert.True(FileKinds.IsMp4(await Client.Files.GetBytesAsync(item.AudioUrl!)));
        return item;
    }

    [Fact]
    public async Task A_file_uploaded_as_a_form_is_kept_as_a_recording_of_its_length_named_for_the_file()
    {
        var upload = await UploadSongAsync();
        Assert.False(string.IsNullOrEmpty(upload.AudioId));
        Assert.Equal("my recording", upload.Title);
        Assert.Equal(fixture.Song.Duration!.Value, upload.Duration!.Value, 0);
        var details = await Client.Songs.GetDetailsAsync(upload.AudioId);
        Assert.Equal("upload", details.Source);
        Assert.True(details.Other!.ContainsKey("analysis"), "the upload's details carry what the server heard");
    }

    [Fact]
    public async Task A_recording_by_link_is_fetched_in_the_background_and_its_title_kept()
    {
        var operation = await Client.Files.StartUploadAsync(new UploadRequest { AudioUrl = fixture.Song.AudioUrl!, Title = "By link" });
        operation.PollingInterval = TimeSpan.FromMilliseconds(100);
        var seen = new List<Core.TaskProgress>();
        var done = await operation.WaitForCompletionAsync(new SynchronousProgress<Core.TaskProgress>(seen.Add));
        Assert.Equal(operation.TaskId, done.TaskId);
        Assert.Equal("By link", done.Value.Title);
        Assert.Equal(fixture.Song.Duration!.Value, done.Value.Duration!.Value, 0);
        Assert.Equal("succeeded", seen[^1].State);
        Assert.Equal(100, seen[^1].Percent);
    }

    [Fact]
    public async Task Upload_extend_continues_the_recording_past_continue_at()
    {
        var upload = await UploadSongAsync();
        var item = await Edited(new UploadExtendRequest { AudioId = upload.AudioId, ContinueAt = 15, Prompt = "calm piano", Instrumental = true });
        Assert.True(item.Duration > 17, $"extended from 15 s to {item.Duration} s");
    }

    [Fact]
    public async Task Upload_replace_section_keeps_the_recordings_length()
    {
        var upload = await UploadSongAsync();
        var item = await Edited(new UploadReplaceSectionRequest
        {
            AudioId = upload.AudioId, ReplaceSectionStart = 5, ReplaceSectionEnd = 13, Prompt = "calm piano", Instrumental = true,
        });
        Assert.Equal(upload.Duration!.Value, item.Duration!.Value, 0);
    }

    [Fact]
    public async Task Upload_cover_plays_the_recording_in_the_style_asked()
    {
        var upload = await UploadSongAsync();
        var item = await Edited(new UploadCoverRequest { AudioId = upload.AudioId, Prompt = "jazz trio", CoverStrength = 1, Instrumental = true });
        Assert.Equal("jazz trio", item.Sound);
    }
}
