using System.Diagnostics;

namespace OpenProducer.Server.Tests.Support;

/// <summary>Runs the server's command line (<c>producer …</c>) as its own process, bounded in time.</summary>
public static class CommandLine
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenProducer.Server.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" {args}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60)).Token);
        return (p.ExitCode, await output, await error);
    }
}
