using System.Text.Json;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Seeds 001 and 003: "When 'Allow General Balance' is enabled, the general balance is used automatically if an app's
/// balance is insufficient." An owner's general balance, drawn on by the applications allowed to, charged with the
/// task and refunded where it came from.
/// </summary>
[Trait("Category", "Fast")]
public class GeneralBalanceTests
{
    private const string Admin = "opadm_general_balance_test";

    private static async Task<(int Status, JsonElement Body)> AdminPost(ProducerServer server, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + path) { Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", Admin);
        using var response = await server.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<(long? App, long? General, bool Allowed)> Balances(ProducerServer server, string token)
    {
        var (_, b) = await server.GetJsonAsync("/v1/balance", token);
        static long? N(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();
        return (N(b.GetProperty("balance")), N(b.GetProperty("general_balance")), b.GetProperty("allow_general_balance").GetBoolean());
    }

    /// <summary>An application holding <paramref name="balance"/>, belonging to an owner holding <paramref name="general"/>, drawing on it.</summary>
    private static async Task<(string AppId, string Token, string OwnerId)> AppWithGeneral(ProducerServer server, long balance, long general)
    {
        var (_, app) = await AdminPost(server, "/admin/applications", new { name = "app", balance });
        var (_, owner) = await AdminPost(server, "/admin/owners", new { name = "owner", general_balance = general });
        string appId = app.GetProperty("application_id").GetString()!, ownerId = owner.GetProperty("id").GetString()!;
        var (status, set) = await AdminPost(server, $"/admin/applications/{appId}/general-balance", new { owner_id = ownerId, allow = true });
        Assert.True(status == 200, set.GetRawText());
        return (appId, app.GetProperty("token").GetString()!, ownerId);
    }

    [Fact]
    public async Task The_general_balance_pays_what_the_applications_does_not_cover_and_only_while_allowed()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0, AdminToken = Admin });
        var (appId, token, _) = await AppWithGeneral(server, balance: 5, general: 25);
        Assert.Equal((5L, 25L, true), await Balances(server, token));

        // Covered by the application's own balance first.
        Assert.Equal(200, (await server.PostJsonAsync("/producer/lyrics", new { prompt = "rain", async = true }, token)).Status);
        Assert.Equal((4L, 25L, true), await Balances(server, token));
        // Not covered: the general balance pays all of it.
        Assert.Equal(200, (await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop", async = true }, token)).Status);
        Assert.Equal((4L, 15L, true), await Balances(server, token));

        // Switched off, nothing more comes from it.
        Assert.Equal(200, (await AdminPost(server, $"/admin/applications/{appId}/general-balance", new { allow = false })).Status);
        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop", async = true }, token);
        Assert.Equal((403, "used_up"), (status, body.GetProperty("error").GetProperty("code").GetString()));
        Assert.Equal((4L, 15L, false), await Balances(server, token));
    }

    [Fact]
    public async Task A_failed_task_paid_from_the_general_balance_is_refunded_to_it()
    {
        await using var server = await ProducerServer.StartBrokenAsync(configure: o => o with { AdminToken = Admin });
        var (_, token, _) = await AppWithGeneral(server, balance: 3, general: 25);
        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop" }, token);
        Assert.Equal(500, status);
        var (_, record) = await server.PostJsonAsync("/producer/tasks", new { id = body.GetProperty("task_id").GetString() }, token);
        Assert.Equal(10, record.GetProperty("credits").GetInt64());
        Assert.True(record.GetProperty("refunded").GetBoolean());
        Assert.Equal((3L, 25L, true), await Balances(server, token));
    }

    [Fact]
    public async Task Concurrent_charges_against_a_general_balance_take_exactly_what_it_holds()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0, AdminToken = Admin });
        var (_, token, _) = await AppWithGeneral(server, balance: 0, general: 10);
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => server.PostJsonAsync("/producer/lyrics", new { prompt = $"song {i}", async = true }, token)));
        Assert.Equal(10, answers.Count(a => a.Status == 200));
        Assert.All(answers.Where(a => a.Status != 200), a => Assert.Equal("used_up", a.Body.GetProperty("error").GetProperty("code").GetString()));
        Assert.Equal((0L, 0L, true), await Balances(server, token));
    }

    [Fact]
    public async Task The_command_line_makes_an_owner_tops_it_up_and_switches_an_application_on()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        string data = $"--data \"{server.DataDir}\"";
        var app = new TokenStore(new Database(server.Options.DatabasePath)).Create("cli", 0);
        var (code, output, _) = await CommandLine.RunAsync($"owner create --name studio --balance 7 {data}");
        Assert.Equal(0, code);
        string owner = output.Trim().Split('\n')[^1].Trim();
        Assert.Equal(0, (await CommandLine.RunAsync($"owner topup {owner} 5 {data}")).Code);
        (code, output, _) = await CommandLine.RunAsync($"app general {app.ApplicationId} on --owner {owner} {data}");
        Assert.True(code == 0, output);
        Assert.Equal((0L, 12L, true), await Balances(server, app.Token));
        (_, output, _) = await CommandLine.RunAsync($"owner list {data}");
        Assert.Contains($"{owner}  studio  general balance 12  1 applications", output);
        Assert.Equal(200, (await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop", async = true }, app.Token)).Status);
        Assert.Equal((0L, 2L, true), await Balances(server, app.Token));
        (code, _, var err) = await CommandLine.RunAsync($"app general {app.ApplicationId} on --owner nobody {data}");
        Assert.Equal(1, code);
        Assert.Contains("no owner nobody", err);
    }
}
