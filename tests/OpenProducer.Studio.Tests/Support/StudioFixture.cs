using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using OpenProducer.Server.Studio;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Studio.Tests.Support;

/// <summary>
/// One real server (the real engine, on the small SoundFont) and one headless Chromium (Debian's, no download) for
/// every studio test, with one song made on it up front that the tests share.
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;

    public ProducerServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The shared song, made through the API: its item as the answer gave it.</summary>
    public JsonElement Song { get; private set; }
    public string SongTitle => Song.GetProperty("title").GetString()!;
    public double SongDuration => double.Parse(Song.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Where screenshots and downloads are kept, beside the test assembly.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "studio-artifacts")).FullName;

    /// <summary>The shared song's prompt: the library shows it beside the song (an edit shows its source instead).</summary>
    public const string SongPrompt = "gentle folk song about the harbour, 40 seconds";

    public string StudioUrl => Server.BaseUrl + "/studio/";

    public async Task InitializeAsync()
    {
        Server = await ProducerServer.StartAsync();
        // What `serve` does on a real start: the operator's token kept in the data folder, for the studio to offer.
        await File.WriteAllTextAsync(Path.Combine(Server.DataDir, StudioEndpoints.LocalTokenFile), Server.Token + "\n");
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = SongPrompt, seed = 11 });
        Assert.True(status == 200, body.GetRawText());
        Song = body.GetProperty("data")[0].Clone();
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // The tests play audio without a click first.
            Args = ["--autoplay-policy=no-user-gesture-required"],
        });
    }

    /// <summary>A fresh browser profile (empty localStorage) at a desktop or phone size.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = 1,
            IsMobile = phone,
            HasTouch = phone,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the studio and signs in with the local token it offers.</summary>
    public async Task<IPage> SignedInAsync(bool phone = false)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync(StudioUrl);
        await Assertions.Expect(page.GetByLabel("API token")).ToHaveValueAsync(Server.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#balance")).ToContainTextAsync("Credits");
        return page;
    }

    /// <summary>Signs in and opens the shared song from the library.</summary>
    public async Task<IPage> WithSongAsync(bool phone = false)
    {
        var page = await SignedInAsync(phone);
        await OpenSharedSongAsync(page);
        await Assertions.Expect(page.Locator("#song-title")).ToHaveTextAsync(SongTitle);
        await Assertions.Expect(page.Locator("#sections button").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens the shared song from the library (not one of its edits, which share its title).</summary>
    public static async Task OpenSharedSongAsync(IPage page) =>
        await page.Locator("#songs button", new() { HasTextString = SongPrompt + " ·" }).ClickAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition("studio")]
public sealed class StudioTestGroup : ICollectionFixture<StudioFixture>;
