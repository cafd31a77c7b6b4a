using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

[Trait("Category", "Fast")]
public class CliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Token_create_prints_a_working_token_as_its_last_line_while_the_server_runs()
    {
        var server = fixture.Server;
        var (code, output, _) = await Cli($"token create --name cli --balance 25 --data \"{server.DataDir}\"");
        Assert.Equal(0, code);
        string token = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^op_[0-9a-f]{48}$", token);
        Assert.Contains("25 credits", output);
        var (status, _) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = "x" }, token);
        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("--balance lots", "--balance")]
    [InlineData("--balanse 5", "unknown option --balanse")]
    public async Task A_bad_flag_is_a_clear_usage_error(string flags, string message)
    {
        var (code, _, err) = await Cli($"token create {flags} --data \"{fixture.Server.DataDir}\"");
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    private static Task<(int Code, string Out, string Err)> Cli(string args) => CommandLine.RunAsync(args);

    [Theory]
    [InlineData("PRODUCER_WORKERS", "lots", "PRODUCER_WORKERS: 'lots' is not a whole number")]
    [InlineData("PRODUCER_RATE_LIMIT_PER_MINUTE", "-5", "PRODUCER_RATE_LIMIT_PER_MINUTE: '-5' is not a whole number")]
    [InlineData("PRODUCER_RETENTION_DAYS", "a week", "PRODUCER_RETENTION_DAYS: 'a week' is not a number of days")]
    [InlineData("PRODUCER_PUBLIC_URL", "producer.example.com", "the public URL 'producer.example.com' is not an absolute http or https URL")]
    [InlineData("PRODUCER_PRICES", "generate=ten", "PRODUCER_PRICES: 'generate=ten' is not action=credits")]
    public async Task Serve_refuses_to_start_on_a_setting_it_cannot_read_and_says_which(string variable, string value, string message)
    {
        string data = Directory.CreateTempSubdirectory("bad-setting-").FullName;
        var (code, output, err) = await CommandLine.RunAsync($"serve --port 0 --data \"{data}\"", new Dictionary<string, string> { [variable] = value });
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.DoesNotContain("Press Ctrl+C", output);
    }

    [Fact]
    public async Task The_operator_tops_up_lists_and_revokes_from_the_command_line()
    {
        var server = fixture.Server;
        string data = $"--data \"{server.DataDir}\"";
        var (code, output, _) = await Cli($"token create --name ops --balance 5 {data}");
        Assert.Equal(0, code);
        var m = System.Text.RegularExpressions.Regex.Match(output, @"\(([0-9a-f\-]{36})\) for application ([0-9a-f\-]{36})");
        Assert.True(m.Success, output);
        string tokenId = m.Groups[1].Value, appId = m.Groups[2].Value, token = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.Contains("whsec_", output);

        (code, output, _) = await Cli($"app topup {appId} 7 {data}");
        Assert.Equal(0, code);
        Assert.Contains("now holds 12 credits", output);
        var (_, balance) = await server.GetJsonAsync("/v1/balance", token);
        Assert.Equal(12, balance.GetProperty("balance").GetInt64());
        (_, output, _) = await Cli($"app list {data}");
        Assert.Contains($"{appId}  ops  balance 12  enabled  1 tokens", output);
        (_, output, _) = await Cli($"token list --app {appId} {data}");
        Assert.Contains($"{tokenId}  app {appId}  ops  active", output);

        (code, _, _) = await Cli($"token revoke {tokenId} {data}");
        Assert.Equal(0, code);
        var (status, body) = await server.GetJsonAsync("/v1/balance", token);
        Assert.Equal(401, status);
        Assert.Equal("invalid_token", body.GetProperty("error").GetProperty("code").GetString());
        (code, _, var err) = await Cli($"token revoke no-such-token {data}");
        Assert.Equal(1, code);
        Assert.Contains("no token no-such-token", err);
    }
}
