using System.Net.Http.Headers;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>Guessing tokens is limited per client address, before any lookup.</summary>
[Trait("Category", "Fast")]
public class AuthFailureTests
{
    private static async Task<(int Status, string? Code, string? RetryAfter)> Get(ProducerServer server, string token, string path = "/v1/balance")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        string? code = body.TryGetProperty("error", out var e) ? e.GetProperty("code").GetString() : null;
        return ((int)response.StatusCode, code, response.Headers.TryGetValues("Retry-After", out var v) ? v.Single() : null);
    }

    [Fact]
    public async Task An_address_that_fails_to_authenticate_too_often_is_answered_429_before_any_lookup()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { AuthFailuresPerMinute = 5, AdminToken = "opadm_limit_test" });
        for (int i = 0; i < 5; i++) Assert.Equal((401, "invalid_token"), (await Get(server, "op_guess" + i)) is var r ? (r.Status, r.Code) : default);
        var (status, code, retryAfter) = await Get(server, "op_guess_again");
        Assert.Equal((429, "too_many_requests"), (status, code));
        Assert.InRange(int.Parse(retryAfter!), 1, 60);
        // The admin API counts and refuses the same way, and a good token from this address waits too.
        Assert.Equal(429, (await Get(server, "opadm_wrong", "/admin/applications")).Status);
        Assert.Equal(429, (await Get(server, server.Token)).Status);
    }
}
