using OpenProducer.Engine.Composition;

namespace OpenProducer.Engine.Edit;

/// <summary>
/// A stretch of a song rendered alone: the song from a bar line on, moved so that frame 0 of its render is frame
/// <see cref="Offset"/> of the whole song's render. The offset is a whole number of the synth's 64-frame blocks and
/// the lead-in takes the rest, so every note starts on the same frame of the same block as in a whole render.
/// </summary>
public sealed record SongWindow(ComposedSong Song, int Offset)
{
    /// <summary>How long the render runs before the first frame that is kept (seconds): reverb, compressors and the voice's level settle.</summary>
    public const double PreRollSeconds = 4;

    /// <summary>The most bars the start moves further back so that no note or sung line heard at the join is cut.</summary>
    private const int MaxExtraBars = 8;

    /// <summary>How long a note rings after its end (seconds), for deciding whether it is heard at the join.</summary>
    private const double ReleaseSeconds = 1;

    /// <summary>The synth's block: notes start on block boundaries, so the offset is a multiple of it.</summary>
    private const int Block = 64;

    /// <summary>
    /// The window that starts at least <see cref="PreRollSeconds"/> before <paramref name="seconds"/> on a bar line
    /// where no note heard there and no sung line starts before it; null when that is the song's beginning.
    /// </summary>
    public static SongWindow? Before(ComposedSong song, double seconds, int sampleRate)
    {
        var score = song.Score;
        int bpb = score.BeatsPerBar;
        double spb = score.SecondsPerBeat;
        double joinBeat = (seconds - score.LeadIn) / spb;
        int bar = (int)Math.Floor((seconds - PreRollSeconds - score.LeadIn) / spb / bpb);
        for (int extra = 0; extra < MaxExtraBars && bar > 0 && Cuts(song, bar * bpb, joinBeat - (PreRollSeconds / 2) / spb, spb); extra++) bar--;
        if (bar <= 0) return null;
        double k = bar * bpb, start = score.TimeOf(k);
        int offset = (int)Math.Floor(start * sampleRate / Block) * Block;
        var tracks = score.Tracks.Select(t => Shifted(t, k)).ToList();
        var sections = score.Sections.Where(s => s.StartBar + s.Bars > bar)
            .Select(s => s with { StartBar = Math.Max(0, s.StartBar - bar), Bars = s.StartBar + s.Bars - Math.Max(s.StartBar, bar) }).ToList();
        var moved = new Score
        {
            Tempo = score.Tempo, BeatsPerBar = bpb, KeyRoot = score.KeyRoot, Minor = score.Minor, Sections = sections, Tracks = tracks,
            // Beat k falls on frame offset + (start - offset / rate) · rate: the same frame as in the whole song.
            LeadIn = start - offset / (double)sampleRate, ReverbRoom = score.ReverbRoom, Mix = score.Mix,
        };
        var lines = song.Lines.Where(l => l.Start >= k - 1e-6).Select(l => l with { Start = l.Start - k, End = l.End - k }).ToList();
        var melody = song.Melody.Where(m => m.Start >= k - 1e-6).Select(m => m with { Start = m.Start - k }).ToList();
        return new SongWindow(song with { Score = moved, Lines = lines, Melody = melody }, offset);
    }

    /// <summary>Whether starting at beat <paramref name="k"/> would lose a sung line crossing it, or a note still heard at <paramref name="heardFrom"/>.</summary>
    private static bool Cuts(ComposedSong song, double k, double heardFrom, double spb) =>
        song.Lines.Any(l => l.Start < k - 1e-6 && l.End > k + 1e-6)
        || song.Score.Tracks.Any(t => t.Notes.Any(n => n.Start < k - 1e-6 && n.Start + n.Length + ReleaseSeconds / spb > heardFrom));

    /// <summary>A part from beat k on, moved to start at 0, its controllers set at 0 to where they stood at k.</summary>
    private static Track Shifted(Track t, double k)
    {
        var copy = new Track { Name = t.Name, Role = t.Role, Channel = t.Channel, Program = t.Program, Gain = t.Gain, Pan = t.Pan, Reverb = t.Reverb, Kit = t.Kit };
        copy.Notes.AddRange(t.Notes.Where(n => n.Start >= k - 1e-6).Select(n => n with { Start = Math.Max(0, n.Start - k) }));
        var before = t.Controls.Where(c => c.Beat < k - 1e-6).OrderBy(c => c.Beat).GroupBy(c => c.Number).Select(g => g.Last() with { Beat = 0 }).OrderBy(c => c.Number);
        copy.Controls.AddRange(before.Concat(t.Controls.Where(c => c.Beat >= k - 1e-6).Select(c => c with { Beat = Math.Max(0, c.Beat - k) })));
        return copy;
    }
}
