using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenProducer.Server.Cli;

/// <summary>
/// <c>producer test [dotnet test options…]</c>: runs the solution's tests in Release, shows their output as it comes,
/// and closes with one line summed over the test projects: <c>tests: N passed, M failed, K skipped</c>. Its exit code
/// is dotnet test's. Run from the repository's root (the <c>producer</c> script goes there).
/// </summary>
public static partial class TestCommand
{
    public static Command Build()
    {
        var command = new Command("test", "Runs the tests (dotnet test on OpenProducer.slnx in Release); further options go to dotnet test, "
            + "e.g. --filter \"Category=Fast\". Ends with 'tests: N passed, M failed, K skipped'.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((p, cancel) => RunAsync(p.UnmatchedTokens, cancel));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> extra, CancellationToken cancel)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["test", "OpenProducer.slnx", "-c", "Release", "-nologo", .. extra]) psi.ArgumentList.Add(a);
        // The tests' temporary files (downloads, data folders, rendered songs) go to a folder of this run, removed
        // after it: repeated runs do not fill the disk with what a test did not clean up.
        var temp = Directory.CreateTempSubdirectory("producer-tests-");
        // Open to every user as /tmp is (sticky: each removes only its own): the PostgreSQL tests' server runs as its own user.
        if (!OperatingSystem.IsWindows()) temp.UnixFileMode = (UnixFileMode)0b1_111_111_111;
        psi.Environment["TMPDIR"] = temp.FullName;
        try
        {
            return await RunTestsAsync(psi, cancel);
        }
        finally
        {
            try { temp.Delete(recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"tests: could not remove {temp.FullName}: {e.Message}"); }
        }
    }

    private static async Task<int> RunTestsAsync(ProcessStartInfo psi, CancellationToken cancel)
    {
        long passed = 0, failed = 0, skipped = 0;
        var gate = new Lock();
        void Line(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                Console.Out.WriteLine(line);
                passed += Sum(Passed(), line);
                failed += Sum(Failed(), line);
                skipped += Sum(Skipped(), line);
            }
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet test did not start");
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancel);
        int status = process.ExitCode;
        if (status != 0 && failed == 0) failed = 1;
        Console.Out.WriteLine($"tests: {passed} passed, {failed} failed, {skipped} skipped");
        return status;
    }

    private static long Sum(Regex pattern, string line) =>
        pattern.Matches(line).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Passed: +([0-9]+)")]
    private static partial Regex Passed();

    [GeneratedRegex(@"Failed: +([0-9]+)")]
    private static partial Regex Failed();

    [GeneratedRegex(@"Skipped: +([0-9]+)")]
    private static partial Regex Skipped();
}
