using System.Collections.Concurrent;
using System.Text;

namespace OpenProducer.Engine.Render;

/// <summary>
/// How many bytes of sample data FluidSynth reads when a preset is selected (it reads each sample a preset's zones
/// play, whole, when samples are loaded on demand): the SF2 file's preset, instrument and sample headers walked
/// from preset to sample, each sample counted once. Only the headers are read (the "pdta" list), never the samples.
/// </summary>
public static class SoundFontSizes
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<(int Bank, int Preset), long>>> Files = new();

    /// <summary>The bytes <paramref name="bank"/>:<paramref name="preset"/> of <paramref name="file"/> loads; 0 when it has no such preset or cannot be read.</summary>
    public static long Of(string file, int bank, int preset) =>
        Files.GetOrAdd(file, f => new Lazy<IReadOnlyDictionary<(int, int), long>>(() => Read(f))).Value.GetValueOrDefault((bank, preset));

    /// <summary>Every preset of an SF2 file and the bytes of sample data it loads (empty for a file that is not a readable SF2).</summary>
    internal static IReadOnlyDictionary<(int Bank, int Preset), long> Read(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = new BinaryReader(stream, Encoding.ASCII);
            return Parse(reader);
        }
        // A damaged file (a missing header list, indices past its end) costs nothing here: FluidSynth reports it when it loads.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or KeyNotFoundException
                                      or IndexOutOfRangeException or ArgumentException)
        {
            return new Dictionary<(int, int), long>();
        }
    }

    private static Dictionary<(int Bank, int Preset), long> Parse(BinaryReader r)
    {
        if (Tag(r) != "RIFF") throw new InvalidDataException("not a RIFF file");
        long end = r.ReadUInt32() + 8;
        if (Tag(r) != "sfbk") throw new InvalidDataException("not a SoundFont");
        Dictionary<string, byte[]> hydra = [];
        bool wide = false;   // a 24-bit sample file: FluidSynth reads the low bytes too
        while (r.BaseStream.Position + 8 <= end)
        {
            string id = Tag(r);
            long size = r.ReadUInt32(), next = r.BaseStream.Position + size + (size & 1);
            if (id == "LIST")
            {
                string kind = Tag(r);
                long listEnd = r.BaseStream.Position - 4 + size;
                while (r.BaseStream.Position + 8 <= listEnd)
                {
                    string sub = Tag(r);
                    long subSize = r.ReadUInt32(), subNext = r.BaseStream.Position + subSize + (subSize & 1);
                    if (r.BaseStream.Position + subSize > r.BaseStream.Length) throw new InvalidDataException("a chunk runs past the end of the file");
                    if (kind == "sdta" && sub == "sm24" && subSize > 0) wide = true;
                    if (kind == "pdta") hydra[sub] = r.ReadBytes((int)subSize);
                    r.BaseStream.Position = subNext;
                }
            }
            r.BaseStream.Position = next;
        }
        return Sizes(hydra, wide ? 3 : 2);
    }

    private static Dictionary<(int Bank, int Preset), long> Sizes(Dictionary<string, byte[]> h, int bytesPerFrame)
    {
        byte[] phdr = h["phdr"], pbag = h["pbag"], pgen = h["pgen"], inst = h["inst"], ibag = h["ibag"], igen = h["igen"], shdr = h["shdr"];
        static int U16(byte[] b, int at) => b[at] | b[at + 1] << 8;
        static long U32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
        const int Instrument = 41, SampleId = 53;
        int samples = shdr.Length / 46 - 1, instruments = inst.Length / 22 - 1;
        long SampleBytes(int s) => s < samples ? Math.Max(0, U32(shdr, s * 46 + 24) - U32(shdr, s * 46 + 20) + 1) * bytesPerFrame : 0;
        // The generators of bags [from, to) of a bag list: each bag's generators run to the next bag's first.
        IEnumerable<int> Amounts(byte[] bags, byte[] gens, int from, int to, int op)
        {
            for (int b = from; b < to && (b + 1) * 4 + 2 <= bags.Length; b++)
                for (int g = U16(bags, b * 4); g < U16(bags, (b + 1) * 4) && g * 4 + 4 <= gens.Length; g++)
                    if (U16(gens, g * 4) == op) yield return U16(gens, g * 4 + 2);
        }
        var sizes = new Dictionary<(int, int), long>();
        for (int p = 0; p + 1 < phdr.Length / 38; p++)
        {
            int at = p * 38;
            var used = new HashSet<int>();
            foreach (int i in Amounts(pbag, pgen, U16(phdr, at + 24), U16(phdr, at + 38 + 24), Instrument))
                if (i < instruments)
                    used.UnionWith(Amounts(ibag, igen, U16(inst, i * 22 + 20), U16(inst, (i + 1) * 22 + 20), SampleId));
            sizes[(U16(phdr, at + 22), U16(phdr, at + 20))] = used.Sum(SampleBytes);
        }
        return sizes;
    }

    private static string Tag(BinaryReader r) => Encoding.ASCII.GetString(r.ReadBytes(4));
}
