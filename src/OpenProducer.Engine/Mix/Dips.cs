using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// A short dip in the finished master's gain, where the encoder pushed a transient over the true-peak ceiling: frames
/// [<see cref="From"/>, <see cref="To"/>) are scaled by a curve that eases down from unity over <see cref="Dips.Ramp"/>
/// frames (half a cosine), holds <see cref="Db"/>, and eases back up over the last <see cref="Dips.Ramp"/> frames.
/// </summary>
public sealed record MasterDip(int From, int To, double Db);

/// <summary>
/// Where the delivered file peaks over the ceiling at a few spots only, those spots are taken down in the master by a
/// dip each (<see cref="MasterDip"/>), and only the AAC frames around them are encoded again: a single transient costs
/// a tenth of a second of the song's level there, not a second limiting pass and encode of the whole song.
/// </summary>
public static class Dips
{
    /// <summary>Frames of each dip's ease down and up (about 46 ms: slower than any transient the encoder would hear as one).</summary>
    public const int Ramp = 2048;

    /// <summary>Frames per block the search measures: the AAC frame's hop, so a block is what two frames decode to.</summary>
    private const int Block = 1024;

    /// <summary>Over blocks this close (in blocks, about 0.1 s) are one spot, under one dip.</summary>
    private const int Gap = 4;

    /// <summary>More dips than this (over all rounds), a spot dipped deeper (dips stacked), or dips covering more of the song, and the overs are the master's, not a few transients': the caller limits the whole song harder instead.</summary>
    private const int MaxSpots = 8;

    private const double MaxDepthDb = 3, MaxShare = 0.1;

    /// <summary>How far under the limit each dip aims, as the encoder follows a gain change only about dB for dB.</summary>
    private const double MarginDb = 0.05;

    /// <summary>
    /// The dips that take <paramref name="decoded"/>'s true peak under <paramref name="limitDb"/> where it goes over, one
    /// per spot, as deep as its over plus a margin; none when nothing is over; null when the overs are not a few short
    /// spots (see <see cref="MaxSpots"/>), counting the dips already <paramref name="taken"/> (a spot dipped again
    /// stacks its dips' depths). A dip may reach past the song's ends, so its ramps stay outside the blocks it holds.
    /// </summary>
    public static IReadOnlyList<MasterDip>? Find(AudioBuffer decoded, double limitDb, IReadOnlyList<MasterDip>? taken = null)
    {
        taken ??= [];
        int n = decoded.Frames, blocks = (n + Block - 1) / Block;
        float limit = (float)Math.Pow(10, limitDb / 20);
        var over = new float[blocks];
        // Two halves on two cores, each measured a stretch at a time.
        int half = blocks / 2;
        void Measure(int firstBlock, int endBlock)
        {
            const int Stretch = 64 * Block;
            var env = new float[Stretch];
            for (int at = firstBlock * Block; at < Math.Min(n, endBlock * Block); at += Stretch)
            {
                int count = Math.Min(Stretch, Math.Min(n, endBlock * Block) - at);
                var e = env.AsSpan(0, count);
                e.Clear();
                TruePeak.Envelope(decoded, at, count, e);
                for (int i = 0; i < count; i++)
                    if (e[i] > limit) over[(at + i) / Block] = Math.Max(over[(at + i) / Block], e[i]);
            }
        }
        Cores.Both(() => Measure(0, half), () => Measure(half, blocks));
        var dips = new List<MasterDip>();
        long covered = taken.Sum(d => (long)(d.To - d.From));
        for (int b = 0; b < blocks; b++)
        {
            if (over[b] == 0) continue;
            int last = b;
            float peak = over[b];
            for (int next = b + 1; next < blocks && next <= last + Gap; next++)
                if (over[next] > 0) (last, peak) = (next, Math.Max(peak, over[next]));
            double depth = 20 * Math.Log10(peak / limit) + MarginDb;
            // Blocks b … last decode from the AAC frames that also carry the block before and after them; the dip holds over all of those.
            int from = (b - 1) * Block - Ramp, to = (last + 2) * Block + Ramp;
            double stacked = depth - taken.Where(d => d.From < to && d.To > from).Sum(d => d.Db);
            if (taken.Count + dips.Count == MaxSpots || stacked > MaxDepthDb) return null;
            dips.Add(new MasterDip(from, to, -depth));
            covered += to - from;
            b = last;
        }
        return covered > MaxShare * n ? null : dips;
    }

    /// <summary>Scales the dip's frames of <paramref name="audio"/> by its curve, in place (the same products wherever a master is made).</summary>
    public static void Apply(AudioBuffer audio, MasterDip dip)
    {
        int from = Math.Max(0, dip.From), to = Math.Min(audio.Frames, dip.To), length = dip.To - dip.From;
        int ramp = Math.Min(Ramp, length / 2);
        double floor = Math.Pow(10, dip.Db / 20);
        for (int i = from; i < to; i++)
        {
            int edge = Math.Min(i - dip.From, dip.To - 1 - i);
            double eased = edge >= ramp ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * (edge + 0.5) / ramp);
            float k = (float)(1 - (1 - floor) * eased);
            audio.Left[i] *= k;
            audio.Right[i] *= k;
        }
    }

    /// <summary>All of <paramref name="dips"/>, in order, on each of <paramref name="audio"/>.</summary>
    public static void Apply(IEnumerable<AudioBuffer> audio, IReadOnlyList<MasterDip>? dips)
    {
        if (dips is null or { Count: 0 }) return;
        foreach (var a in audio)
            foreach (var dip in dips) Apply(a, dip);
    }
}
