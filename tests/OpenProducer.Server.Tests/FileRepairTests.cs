using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>Kept files are checked before they are handed out again, and made again from the song's recipe when damaged or gone.</summary>
public class FileRepairTests(ShortSongFixture fixture) : IClassFixture<ShortSongFixture>
{
    private ProducerServer Server => fixture.Server;

    private string SongFile(string extension)
    {
        string key = Directory.GetDirectories(Server.Options.FilesDir).Single(d => File.Exists(Path.Combine(d, fixture.AudioId + ".m4a")) || File.Exists(Path.Combine(d, fixture.AudioId + ".jpg")));
        return Path.Combine(key, fixture.AudioId + extension);
    }

    private async Task<string> DownloadM4a()
    {
        var (status, body) = await Server.PostJsonAsync("/producer/download", new { audio_id = fixture.AudioId, format = "m4a" });
        Assert.True(status == 200, body.GetRawText());
        return await Server.DownloadAsync(body.GetProperty("data").GetProperty("file_url").GetString()!, ".m4a");
    }

    [Fact]
    public async Task A_cut_short_or_deleted_m4a_is_made_again_byte_for_byte_and_a_video_can_still_be_made()
    {
        string m4a = SongFile(".m4a");
        byte[] original = await File.ReadAllBytesAsync(m4a);

        // Cut in half: the header still claims the whole song, the audio is not there.
        await File.WriteAllBytesAsync(m4a, original[..(original.Length / 2)]);
        Assert.Equal(original, await File.ReadAllBytesAsync(await DownloadM4a()));

        File.Delete(m4a);
        Assert.Equal(original, await File.ReadAllBytesAsync(await DownloadM4a()));

        // Without its m4a and cover, the video is made all the same.
        File.Delete(m4a);
        File.Delete(SongFile(".jpg"));
        var (status, body) = await Server.PostJsonAsync("/producer/videos", new { audio_id = fixture.AudioId });
        Assert.True(status == 200, body.GetRawText());
        string video = await Server.DownloadAsync(body.GetProperty("data").GetProperty("video_url").GetString()!, ".mp4");
        Assert.InRange(Media.Duration(video), 28, 40);
        Assert.Equal(original, await File.ReadAllBytesAsync(m4a));
    }
}
