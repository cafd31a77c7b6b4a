using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Encode;

/// <summary>Writes 16- or 24-bit PCM stereo WAV files (the format DAWs and players take everywhere), deterministically.</summary>
public static class WavWriter
{
    public static void Write16(AudioBuffer audio, Stream output) => Write(audio, output, 16);

    public static void Write(AudioBuffer audio, Stream output, int bits) => Write([audio], output, bits);

    /// <summary>
    /// Writes the sum of <paramref name="parts"/> (all as long as the first), added in the order given a chunk at a
    /// time: the same samples as a buffer they were summed into, without that buffer.
    /// </summary>
    public static void Write(IReadOnlyList<AudioBuffer> parts, Stream output, int bits)
    {
        if (bits is not (16 or 24)) throw new ArgumentOutOfRangeException(nameof(bits), "16 or 24 bits");
        if (parts.Count == 0) throw new ArgumentException("nothing to write", nameof(parts));
        var audio = parts[0];
        int bytes = bits / 8, frameBytes = 2 * bytes;
        using var w = new BinaryWriter(output, System.Text.Encoding.ASCII, leaveOpen: true);
        int dataBytes = audio.Frames * frameBytes;
        w.Write("RIFF"u8); w.Write(36 + dataBytes); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)2); w.Write(audio.SampleRate);
        w.Write(audio.SampleRate * frameBytes); w.Write((short)frameBytes); w.Write((short)bits);
        w.Write("data"u8); w.Write(dataBytes);
        const int chunk = 16384;
        var buffer = new byte[chunk * frameBytes];
        double scale = bits == 16 ? 32767.0 : 8388607.0;
        int min = bits == 16 ? -32768 : -8388608, max = bits == 16 ? 32767 : 8388607;
        float[] sumL = parts.Count > 1 ? new float[chunk] : [], sumR = parts.Count > 1 ? new float[chunk] : [];
        for (int pos = 0; pos < audio.Frames; pos += chunk)
        {
            int n = Math.Min(chunk, audio.Frames - pos), o = 0;
            ReadOnlySpan<float> left = audio.Left.AsSpan(pos, n), right = audio.Right.AsSpan(pos, n);
            if (parts.Count > 1)
            {
                Array.Clear(sumL);
                Array.Clear(sumR);
                foreach (var part in parts)
                {
                    Accumulate(part.Left.AsSpan(pos, n), sumL);
                    Accumulate(part.Right.AsSpan(pos, n), sumR);
                }
                left = sumL.AsSpan(0, n);
                right = sumR.AsSpan(0, n);
            }
            for (int i = 0; i < n; i++)
            {
                Put(buffer, ref o, left[i]);
                Put(buffer, ref o, right[i]);
            }
            w.Write(buffer, 0, o);
        }

        // A little-endian sample: the low bytes of the rounded, clamped value.
        void Put(byte[] buf, ref int o, float v)
        {
            int q = (int)Math.Clamp(Math.Round(v * scale), min, max);
            for (int b = 0; b < bytes; b++) buf[o++] = (byte)(q >> (8 * b));
        }
    }

    private static void Accumulate(ReadOnlySpan<float> part, Span<float> sum)
    {
        for (int i = 0; i < part.Length; i++) sum[i] += part[i];
    }
}
