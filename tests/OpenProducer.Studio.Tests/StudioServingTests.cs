using System.Net;
using System.Text.Json;
using OpenProducer.Studio.Tests.Support;

namespace OpenProducer.Studio.Tests;

/// <summary>How the studio's files and the local token are served (plain HTTP, no browser).</summary>
[Collection("studio")]
public sealed class StudioServingTests(StudioFixture studio)
{
    [Fact]
    public async Task The_page_is_served_with_its_policy_and_revalidated_and_the_local_token_goes_only_to_this_machine()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using (var bare = await http.GetAsync(studio.Server.BaseUrl + "/studio"))
        {
            Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
            Assert.Equal("/studio/", bare.Headers.Location!.OriginalString);
        }
        using var page = await http.GetAsync(studio.StudioUrl);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<script type=\"module\" src=\"js/app.js\">", await page.Content.ReadAsStringAsync());
        using (var again = new HttpRequestMessage(HttpMethod.Get, studio.StudioUrl + "js/app.js"))
        {
            using var first = await http.GetAsync(studio.StudioUrl + "js/app.js");
            Assert.Equal("text/javascript; charset=utf-8", first.Content.Headers.ContentType!.ToString());
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var revalidated = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }
        using (var missing = await http.GetAsync(studio.StudioUrl + "js/nothing.js"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        Assert.Equal(studio.Server.Token, await LocalTokenAsync(http, null));
        // Relayed by a proxy, or asked under a name that is not this machine's (a rebound DNS name): nothing.
        Assert.Null(await LocalTokenAsync(http, ("X-Forwarded-For", "203.0.113.9")));
        Assert.Null(await LocalTokenAsync(http, ("Host", "music.example")));
    }

    private async Task<string?> LocalTokenAsync(HttpClient http, (string Name, string Value)? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, studio.StudioUrl + "local-token");
        if (header is var (name, value))
        {
            if (name == "Host") request.Headers.Host = value;
            else request.Headers.Add(name, value);
        }
        using var response = await http.SendAsync(request);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
    }
}
