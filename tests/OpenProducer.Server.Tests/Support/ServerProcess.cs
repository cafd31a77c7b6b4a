using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests.Support;

/// <summary>
/// The server as its own process (<c>producer serve</c> on a loopback port), for what only a process shows: its
/// memory, its start-up refusals, a disk of its own. Killed and waited for when disposed.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _lock = new();

    private ServerProcess(Process process) => _process = process;

    public string BaseUrl { get; private set; } = "";
    public string Token { get; private set; } = "";
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far (standard output and error).</summary>
    public string Output
    {
        get { lock (_lock) return string.Join("\n", _output); }
    }

    /// <summary>
    /// Starts <c>serve --port 0</c> with the arguments and environment given, and waits until it prints its address and
    /// token (or exits). <paramref name="wrapper"/> runs it inside another command (e.g. <c>unshare</c>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string args, IDictionary<string, string>? environment = null, string? wrapper = null,
        bool expectStart = true)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenProducer.Server.dll");
        string command = $"dotnet \"{dll}\" serve --port 0 {args}";
        var psi = new ProcessStartInfo(wrapper is null ? "dotnet" : "sh");
        if (wrapper is null) psi.Arguments = $"\"{dll}\" serve --port 0 {args}";
        else
        {
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(wrapper.Replace("{server}", command));
        }
        psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.Environment["PRODUCER_STUDIO_SOUNDFONT"] = TestSoundFonts.Small;
        psi.Environment["PRODUCER_SOUNDFONT"] = TestSoundFonts.Small;
        psi.Environment["PRODUCER_ACOUSTIC_KIT"] = "none";
        psi.Environment["PRODUCER_ROCK_KIT"] = "none";
        psi.Environment["PRODUCER_SMALL_SOUNDFONT"] = TestSoundFonts.Small;
        psi.Environment["PRODUCER_RATE_LIMIT_PER_MINUTE"] = "0";
        // Many servers start in a run: none makes the warm-up song.
        psi.Environment["PRODUCER_WARMUP"] = "0";
        psi.Environment["PRODUCER_APP_RATE_LIMIT_PER_MINUTE"] = "0";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var server = new ServerProcess(Process.Start(psi)!);
        server._process.OutputDataReceived += (_, e) => server.Add(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Add(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !server._process.HasExited && server.Token.Length == 0) await Task.Delay(50);
        if (expectStart && server.Token.Length == 0)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("the server did not start:\n" + server.Output);
        }
        if (!expectStart) await server._process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return server;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lock)
        {
            _output.Add(line);
            if (Listening().Match(line) is { Success: true } m) BaseUrl = m.Groups[1].Value;
            if (TokenLine().Match(line) is { Success: true } t) Token = t.Groups[1].Value;
        }
    }

    /// <summary>The process's peak resident memory so far (VmHWM), in bytes.</summary>
    public long PeakRssBytes => Status("VmHWM");

    /// <summary>The process's resident memory now (VmRSS), in bytes.</summary>
    public long RssBytes => Status("VmRSS");

    /// <summary>Reads a kB figure from /proc/PID/status (of the server, also when it runs under a wrapper).</summary>
    private long Status(string field)
    {
        int pid = ServerPid();
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException($"no {field} for process {pid}");
    }

    /// <summary>The dotnet process serving: this one, or the wrapper's descendant that runs the server.</summary>
    public int ServerPid()
    {
        int pid = _process.Id;
        for (int depth = 0; depth < 4; depth++)
        {
            if (File.ReadAllText($"/proc/{pid}/cmdline").Contains("OpenProducer.Server.dll")) return pid;
            string children = $"/proc/{pid}/task/{pid}/children";
            string? first = File.Exists(children) ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
            if (first is null) break;
            pid = int.Parse(first, CultureInfo.InvariantCulture);
        }
        return pid;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"OpenProducer is listening on (\S+) ")]
    private static partial Regex Listening();

    [GeneratedRegex(@"Your local API token: (op_[0-9a-f]+)")]
    private static partial Regex TokenLine();
}
