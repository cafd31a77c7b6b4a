using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Encode;

/// <summary>Writes 16-bit PCM stereo WAV files (the format DAWs and players take everywhere), deterministically.</summary>
public static class WavWriter
{
    public static void Write16(AudioBuffer audio, Stream output)
    {
        using var w = new BinaryWriter(output, System.Text.Encoding.ASCII, leaveOpen: true);
        int dataBytes = audio.Frames * 4;
        w.Write("RIFF"u8); w.Write(36 + dataBytes); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)2); w.Write(audio.SampleRate);
        w.Write(audio.SampleRate * 4); w.Write((short)4); w.Write((short)16);
        w.Write("data"u8); w.Write(dataBytes);
        var buffer = new byte[16384 * 4];
        for (int pos = 0; pos < audio.Frames; pos += 16384)
        {
            int n = Math.Min(16384, audio.Frames - pos);
            for (int i = 0; i < n; i++)
            {
                short l = Quantize(audio.Left[pos + i]), r = Quantize(audio.Right[pos + i]);
                buffer[4 * i] = (byte)l; buffer[4 * i + 1] = (byte)(l >> 8);
                buffer[4 * i + 2] = (byte)r; buffer[4 * i + 3] = (byte)(r >> 8);
            }
            w.Write(buffer, 0, n * 4);
        }
    }

    private static short Quantize(float v) => (short)Math.Clamp(Math.Round(v * 32767.0), -32768, 32767);
}
