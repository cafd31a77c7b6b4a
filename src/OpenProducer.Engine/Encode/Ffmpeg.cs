using System.Diagnostics;
using System.Runtime.InteropServices;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// Encodes with the ffmpeg command-line tool, streaming raw samples or pixels on stdin. Bit-exact flags and
/// stripped metadata keep outputs byte-identical for identical inputs.
/// </summary>
public static class Ffmpeg
{
    public static string Executable { get; set; } = "ffmpeg";

    public static async Task EncodeM4aAsync(AudioBuffer audio, string path, CancellationToken ct)
    {
        string args = $"-hide_banner -loglevel error -y -f f32le -ar {audio.SampleRate} -ac 2 -i pipe:0 " +
            "-c:a aac -b:a 192k -map_metadata -1 -fflags +bitexact -flags:a +bitexact -movflags +faststart " +
            $"-f mp4 \"{path}\"";
        await RunAsync(args, stdin => WriteInterleaved(audio, stdin, ct), ct);
    }

    public static async Task EncodeJpegAsync(byte[] rgb, int width, int height, string path, CancellationToken ct)
    {
        string args = $"-hide_banner -loglevel error -y -f rawvideo -pix_fmt rgb24 -s {width}x{height} -i pipe:0 " +
            $"-frames:v 1 -q:v 3 -map_metadata -1 -fflags +bitexact -flags +bitexact -f image2 -c:v mjpeg \"{path}\"";
        await RunAsync(args, async stdin => await stdin.WriteAsync(rgb, ct), ct);
    }

    /// <summary>Decodes a file to planar stereo float at <paramref name="sampleRate"/>, to measure what we deliver.</summary>
    public static async Task<AudioBuffer> DecodeAsync(string path, int sampleRate, CancellationToken ct)
    {
        var bytes = new MemoryStream();
        string args = $"-hide_banner -loglevel error -i \"{path}\" -f f32le -ac 2 -ar {sampleRate} pipe:1";
        await RunAsync(args, stdin => Task.CompletedTask, ct, bytes);
        var samples = MemoryMarshal.Cast<byte, float>(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        var audio = new AudioBuffer(samples.Length / 2, sampleRate);
        for (int i = 0; i < audio.Frames; i++) { audio.Left[i] = samples[2 * i]; audio.Right[i] = samples[2 * i + 1]; }
        return audio;
    }

    private static async Task WriteInterleaved(AudioBuffer audio, Stream stdin, CancellationToken ct)
    {
        const int frames = 16384;
        var chunk = new float[frames * 2];
        for (int pos = 0; pos < audio.Frames; pos += frames)
        {
            int n = Math.Min(frames, audio.Frames - pos);
            for (int i = 0; i < n; i++)
            {
                chunk[2 * i] = audio.Left[pos + i];
                chunk[2 * i + 1] = audio.Right[pos + i];
            }
            await stdin.WriteAsync(MemoryMarshal.AsBytes(chunk.AsSpan(0, n * 2)).ToArray(), ct);
        }
    }

    private static async Task RunAsync(string args, Func<Stream, Task> feed, CancellationToken ct, Stream? output = null)
    {
        var psi = new ProcessStartInfo(Executable, args)
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new EngineException("ffmpeg did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EngineException("ffmpeg not found: run ./producer serve (it installs ffmpeg) or apt-get install ffmpeg", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = output is null
                ? process.StandardOutput.ReadToEndAsync(ct)
                : process.StandardOutput.BaseStream.CopyToAsync(output, ct).ContinueWith(_ => "", ct);
            try
            {
                await feed(process.StandardInput.BaseStream);
                process.StandardInput.Close();
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            catch (IOException e)
            {
                await process.WaitForExitAsync(CancellationToken.None);
                throw new EngineException($"ffmpeg stopped reading its input: {(await stderr).Trim()}", e);
            }
            await stdout;
            if (process.ExitCode != 0) throw new EngineException($"ffmpeg failed ({process.ExitCode}): {(await stderr).Trim()}");
        }
    }
}
