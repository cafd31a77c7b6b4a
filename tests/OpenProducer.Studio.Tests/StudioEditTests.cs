using System.Globalization;
using Microsoft.Playwright;
using OpenProducer.Studio.Tests.Support;

namespace OpenProducer.Studio.Tests;

/// <summary>Edits picked on the waveform: a dragged region replaced, a clicked point extended from.</summary>
[Collection("studio")]
public sealed class StudioEditTests(StudioFixture studio)
{
    [Fact]
    public async Task A_region_dragged_on_the_waveform_is_replaced_and_a_clicked_point_is_extended_from()
    {
        var page = await studio.WithSongAsync();
        var wave = page.Locator("#waveform");
        await wave.ScrollIntoViewIfNeededAsync();
        var box = (await wave.BoundingBoxAsync())!;
        double duration = studio.SongDuration;
        float X(double seconds) => (float)(box.X + box.Width * seconds / duration);
        float y = box.Y + box.Height / 2;

        // The keyboard picks too: an arrow moves the point, Shift with an arrow grows a region from it.
        await page.EvaluateAsync("() => { const a = document.getElementById('audio'); a.pause(); a.currentTime = 0; }");
        await StudioCreateTests.WaitForAsync(page, "document.getElementById('audio').currentTime === 0", "the audio did not stop at 0");
        await wave.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("#edit-action")).ToHaveValueAsync("extend");
        await Assertions.Expect(page.GetByLabel("Extend from (s)")).ToHaveValueAsync("2.0");
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await Assertions.Expect(page.Locator("#edit-action")).ToHaveValueAsync("replace_section");
        await Assertions.Expect(page.GetByLabel("Region end (s)")).ToHaveValueAsync("3.0");

        // A region the server refuses (shorter than a second): its words, beside the button, and nothing made.
        await page.GetByLabel("Region end (s)").FillAsync("2.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the edit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#edit-error")).ToContainTextAsync("could not accept this request");
        await Assertions.Expect(page.Locator("#making")).ToBeHiddenAsync();

        // The page may have scrolled since: measure the waveform where it is now.
        await wave.ScrollIntoViewIfNeededAsync();
        box = (await wave.BoundingBoxAsync())!;
        y = box.Y + box.Height / 2;

        // Drag from 30% to 50% of the song: the region is the replace edit's span.
        await page.Mouse.MoveAsync(X(duration * 0.3), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(X(duration * 0.4), y, new() { Steps = 4 });
        await page.Mouse.MoveAsync(X(duration * 0.5), y, new() { Steps = 4 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#edit-action")).ToHaveValueAsync("replace_section");
        double start = Number(await page.GetByLabel("Region start (s)").InputValueAsync());
        double end = Number(await page.GetByLabel("Region end (s)").InputValueAsync());
        Assert.InRange(start, duration * 0.3 - 0.5, duration * 0.3 + 0.5);
        Assert.InRange(end, duration * 0.5 - 0.5, duration * 0.5 + 0.5);
        await Assertions.Expect(page.Locator("#selection")).ToContainTextAsync("Region");

        await page.GetByLabel("New lyrics (optional)").FillAsync("[Verse]\nThe tide comes in across the stones\nAnd carries every boat back home");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the edit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#song-source")).ToContainTextAsync($"Edit (replace section) of “{studio.SongTitle}”", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#songs")).ToContainTextAsync($"replace section of “{studio.SongTitle}”");
        string replaced = await page.EvaluateAsync<string>("document.getElementById('audio').src");
        Assert.DoesNotContain(studio.Song.GetProperty("id").GetString()!, replaced);

        // Back on the first song, click a point at 60% of it and extend from there.
        await StudioFixture.OpenSharedSongAsync(page);
        await Assertions.Expect(page.Locator("#sections button").First).ToBeVisibleAsync();
        await wave.ClickAsync(new() { Position = new Position { X = (float)(box.Width * 0.6), Y = box.Height / 2 } });
        await Assertions.Expect(page.Locator("#edit-action")).ToHaveValueAsync("extend");
        Assert.InRange(Number(await page.GetByLabel("Extend from (s)").InputValueAsync()), duration * 0.6 - 0.5, duration * 0.6 + 0.5);
        await page.GetByLabel("New lyrics (optional)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the edit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#song-source")).ToContainTextAsync("Edit (extend) of", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("#songs")).ToContainTextAsync("extend of");
        await page.Context.CloseAsync();
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
