using System.Text;

namespace OpenProducer.Client.Tests.Support;

/// <summary>What a downloaded file is, by its first bytes.</summary>
public static class FileKinds
{
    public static bool IsMp4(byte[] b) => b.Length > 12 && Encoding.ASCII.GetString(b, 4, 4) == "ftyp";

    public static bool IsWav(byte[] b) => b.Length > 44 && Encoding.ASCII.GetString(b, 0, 4) == "RIFF" && Encoding.ASCII.GetString(b, 8, 4) == "WAVE";

    public static bool IsZip(byte[] b) => b.Length > 4 && b[0] == (byte)'P' && b[1] == (byte)'K' && b[2] == 3 && b[3] == 4;

    public static bool IsMidi(byte[] b) => b.Length > 14 && Encoding.ASCII.GetString(b, 0, 4) == "MThd";

    public static bool IsMp3(byte[] b) => b.Length > 4 && (Encoding.ASCII.GetString(b, 0, 3) == "ID3" || (b[0] == 0xFF && (b[1] & 0xE0) == 0xE0));

    public static bool IsFlac(byte[] b) => b.Length > 4 && Encoding.ASCII.GetString(b, 0, 4) == "fLaC";

    /// <summary>A 16-bit WAV's bits per sample (its fmt chunk, right after the RIFF header).</summary>
    public static int WavBits(byte[] b) => BitConverter.ToInt16(b, 34);
}
