using System.Text.Json;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// The command-line client's help, exit codes and messages, as a process against a real server whose songs are
/// stood in for: what it says when the token, the balance or the server is not there.
/// </summary>
[Trait("Category", "Fast")]
public class ProducerCliFastTests(FastServerFixture fixture) : IClassFixture<FastServerFixture>
{
    public static TheoryData<string> Verbs =>
    [
        "", "serve", "token", "token create", "token list", "token revoke", "app", "app list", "app topup", "app disable", "app enable", "app general",
        "owner", "owner create", "owner list", "owner topup", "disk", "test", "generate", "extend", "replace", "cover", "swap-vocals",
        "swap-instrumentals", "variation", "stems", "wav", "download", "video", "lyrics", "tasks", "balance",
    ];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_verb_answers_help_with_its_usage(string verb)
    {
        var (code, output, error) = await CommandLine.RunAsync($"{verb} --help");
        Assert.True(code == 0, error);
        Assert.Contains($"producer {verb}".TrimEnd(), output);
        Assert.Contains("Usage:", output);
        Assert.Contains("--help", output);
    }

    [Fact]
    public async Task A_client_verb_with_its_options_in_help_says_what_the_exit_codes_mean()
    {
        var (_, root, _) = await CommandLine.RunAsync("--help");
        Assert.Contains("4  the balance does not cover the price (used_up)", root);
        var (_, generate, _) = await CommandLine.RunAsync("generate --help");
        foreach (string option in (string[])["--lyrics <FILE>", "--title", "--style", "--instrumental", "--model", "--seed", "--out <FILE>", "--json", "--server <URL>", "--token"])
            Assert.Contains(option, generate);
        Assert.Contains("3 token refused", generate);
    }

    [Fact]
    public async Task A_bad_token_exits_3_with_the_servers_message()
    {
        var server = fixture.Server;
        var (code, output, error) = await Client("balance --token op_0000", server);
        Assert.Equal(3, code);
        Assert.Equal("", output);
        Assert.Contains("invalid_token: The specified token is invalid or wrong.", error);
        (code, _, error) = await Client("generate \"a song\" --token op_0000", server);
        Assert.Equal(3, code);
        Assert.Contains("The specified token is invalid or wrong.", error);
    }

    [Fact]
    public async Task A_balance_that_does_not_cover_the_song_exits_4_and_balance_reports_the_credits()
    {
        var server = fixture.Server;
        string poor = new TokenStore(Database.For(server.Options)).Create("poor", 0).Token;
        var (code, _, error) = await Client($"generate \"a song for Christmas\" --token {poor}", server);
        Assert.Equal(4, code);
        Assert.Contains("used_up: ", error);

        string rich = new TokenStore(Database.For(server.Options)).Create("rich", 25).Token;
        (code, var output, _) = await Client($"balance --token {rich}", server);
        Assert.Equal(0, code);
        Assert.Contains("balance: 25 credits", output);
        (code, output, _) = await Client($"balance --json --token {rich}", server);
        Assert.Equal(0, code);
        Assert.Equal(25, JsonDocument.Parse(output).RootElement.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Without_a_token_the_client_takes_the_local_one_from_the_data_folder()
    {
        var server = fixture.Server;
        string data = Directory.CreateTempSubdirectory("cli-local-").FullName;
        var (code, _, error) = await CommandLine.RunAsync($"balance --data \"{data}\" --server {server.BaseUrl}");
        Assert.Equal(3, code);
        Assert.Contains("No token", error);
        await File.WriteAllTextAsync(Path.Combine(data, "local-token"), server.Token + "\n");
        (code, var output, error) = await CommandLine.RunAsync($"balance --data \"{data}\" --server {server.BaseUrl}");
        Assert.True(code == 0, error);
        Assert.Contains("balance: unlimited", output);
    }

    [Fact]
    public async Task A_server_that_is_not_there_exits_6_and_a_refused_request_7()
    {
        var (code, _, error) = await CommandLine.RunAsync("balance --server http://127.0.0.1:9 --token op_x");
        Assert.Equal(6, code);
        Assert.Contains("cannot reach the server at http://127.0.0.1:9/", error);
        (code, _, error) = await Client("extend no-such-song --from 10", fixture.Server);
        Assert.Equal(7, code);
        Assert.Matches("(not_found|bad_request): ", error);
    }

    [Theory]
    [InlineData("generate", "generate needs a PROMPT, or --lyrics FILE")]
    [InlineData("generate \"x\" --lyrics /no/such/file", "--lyrics: cannot read /no/such/file")]
    [InlineData("replace some-song --start 5", "--end")]
    [InlineData("download some-song --format ogg", "ogg")]
    [InlineData("generate \"x\" --sed 4", "unknown option --sed")]
    [InlineData("balance --server not-a-url", "--server must be an absolute http or https URL")]
    public async Task A_usage_error_exits_2_naming_what_was_wrong(string args, string message)
    {
        var (code, _, error) = await Client(args, fixture.Server);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Progress_without_a_terminal_is_plain_lines_that_count_up_to_the_finish()
    {
        var server = fixture.Server;
        var (code, output, error) = await Client("generate \"a song for Christmas\"", server, new Dictionary<string, string> { ["CI"] = "true" });
        Assert.True(code == 0, error);
        Assert.DoesNotContain('\u001b', output + error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(@"^generate: (pending|running|succeeded)( \d+%)? \(\d+ s\)$", l));
        Assert.EndsWith("generate: succeeded 100%", lines[^1][..lines[^1].LastIndexOf(" (", StringComparison.Ordinal)]);
        Assert.StartsWith("song: ", output);
    }

    [Fact]
    public async Task On_a_terminal_the_progress_is_a_live_bar_and_the_details_are_drawn()
    {
        // `script` gives the command a terminal of its own; what it drew comes back through the typescript.
        var server = fixture.Server;
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenProducer.Server.dll");
        var psi = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-qec", $"dotnet \"{dll}\" generate \"a song for Christmas\" --server {server.BaseUrl} --token {server.Token}", "/dev/null"])
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("CI");
        psi.Environment["TERM"] = "xterm-256color";
        using var process = System.Diagnostics.Process.Start(psi)!;
        var drawn = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        string screen = await drawn;
        Assert.True(process.ExitCode == 0, screen);
        Assert.Contains("\u001b[", screen);
        Assert.Contains("━", screen);
        Assert.Contains("100%", screen);
        Assert.DoesNotContain("generate: running", screen);
    }

    private static Task<(int Code, string Out, string Err)> Client(string args, ProducerServer server, IDictionary<string, string>? environment = null) =>
        CommandLine.RunAsync(args + (args.Contains("--server") ? "" : $" --server {server.BaseUrl}") + (args.Contains("--token") ? "" : $" --token {server.Token}"), environment);
}
