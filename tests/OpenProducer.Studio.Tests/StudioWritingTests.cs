using Microsoft.Playwright;
using OpenProducer.Studio.Tests.Support;

namespace OpenProducer.Studio.Tests;

/// <summary>What renders nothing: the library's search, and the custom mode's lyric writer and style sliders.</summary>
[Collection("studio")]
public sealed class StudioWritingTests(StudioFixture studio)
{
    [Fact]
    public async Task The_library_is_searched_the_lyric_writer_fills_the_lyrics_and_a_slider_makes_the_request_create_music()
    {
        var page = await studio.SignedInAsync();

        // The library's search: by the prompt's words, and nothing for words no song has.
        var search = page.GetByLabel("Search by title or prompt");
        await search.FillAsync("HARBOUR");
        await Assertions.Expect(page.Locator("#songs")).ToContainTextAsync(studio.SongTitle);
        await search.FillAsync("no song has these words");
        await Assertions.Expect(page.Locator("#songs")).ToHaveTextAsync("No song matches the search.");
        await search.FillAsync("");
        await page.GetByLabel("Custom (your lyrics)").CheckAsync();
        await page.GetByPlaceholder("What the lyrics should be about").FillAsync("a lighthouse keeper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Write lyrics for me" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Lyrics, with section tags such as [Verse] and [Chorus]")).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex(@"\[Verse\][\s\S]+\[Chorus\]"));
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = true })).Not.ToBeEmptyAsync();

        // A sound pushed away: the request the form makes is create_music with it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a sound" }).ClickAsync();
        await page.GetByLabel("Sound 1", new() { Exact = true }).FillAsync("drums");
        await page.GetByLabel("Strength of sound 1").FillAsync("-0.8");
        await Assertions.Expect(page.Locator("#sounds output")).ToHaveTextAsync("away, -0.8");

        // Both survive a reload.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Sound 1", new() { Exact = true })).ToHaveValueAsync("drums");
        await Assertions.Expect(page.GetByLabel("Lyrics, with section tags such as [Verse] and [Chorus]")).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex(@"\[Verse\]"));
        var body = await page.EvaluateAsync<System.Text.Json.JsonElement>("async () => (await import('./js/create.js')).request()");
        Assert.Equal("create_music", body.GetProperty("action").GetString());
        Assert.Contains(body.GetProperty("sounds").EnumerateArray(), s => s.GetProperty("text").GetString() == "drums" && s.GetProperty("strength").GetDouble() == -0.8);
        Assert.Contains("[Verse]", body.GetProperty("lyrics").GetString());
        await page.Context.CloseAsync();
    }
}
