using System.Text.Json;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>Balances are bounded whole numbers: no top-up overflows them, and charging goes on at the bound.</summary>
[Trait("Category", "Fast")]
public class CreditTests
{
    private const string Admin = "opadm_credit_test_token";

    private static async Task<(int Status, JsonElement Body)> AdminPost(ProducerServer server, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", Admin);
        using var response = await server.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_top_up_that_would_pass_the_largest_balance_is_refused_and_the_balance_stays_exact_and_chargeable()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { AdminToken = Admin });
        var (_, made) = await AdminPost(server, "/admin/applications", """{"name":"rich","balance":5}""");
        string app = made.GetProperty("application_id").GetString()!, token = made.GetProperty("token").GetString()!;

        // 2^62 twice would overflow a 64-bit balance; once is already past the bound.
        var (status, body) = await AdminPost(server, $"/admin/applications/{app}/topup", """{"credits":4611686018427387904}""");
        Assert.Equal(400, status);
        Assert.StartsWith("credits is invalid: it must be a whole number of credits from 1 to 1000000000000000", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(400, (await AdminPost(server, $"/admin/applications/{app}/topup", """{"credits":1.5}""")).Status);

        (status, body) = await AdminPost(server, $"/admin/applications/{app}/topup", $$"""{"credits":"{{Credits.Max - 5}}"}""");
        Assert.Equal(200, status);
        Assert.Equal(Credits.Max, body.GetProperty("balance").GetInt64());
        (status, body) = await AdminPost(server, $"/admin/applications/{app}/topup", """{"credits":1}""");
        Assert.Equal(400, status);
        Assert.Contains("would pass 1000000000000000", body.GetProperty("error").GetProperty("message").GetString());

        var (code, _, err) = await CommandLine.RunAsync($"app topup {app} 1 --data \"{server.DataDir}\"");
        Assert.Equal(1, code);
        Assert.Contains("would pass", err);

        Assert.Equal(200, (await server.PostJsonAsync("/producer/lyrics", new { prompt = "rain" }, token)).Status);
        Assert.Equal(Credits.Max - 1, (await server.GetJsonAsync("/v1/balance", token)).Body.GetProperty("balance").GetInt64());
    }
}
