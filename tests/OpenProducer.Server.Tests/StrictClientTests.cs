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

    [Fact]
    public async Task Placeholder_values_mean_not_set_and_zero_or_one_in_a_boolean_field_is_the_boolean()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        const string body = """
            {"action":"generate","prompt":"calm piano","weirdness":"","sound_strength":"","lyrics_strength":" ","seed":"",
             "custom":0,"instrumental":1,"lyric":false,"title":false,"vocal_gender":false,"callback_url":false,"model":false,"async":1}
            """;
        using var response = await server.PostAsync("/producer/audios", body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        string taskId = JsonDocument.Parse(text).RootElement.GetProperty("task_id").GetString()!;
        var (_, record) = await server.PostJsonAsync("/producer/tasks", new { id = taskId });
        Assert.Equal("""{"action":"generate","prompt":"calm piano","custom":false,"instrumental":true,"async":true}""", record.GetProperty("request").GetRawText());
        Assert.Equal("[Instrumental]", record.GetProperty("response").GetProperty("data")[0].GetProperty("lyric").GetString());

        var (status, error) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "x", instrumental = 2 });
        Assert.Equal((400, "instrumental is invalid."), (status, Error(error).Message));
    }
}
