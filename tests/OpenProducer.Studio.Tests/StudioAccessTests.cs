using Microsoft.Playwright;
using OpenProducer.Studio.Tests.Support;

namespace OpenProducer.Studio.Tests;

/// <summary>
/// Signing in with a bad token, and the main screens at desktop and phone sizes: screenshots kept, and axe-core's
/// WCAG 2 A/AA rules (every control named, enough contrast) finding nothing.
/// </summary>
[Collection("studio")]
public sealed class StudioAccessTests(StudioFixture studio)
{
    private static readonly string Axe = Path.Combine(AppContext.BaseDirectory, "vendor", "axe-core", "axe.min.js");

    [Fact]
    public async Task A_bad_token_is_refused_with_the_specs_message_beside_the_sign_in_and_a_good_one_is_kept_until_signing_out()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync(studio.StudioUrl);
        await page.GetByLabel("API token").FillAsync("op_0000000000000000000000000000000000000000000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var error = page.Locator("#signin-error");
        await Assertions.Expect(error).ToContainTextAsync("The specified token is invalid or wrong.");
        await Assertions.Expect(error).ToContainTextAsync("does not know this token");
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('studio.token')"));
        await Assertions.Expect(page.Locator("#balance")).Not.ToContainTextAsync("Credits");

        // The right token signs in and is kept; signing out forgets it.
        await page.GetByLabel("API token").FillAsync(studio.Server.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#balance")).ToContainTextAsync("Credits");
        await Assertions.Expect(error).ToBeHiddenAsync();
        Assert.Equal(studio.Server.Token, await page.EvaluateAsync<string?>("localStorage.getItem('studio.token')"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('studio.token')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_main_screens_pass_the_accessibility_rules_at_desktop_and_phone_sizes()
    {
        foreach (bool phone in new[] { false, true })
        {
            string size = phone ? "phone" : "desktop";
            var page = await studio.NewPageAsync(phone);
            await page.AddInitScriptAsync(scriptPath: Axe);
            await page.GotoAsync(studio.StudioUrl);
            await Assertions.Expect(page.GetByLabel("API token")).ToHaveValueAsync(studio.Server.Token);
            await AssertAccessibleAsync(page, $"{size}, signed out");
            await page.ScreenshotAsync(new() { Path = Path.Combine(StudioFixture.Artifacts, $"studio-{size}-signed-out.png") });

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await StudioFixture.OpenSharedSongAsync(page);
            await Assertions.Expect(page.Locator("#sections button").First).ToBeVisibleAsync();
            await StudioCreateTests.WaitForAsync(page, StudioCreateTests.WavePixels + " > 2000", "the waveform was not drawn");
            // Custom mode shows the lyric fields too, and a style slider is checked with them.
            await page.GetByLabel("Custom (your lyrics)").CheckAsync();
            if (!phone) await page.GetByRole(AriaRole.Button, new() { Name = "Add a sound" }).ClickAsync();
            await AssertAccessibleAsync(page, $"{size}, a song open");
            if (phone)
                Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the phone");
            // The screenshot shows the song playing in its verse, a line lit, from the page's top.
            await page.GetByLabel("Inspiration (a prompt)").CheckAsync();
            await page.Locator("#sections button", new() { HasTextString = "Verse" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("#lyrics p.now")).ToHaveCountAsync(1);
            await page.EvaluateAsync("() => { document.getElementById('audio').pause(); window.scrollTo(0, 0); }");
            await page.ScreenshotAsync(new() { Path = Path.Combine(StudioFixture.Artifacts, $"studio-{size}.png"), FullPage = phone });
            await page.Context.CloseAsync();
        }
    }

    private static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        var violations = await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => `${v.id} (${v.help}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        Assert.True(violations.Length == 0, $"{screen}: " + string.Join("\n", violations));
    }
}
