using OpenProducer.Engine.Composition;

namespace OpenProducer.Engine.Render;

/// <summary>How a renderer's two synths share a song's parts.</summary>
public sealed partial class FluidSynthRenderer
{
    /// <summary>Which of the two synths plays a channel's notes on even keys, and which those on odd keys (the same one for a part that is not shared).</summary>
    internal readonly record struct Keys(int Even, int Odd)
    {
        public int For(int key) => (key & 1) == 0 ? Even : Odd;

        public bool Plays(int unit) => Even == unit || Odd == unit;
    }

    /// <summary>
    /// Which synth plays what: each melodic part in two pieces (its notes on even keys, those on odd keys), the drums
    /// whole (a kit's exclusive classes, such as an open hi-hat cut by the closed one, need every note on one synth);
    /// the pieces, heaviest first, each to the synth with less to do so far. A piece's weight is how long its notes
    /// sound, each held to the pedal's release and given a release of its own: a synth's time goes with the voices
    /// it plays at once (about 10 ns per voice and frame), so this shares the work about evenly even when one part
    /// (a pedalled piano) is two thirds of it. A key always goes to one synth, so a note struck again ends the last
    /// one as it does on one synth, and the controllers (the pedal, expression) go to both.
    /// </summary>
    internal static Keys[] Share(Score score)
    {
        var pieces = new List<(int Channel, int Parity, double Weight)>();
        foreach (var t in score.Tracks)
        {
            if (t.IsDrums) pieces.Add((t.Channel, -1, Weight(score, t, _ => true)));
            else
                for (int parity = 0; parity < 2; parity++)
                {
                    int p = parity;
                    pieces.Add((t.Channel, p, Weight(score, t, key => (key & 1) == p)));
                }
        }
        var load = new double[2];
        var even = new int[Channels];
        var odd = new int[Channels];
        foreach (var (channel, parity, weight) in pieces.OrderByDescending(p => p.Weight).ThenBy(p => p.Channel).ThenBy(p => p.Parity))
        {
            // A piece without notes goes with the rest of its part (once that has a synth: its own weight is 0, so it
            // comes after every piece with notes).
            int unit = weight == 0 ? (parity == 0 ? odd[channel] : even[channel]) : load[1] < load[0] ? 1 : 0;
            load[unit] += weight;
            if (parity != 1) even[channel] = unit;
            if (parity != 0) odd[channel] = unit;
        }
        return Enumerable.Range(0, Channels).Select(c => new Keys(even[c], odd[c])).ToArray();
    }

    /// <summary>How many seconds a part's notes on the given keys sound in all, each held to the pedal's release and given a release of its own.</summary>
    private static double Weight(Score score, Track track, Func<int, bool> keys)
    {
        const double ReleaseSeconds = 0.5;
        var pedal = track.Controls.Where(c => c.Number == Control.Sustain).OrderBy(c => c.Beat).ToList();
        double total = 0;
        foreach (var n in track.Notes.Where(n => keys(n.Pitch)))
        {
            double off = n.Start + n.Length;
            int at = pedal.FindLastIndex(c => c.Beat <= off);
            if (at >= 0 && pedal[at].Value >= 64)
                off = pedal.FindIndex(at, c => c.Value < 64) is int up and >= 0 ? pedal[up].Beat : score.TotalBeats;
            total += (off - n.Start) * score.SecondsPerBeat + ReleaseSeconds;
        }
        return total;
    }
}
