using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>What a strict client of the hosted API expects: codes, field names and shapes exactly as documented.</summary>
public class StrictClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private static (string Code, string Message) Error(JsonElement body) =>
        (body.GetProperty("error").GetProperty("code").GetString()!, body.GetProperty("error").GetProperty("message").GetString()!);

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("bearer    ")]
    public async Task An_empty_bearer_token_is_no_token(string header)
    {
        foreach (var path in new[] { "/producer/tasks", "/producer/audios" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Server.BaseUrl + path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await Server.Http.SendAsync(request);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.Equal("no_token", Error(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement).Code);
        }
    }

    [Theory]
    [InlineData("music_variation")]
    [InlineData("extend_music")]
    [InlineData("swap_music_vocals")]
    [InlineData("cover_music")]
    public async Task Errors_in_the_camel_case_dialect_name_its_fields(string action)
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new Dictionary<string, object>
        {
            ["action"] = action, ["audioId"] = Guid.NewGuid().ToString(), ["sounds"] = new[] { new { text = "rock", strength = 0.8 } },
        });
        Assert.Equal(400, status);
        Assert.Equal(("bad_request", "audioId is invalid."), Error(body));
    }
}
