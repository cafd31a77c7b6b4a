using System.IO.Compression;
using Microsoft.Playwright;
using OpenProducer.Studio.Tests.Support;

namespace OpenProducer.Studio.Tests;

/// <summary>Taking a song away: each button shows progress, then the file arrives as a download.</summary>
[Collection("studio")]
public sealed class StudioExportTests(StudioFixture studio)
{
    [Fact]
    public async Task The_stems_arrive_as_a_zip_the_wav_as_a_wave_file_and_the_score_as_midi()
    {
        var page = await studio.WithSongAsync();

        string zip = await DownloadAsync(page, "Stems (zip)", ".zip");
        using (var archive = ZipFile.OpenRead(zip))
        {
            var names = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("vocals.wav", names);
            Assert.True(names.Count >= 2, string.Join(", ", names));
        }
        await Assertions.Expect(page.Locator("#export-status")).ToContainTextAsync("stems is ready");

        string wav = await DownloadAsync(page, "WAV", ".wav");
        byte[] head = new byte[12];
        await using (var file = File.OpenRead(wav)) await file.ReadExactlyAsync(head);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(head, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(head, 8, 4));
        Assert.True(new FileInfo(wav).Length > 44_100 * 4 * (studio.SongDuration - 1), "the WAV is shorter than the song");

        // The score as MIDI (made without rendering).
        string midi = await DownloadAsync(page, "MIDI", ".mid");
        Assert.Equal("MThd", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(midi))[..4]));
        await Assertions.Expect(page.Locator("#export-error")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    private static async Task<string> DownloadAsync(IPage page, string button, string extension)
    {
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync(), new() { Timeout = 180_000 });
        Assert.EndsWith(extension, download.SuggestedFilename);
        string path = Path.Combine(StudioFixture.Artifacts, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }
}
