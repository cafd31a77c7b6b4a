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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_long_song_encoded_in_two_halves_at_once_decodes_to_the_returned_audio_and_joins_without_a_mark(int clickAtJoin)
    {
        const int Rate = 44100;
        var audio = new AudioBuffer((SplitM4a.MinSeconds + 5) * Rate + 777, Rate);
        int join = audio.Frames / 2 / 1024 * 1024;
        var rng = new Rng(11);
        double[] chord = [196, 246.9, 293.7, 392];
        for (int i = 0; i < audio.Frames; i++)
        {
            // Chords changing every two seconds, a little noise, a click every 0.37 s (and, in one case, one on the join).
            double t = i / (double)Rate, v = 0.02 * (rng.NextDouble() - 0.5);
            double shift = (int)(t / 2) % 2 == 0 ? 1 : 1.26;
            foreach (double f in chord) v += 0.08 * Math.Sin(2 * Math.PI * f * shift * t);
            if (i % (int)(0.37 * Rate) < 40 || (clickAtJoin == 1 && Math.Abs(i - join) < 40)) v += 0.5;
            audio.Left[i] = (float)v;
            audio.Right[i] = (float)(0.7 * v);
        }
        string dir = Directory.CreateTempSubdirectory("encode-").FullName;
        try
        {
            string split = Path.Combine(dir, "split.m4a"), alone = Path.Combine(dir, "alone.m4a");
            var decoded = await Ffmpeg.EncodeM4aAndDecodeAsync(audio, split, CancellationToken.None);
            Assert.Equal(audio.Frames, decoded.Frames);
            // What the m4a decodes to (its priming skipped by its edit list), sample for sample.
            var fromFile = await Ffmpeg.DecodeAsync(split, Rate, audio.Frames, CancellationToken.None);
            Assert.Equal(audio.Frames, fromFile.Frames);
            Assert.Equal(fromFile.Left, decoded.Left);
            Assert.Equal(fromFile.Right, decoded.Right);

            // As good as one encoder over the whole song, and no worse at the join than elsewhere.
            await Ffmpeg.EncodeM4aAsync(audio, alone, CancellationToken.None);
            var single = await Ffmpeg.DecodeAsync(alone, Rate, audio.Frames, CancellationToken.None);
            double Snr(AudioBuffer d, int from, int to)
            {
                double err = 0, sig = 0;
                for (int i = from; i < to; i++) { err += Math.Pow(d.Left[i] - audio.Left[i], 2); sig += Math.Pow(audio.Left[i], 2); }
                return 10 * Math.Log10(sig / err);
            }
            double whole = Snr(decoded, Rate, audio.Frames - Rate), wholeSingle = Snr(single, Rate, audio.Frames - Rate);
            Assert.True(whole > wholeSingle - 0.5, $"SNR {whole:F1} dB split, {wholeSingle:F1} dB in one");
            // The join against the same stretch from one encoder (a click there is as hard for either).
            double atJoin = Snr(decoded, join - 2048, join + 2048), atJoinSingle = Snr(single, join - 2048, join + 2048);
            Assert.True(atJoin > atJoinSingle - 3, $"SNR at the join {atJoin:F1} dB split, {atJoinSingle:F1} dB in one");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_codec_in_this_process_writes_the_command_lines_m4a_and_decodes_the_same_samples()
    {
        const int Rate = 44100;
        var audio = new AudioBuffer((SplitM4a.MinSeconds + 5) * Rate + 321, Rate);
        var rng = new Rng(3);
        for (int i = 0; i < audio.Frames; i++)
        {
            double t = i / (double)Rate;
            double v = 0.15 * Math.Sin(2 * Math.PI * 261.6 * t) + 0.1 * Math.Sin(2 * Math.PI * 392 * t * (1 + 0.01 * Math.Sin(t))) + 0.03 * (rng.NextDouble() - 0.5)
                + (i % (int)(0.29 * Rate) < 25 ? 0.4 : 0);
            audio.Left[i] = (float)v;
            audio.Right[i] = (float)(0.6 * v + 0.05 * Math.Sin(2 * Math.PI * 110 * t));
        }
        Assert.True(LibAv.Available, "FFmpeg 5.1's libraries (libavcodec 59, libavutil 57) load in this process");
        string dir = Directory.CreateTempSubdirectory("encode-").FullName;
        try
        {
            string inProcess = Path.Combine(dir, "in.m4a"), byProcess = Path.Combine(dir, "cli.m4a");
            var decoded = await Ffmpeg.EncodeM4aAndDecodeAsync(audio, inProcess, CancellationToken.None);
            AudioBuffer cli;
            SplitM4a.InProcessAllowed = false;
            try
            {
                cli = await Ffmpeg.EncodeM4aAndDecodeAsync(audio, byProcess, CancellationToken.None);
            }
            finally
            {
                SplitM4a.InProcessAllowed = true;
            }
            Assert.Equal(audio.Frames, decoded.Frames);
            Assert.Equal(cli.Left, decoded.Left);
            Assert.Equal(cli.Right, decoded.Right);
            Assert.Equal(await File.ReadAllBytesAsync(byProcess), await File.ReadAllBytesAsync(inProcess));
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
