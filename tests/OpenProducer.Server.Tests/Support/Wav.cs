using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenProducer.Server.Tests.Support;

/// <summary>Reads the 16-bit stereo WAV files the server delivers (alone or in a stems zip) as interleaved samples.</summary>
public static class Wav
{
    public static short[] Read(byte[] bytes)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
        int pos = 12;
        short[]? data = null;
        int rate = 0, channels = 0, bits = 0;
        while (pos + 8 <= bytes.Length)
        {
            string id = Encoding.ASCII.GetString(bytes, pos, 4);
            int size = BitConverter.ToInt32(bytes, pos + 4);
            if (id == "fmt ")
            {
                Assert.Equal(1, BitConverter.ToInt16(bytes, pos + 8));
                channels = BitConverter.ToInt16(bytes, pos + 10);
                rate = BitConverter.ToInt32(bytes, pos + 12);
                bits = BitConverter.ToInt16(bytes, pos + 22);
            }
            else if (id == "data") data = MemoryMarshal.Cast<byte, short>(bytes.AsSpan(pos + 8, size)).ToArray();
            pos += 8 + size + (size & 1);
        }
        Assert.Equal((44100, 2, 16), (rate, channels, bits));
        return data ?? throw new InvalidDataException("no data chunk");
    }

    /// <summary>Every WAV entry of a zip, by entry name.</summary>
    public static Dictionary<string, short[]> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var files = new Dictionary<string, short[]>();
        foreach (var e in zip.Entries)
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            files[e.FullName] = Read(ms.ToArray());
        }
        return files;
    }

    /// <summary>Writes interleaved 16-bit stereo at 44.1 kHz (frames [from, to) of it) as a WAV file, for tools that read files.</summary>
    public static void Write(short[] interleaved, string path, int from = 0, int to = int.MaxValue)
    {
        int a = Math.Clamp(from, 0, interleaved.Length / 2), b = Math.Clamp(to, a, interleaved.Length / 2);
        using var w = new BinaryWriter(File.Create(path));
        int bytes = (b - a) * 4;
        w.Write("RIFF"u8); w.Write(36 + bytes); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)2); w.Write(44100); w.Write(44100 * 4); w.Write((short)4); w.Write((short)16);
        w.Write("data"u8); w.Write(bytes);
        for (int i = 2 * a; i < 2 * b; i++) w.Write(interleaved[i]);
    }
}
