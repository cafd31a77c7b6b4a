using System.Diagnostics;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

public class CliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Token_create_prints_a_working_token_as_its_last_line_while_the_server_runs()
    {
        var server = fixture.Server;
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenProducer.Server.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" token create --name cli --balance 25 --data \"{server.DataDir}\"")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Equal(0, p.ExitCode);
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
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenProducer.Server.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" token create {flags} --data \"{fixture.Server.DataDir}\"")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        string err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains(message, err);
    }
}
