using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Edit;

/// <summary>New words on a kept tune.</summary>
public static partial class SongEditor
{
    /// <summary>
    /// New words on the song's tune: the n-th new line is sung where the n-th line was, its syllables spread over
    /// that line's notes (notes merge when there are fewer syllables, split when there are more), so the melody's
    /// shape and rhythm stay. Lines beyond the new sheet are left unsung.
    /// </summary>
    internal static ComposedSong Retext(ComposedSong song, string lyric)
    {
        var words = LyricSheet.Parse(lyric).SelectMany(s => s.Lines).ToList();
        var melody = song.Melody.ToList();
        var lines = new List<LyricLine>();
        int next = 0;
        foreach (var slot in song.Lines)
        {
            const double eps = 1e-6;
            var notes = melody.Where(m => m.Start >= slot.Start - eps && m.Start < slot.End - eps).OrderBy(m => m.Start).ToList();
            melody.RemoveAll(notes.Contains);
            if (next >= words.Count || notes.Count == 0) continue;
            string text = words[next++];
            melody.AddRange(Refit(notes, Syllables.Split(text)));
            lines.Add(slot with { Text = text });
        }
        melody.Sort((a, b) => a.Start.CompareTo(b.Start));
        return song with { Melody = melody, Lines = lines };
    }

    private static IEnumerable<MelodyNote> Refit(List<MelodyNote> notes, IReadOnlyList<string> syllables)
    {
        int n = notes.Count, k = syllables.Count;
        if (k == 0) yield break;
        if (k <= n)
        {
            var groups = Groups(notes, k);
            for (int j = 0; j < k; j++)
            {
                var group = notes.GetRange(groups[j], groups[j + 1] - groups[j]);
                var a = group[0];
                var b = group[^1];
                yield return new MelodyNote(a.Start, b.Start + b.Length - a.Start, group.MaxBy(m => m.Length)!.Pitch, syllables[j]);
            }
            yield break;
        }
        // More syllables than notes: the longest notes split first, into equal parts on the same pitch.
        var parts = new int[n];
        Array.Fill(parts, 1);
        for (int extra = k - n; extra > 0; extra--)
        {
            int longest = 0;
            for (int i = 1; i < n; i++) if (notes[i].Length / (parts[i] + 1) > notes[longest].Length / (parts[longest] + 1)) longest = i;
            parts[longest]++;
        }
        int s = 0;
        for (int i = 0; i < n; i++)
            for (int p = 0; p < parts[i]; p++)
            {
                double len = notes[i].Length / parts[i];
                yield return new MelodyNote(notes[i].Start + p * len, len, notes[i].Pitch, syllables[s++]);
            }
    }

    /// <summary>
    /// Where <paramref name="notes"/> split into <paramref name="k"/> runs of neighbours, each sung on one syllable at
    /// the pitch of its longest note: the split that loses the least of the tune (the time spent off the sung pitch,
    /// weighted by how far off), so repeated and neighbouring notes merge before leaps do. Returns the k + 1 bounds.
    /// </summary>
    private static int[] Groups(List<MelodyNote> notes, int k)
    {
        int n = notes.Count;
        double Cost(int from, int to)
        {
            int pitch = notes.Skip(from).Take(to - from).MaxBy(m => m.Length)!.Pitch;
            double lost = 0;
            for (int i = from; i < to; i++) lost += notes[i].Length * Math.Abs(notes[i].Pitch - pitch);
            return lost;
        }
        // best[j, i]: the least loss singing the first i notes on j syllables.
        var best = new double[k + 1, n + 1];
        var cut = new int[k + 1, n + 1];
        for (int j = 0; j <= k; j++)
            for (int i = 0; i <= n; i++) best[j, i] = double.PositiveInfinity;
        best[0, 0] = 0;
        for (int j = 1; j <= k; j++)
            for (int i = j; i <= n - (k - j); i++)
                for (int from = j - 1; from < i; from++)
                {
                    double c = best[j - 1, from] + Cost(from, i);
                    if (c < best[j, i] - 1e-12) { best[j, i] = c; cut[j, i] = from; }
                }
        var bounds = new int[k + 1];
        bounds[k] = n;
        for (int j = k, i = n; j > 0; j--) i = bounds[j - 1] = cut[j, i];
        return bounds;
    }
}
