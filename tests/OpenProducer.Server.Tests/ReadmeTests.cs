using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>The new user's path: `./producer serve`, then the curl example it prints, pasted into a shell.</summary>
public class ReadmeTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "producer"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task The_printed_curl_example_returns_a_downloadable_song_as_long_as_its_duration()
    {
        string data = Directory.CreateTempSubdirectory("readme-").FullName;
        var psi = new ProcessStartInfo("bash", $"./producer serve --port 0 --data \"{data}\"")
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var serve = Process.Start(psi)!;
        try
        {
            var printed = new StringBuilder();
            _ = serve.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            while (!printed.ToString().Contains("Press Ctrl+C to stop."))
            {
                string? line = await serve.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.True(line is not null, "serve exited before it was ready:\n" + printed);
                printed.AppendLine(line);
            }
            // Join the printed curl example's continuation lines into one command, as a shell would.
            var lines = printed.ToString().Split('\n');
            int start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("curl "));
            var command = new StringBuilder();
            for (int i = start; i < lines.Length; i++)
            {
                string l = lines[i].TrimEnd();
                command.Append(l.TrimEnd('\\')).Append(' ');
                if (!l.EndsWith('\\')) break;
            }
            string script = Path.Combine(data, "example.sh");
            await File.WriteAllTextAsync(script, command + " -s\n");
            string json = Media.Run("bash", $"\"{script}\"", 300_000);
            var item = JsonDocument.Parse(json).RootElement.GetProperty("data")[0];
            double duration = double.Parse(item.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);

            string file = Path.Combine(data, "song.m4a");
            using (var plain = new HttpClient())
                await File.WriteAllBytesAsync(file, await plain.GetByteArrayAsync(item.GetProperty("audio_url").GetString()));
            Assert.Equal(duration, Media.Duration(file), 0.05);
            Assert.InRange(duration, 30, 240);
            Assert.True(Media.RmsDb(Media.DecodeMono(file)) > -30, "the song is silent");
            var (lufs, peak) = Media.Ebur128(file);
            Assert.InRange(lufs, -15, -13);
            Assert.True(peak <= -1.0, $"true peak {peak} dBTP");
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }
}
