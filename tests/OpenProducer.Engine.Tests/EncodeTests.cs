using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;

namespace OpenProducer.Engine.Tests;

/// <summary>The delivered m4a, encoded while it is decoded for the quality gate.</summary>
public class EncodeTests
{
    [Fact]
    public async Task The_decode_made_beside_the_encode_is_the_file_decoded_sample_for_sample_and_the_file_is_the_one_encoded_alone()
    {
        const int Rate = 44100;
        var audio = new AudioBuffer(7 * Rate + 123, Rate);
        var rng = new Rng(5);
        for (int i = 0; i < audio.Frames; i++)
        {
            // A chord with a little noise and a click every half second: something for the encoder to work at.
            double t = i / (double)Rate;
            double v = 0.2 * Math.Sin(2 * Math.PI * 220 * t) + 0.1 * Math.Sin(2 * Math.PI * 277.2 * t) + 0.02 * (rng.NextDouble() - 0.5)
                + (i % (Rate / 2) < 30 ? 0.5 : 0);
            audio.Left[i] = (float)v;
            audio.Right[i] = (float)(0.8 * v);
        }
        string dir = Directory.CreateTempSubdirectory("encode-").FullName;
        try
        {
            string both = Path.Combine(dir, "both [1].m4a"), alone = Path.Combine(dir, "alone.m4a");
            var decoded = await Ffmpeg.EncodeM4aAndDecodeAsync(audio, both, CancellationToken.None);
            await Ffmpeg.EncodeM4aAsync(audio, alone, CancellationToken.None);
            Assert.Equal(await File.ReadAllBytesAsync(alone), await File.ReadAllBytesAsync(both));
            var fromFile = await Ffmpeg.DecodeAsync(both, Rate, audio.Frames, CancellationToken.None);
            Assert.Equal(audio.Frames, decoded.Frames);
            Assert.Equal(fromFile.Left, decoded.Left);
            Assert.Equal(fromFile.Right, decoded.Right);
            // And it is the music: the decoded chord lines up with what went in.
            double err = 0, sig = 0;
            for (int i = Rate; i < 6 * Rate; i++) { err += Math.Pow(decoded.Left[i] - audio.Left[i], 2); sig += Math.Pow(audio.Left[i], 2); }
            Assert.True(10 * Math.Log10(sig / err) > 20, $"SNR {10 * Math.Log10(sig / err):F1} dB");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A stream that takes <paramref name="room"/> bytes, then fails the way a full disk does.</summary>
    private sealed class FullDisk(int room) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > room) throw new IOException("No space left on device", 28);
            base.Write(buffer, offset, count);
        }
    }

    [Fact]
    public async Task A_live_stream_whose_output_fills_up_fails_the_writer_instead_of_blocking_it()
    {
        const int Rate = 44100;
        var frames = new byte[Rate / 10 * 2 * sizeof(float)];
        var rng = new Rng(7);
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(frames.AsSpan());
        for (int i = 0; i < samples.Length; i++) samples[i] = (float)(0.3 * (rng.NextDouble() - 0.5));
        using var output = new FullDisk(8 * 1024);
        // Bounded: a minute of audio is far more than the pipes hold, so a writer nobody drains would block.
        var writing = Task.Run(() =>
        {
            using var encoder = Ffmpeg.OpenMp3Stream(Rate, output);
            for (int i = 0; i < 600; i++) encoder.Write(frames);
            encoder.Complete();
        });
        var done = await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.Same(writing, done);
        var failure = await Assert.ThrowsAsync<EngineException>(() => writing);
        Assert.IsType<IOException>(failure.InnerException);
        Assert.True(output.Length <= 8 * 1024);
    }
}
