using System.Diagnostics;
using System.Globalization;
using OpenProducer.Engine.Encode;

namespace OpenProducer.Server.SongFiles;

/// <summary>
/// Whether a kept file is whole before it is handed out again: ffmpeg reads every packet of its first audio stream
/// (copying, not decoding) and the file must read without error to the song's end. A file cut short (a disk that
/// filled, a copy that stopped) fails this even when its header still claims the whole length.
/// </summary>
public static class MediaCheck
{
    /// <summary>The audio may end this much before the song's planned length (encoders round to whole frames).</summary>
    private const double Slack = 0.5;

    public static async Task<bool> CompleteAsync(string path, double seconds, CancellationToken ct)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return false;
        var psi = new ProcessStartInfo(Ffmpeg.Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "-hide_banner", "-v", "error", "-nostats", "-i", path, "-map", "0:a:0", "-c", "copy", "-f", "null", "-", "-progress", "pipe:1" })
            psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0 || (await stderr).Trim().Length > 0) return false;
        double read = 0;
        foreach (var line in (await stdout).Split('\n'))
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal) && long.TryParse(line[12..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long us))
                read = Math.Max(read, us / 1e6);
        return read >= seconds - Slack;
    }
}
