using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// The band rendered on two cores: its parts split in two halves of about equal work, each half played by a synth of
/// its own into a mixer of its own (with its own room and echoes: they are linear, so the two sum to one band), and
/// the halves summed. The split depends on the score alone, so the same song is the same bytes.
/// </summary>
internal static class SplitBand
{
    /// <summary>The parts in two halves, the busiest first, each to the half with less to play so far.</summary>
    public static (List<Track> A, List<Track> B) Halves(Score score)
    {
        List<Track> a = [], b = [];
        double workA = 0, workB = 0;
        foreach (var (track, work) in score.Tracks.Select(t => (t, Work(t, score))).OrderByDescending(p => p.Item2).ThenBy(p => p.t.Channel))
        {
            if (workA <= workB) { a.Add(track); workA += work; }
            else { b.Add(track); workB += work; }
        }
        return (a, b);
    }

    /// <summary>About how long the part's voices sound (seconds), the synth's work, and its strip's while it plays.</summary>
    private static double Work(Track t, Score score) =>
        t.Notes.Sum(n => 0.05 + Math.Min(1.5, n.Length * score.SecondsPerBeat)) + (t.Notes.Count == 0 ? 0 : score.TimeOf(t.Notes.Max(n => n.Start + n.Length)) * 0.2);

    /// <summary>Renders both halves at once and sums them; <paramref name="started"/> sees the mixers before they fill.</summary>
    public static (AudioBuffer Mix, Dictionary<string, AudioBuffer>? Stems, IReadOnlyList<PartSource> Sources) Render(Score score, SoundSet sounds, int sampleRate,
        int frames, bool stems, Action<IReadOnlyList<BandMixer>>? started) =>
        Render(score, sampleRate, frames, stems, started, _ =>
        {
            var lease = SynthPool.Rent(sounds, sampleRate);
            return (lease.Synth, lease);
        });

    /// <param name="synthFor">The synth for each half (0, 1), and what to dispose when it is done with (null: the caller's).</param>
    public static (AudioBuffer Mix, Dictionary<string, AudioBuffer>? Stems, IReadOnlyList<PartSource> Sources) Render(Score score, int sampleRate,
        int frames, bool stems, Action<IReadOnlyList<BandMixer>>? started, Func<int, (FluidSynthRenderer Synth, IDisposable? Owner)> synthFor)
    {
        var (a, b) = Halves(score);
        var mixers = new[] { new BandMixer(score, frames, sampleRate, stems, a), new BandMixer(score, frames, sampleRate, stems, b) };
        started?.Invoke(mixers);
        var sources = new IReadOnlyList<PartSource>[2];
        void Play(int half)
        {
            var (synth, owner) = synthFor(half);
            using (owner) sources[half] = synth.Render(score, frames, mixers[half], half == 0 ? a : b);
        }
        if (b.Count == 0) Play(0);
        else Cores.Both(() => Play(0), () => Play(1));
        var (mix, parts) = mixers[0].Finish();
        if (b.Count > 0)
        {
            var (other, otherParts) = mixers[1].Finish();
            Add(mix, other);
            if (parts is not null)
                foreach (var (group, audio) in otherParts!)
                    if (parts.TryGetValue(group, out var mine)) Add(mine, audio);
                    else parts[group] = audio;
        }
        // The synth names what played each part in the order it took them: back to the score's order.
        var byTrack = new Dictionary<Track, PartSource>(ReferenceEqualityComparer.Instance);
        for (int half = 0; half < 2; half++)
            if (sources[half] is { } named)
                foreach (var (track, source) in score.Tracks.Where((half == 0 ? a : b).Contains).Zip(named)) byTrack[track] = source;
        return (mix, parts, score.Tracks.Where(byTrack.ContainsKey).Select(t => byTrack[t]).ToList());
    }

    private static void Add(AudioBuffer into, AudioBuffer x)
    {
        for (int i = 0; i < into.Frames; i++) { into.Left[i] += x.Left[i]; into.Right[i] += x.Right[i]; }
    }
}
