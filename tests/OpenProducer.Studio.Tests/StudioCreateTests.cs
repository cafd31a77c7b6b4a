using Microsoft.Playwright;
using OpenProducer.Studio.Tests.Support;

namespace OpenProducer.Studio.Tests;

/// <summary>A song made from a prompt in the studio: progress, the live stream, then the finished song playing.</summary>
[Collection("studio")]
public sealed class StudioCreateTests(StudioFixture studio)
{
    [Fact]
    public async Task A_prompt_becomes_a_song_that_plays_with_its_sections_and_the_sung_line_lit()
    {
        var page = await studio.SignedInAsync();
        await page.GetByLabel("Describe the song").FillAsync("a sunny pop song about bicycles, 30 seconds");
        await page.GetByLabel("Seed (optional)").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create song" }).ClickAsync();

        // Progress is shown while it is made, and the live stream plays before the song is finished.
        await Assertions.Expect(page.Locator("#making")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#progress-text")).ToContainTextAsync("%");
        Assert.Contains("/files/live/", await page.EvaluateAsync<string>("document.getElementById('audio').src"));

        // A reload loses nothing: the task is followed again, the prompt is still in its field.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#making")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Describe the song")).ToHaveValueAsync("a sunny pop song about bicycles, 30 seconds");

        // Then the finished song: its file, its facts, its sections on the waveform, and in the library.
        await Assertions.Expect(page.Locator("#audio")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"/files/[0-9a-f]{32}/.+\.m4a$"), new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#making")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#song-facts")).ToContainTextAsync("BPM");
        await Assertions.Expect(page.Locator("#song-facts")).ToContainTextAsync("Key");
        await Assertions.Expect(page.Locator("#songs")).ToContainTextAsync("a sunny pop song about bicycles, 30 seconds");
        var sections = await page.Locator("#sections button").AllInnerTextsAsync();
        Assert.True(sections.Count >= 2, string.Join(", ", sections));
        Assert.Contains(sections, s => s.StartsWith("Verse", StringComparison.Ordinal));
        await WaitForAsync(page, WavePixels + " > 2000", "the waveform was not drawn");

        // It plays: the audio's time advances.
        await page.EvaluateAsync("document.getElementById('audio').play()");
        double first = await Time(page);
        await WaitForAsync(page, $"document.getElementById('audio').currentTime > {first + 1.0}", "the audio's time did not advance");

        // From the verse, the sung line is lit, and the light moves on to the next line as the song goes on.
        await page.Locator("#sections button", new() { HasTextString = "Verse" }).First.ClickAsync();
        var lit = page.Locator("#lyrics p.now");
        await Assertions.Expect(lit).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#sections button[aria-current=true]")).ToContainTextAsync("Verse");
        string line = await lit.InnerTextAsync();
        await WaitForAsync(page, $"(document.querySelector('#lyrics p.now')?.textContent ?? '') !== {System.Text.Json.JsonSerializer.Serialize(line)}"
            + " && document.querySelector('#lyrics p.now') !== null", "the lit line did not move on", 20_000);
        await page.CloseAsync();
    }

    /// <summary>How many of the waveform canvas's pixels are drawn in the peaks' colour.</summary>
    internal const string WavePixels = """
        (() => {
          const c = document.getElementById('waveform');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i] === 124 && d[i + 1] === 196 && d[i + 2] === 255) n++;
          return n;
        })()
        """;

    private static Task<double> Time(IPage page) => page.EvaluateAsync<double>("document.getElementById('audio').currentTime");

    /// <summary>
    /// Polls a JavaScript condition from here (the page's policy forbids the string evaluation Playwright's own
    /// waiting uses) until it holds, or fails the test saying what did not happen.
    /// </summary>
    internal static async Task WaitForAsync(IPage page, string condition, string what, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await page.EvaluateAsync<bool>($"() => Boolean({condition})"))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(what);
            await Task.Delay(100);
        }
    }
}
