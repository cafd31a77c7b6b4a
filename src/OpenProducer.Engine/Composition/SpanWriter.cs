using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// Applies ranged <c>sounds[]</c> items: inside its span, a negative item silences what it names (drums, an
/// instrument or family) and a positive one brings an instrument in (held chords, a doubled melody or bass line).
/// </summary>
internal static class SpanWriter
{
    private static readonly int[] Channels = [4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

    public static void Apply(Arrangement a, List<Track> tracks, double leadIn)
    {
        double spb = 60.0 / a.Tempo;
        int nextChannel = 0;
        // Channels the arrangement's own parts do not use.
        var free = Channels.Where(c => tracks.All(t => t.Channel != c)).ToArray();
        foreach (var span in a.Style.Spans)
        {
            double from = Math.Max(0, (span.Start - leadIn) / spb);
            double to = span.End >= double.MaxValue / 2 ? double.MaxValue : (span.End - leadIn) / spb;
            if (to <= from) continue;
            bool Inside(Note n) => n.Start >= from && n.Start < to;
            if (span.Negative)
            {
                foreach (var t in tracks)
                {
                    bool named = span.Drums && t.IsDrums
                        || span.Instruments.Any(w => !t.IsDrums && (w.Programs.Contains(t.Program) || w.Slot == InstrumentSlot.Bass && w.Keywords.Contains("bass") && t.Role == TrackRole.Bass));
                    if (named) t.Notes.RemoveAll(Inside);
                }
                continue;
            }
            if (span.Drums && !tracks.Any(t => t.IsDrums))
            {
                var drums = new Track { Name = "drums", Role = TrackRole.Drums, Channel = 9, Program = 0, Gain = 0.85f, Reverb = 25, Kit = GenreSound.Kit(a.Style.Genre) };
                var orchestration = new Orchestration(a);
                new Drummer(a, orchestration, new Feel(a)).Write(drums);
                drums.Notes.RemoveAll(n => !Inside(n));
                tracks.Add(drums);
            }
            foreach (var w in span.Instruments)
            {
                if (nextChannel >= free.Length) break;
                var track = new Track
                {
                    Name = "span:" + w.Keywords[0], Role = w.Slot switch { InstrumentSlot.Bass => TrackRole.Bass, InstrumentSlot.Lead => TrackRole.Counter, _ => TrackRole.Pad },
                    Channel = free[nextChannel++], Program = w.Program, Gain = 0.45f, Pan = 64 + (nextChannel % 2 == 0 ? 30 : -30), Reverb = 60,
                };
                var source = w.Slot switch
                {
                    InstrumentSlot.Lead => tracks.FirstOrDefault(t => t.Role == TrackRole.Lead),
                    InstrumentSlot.Bass => tracks.FirstOrDefault(t => t.Role == TrackRole.Bass),
                    _ => null,
                };
                if (source is not null) track.Notes.AddRange(source.Notes.Where(Inside));
                else
                {
                    var pad = new Track { Name = "tmp", Role = TrackRole.Pad, Channel = track.Channel, Program = w.Program, Gain = 0 };
                    Comping.WriteHeld(a, pad);
                    track.Notes.AddRange(pad.Notes.Where(Inside));
                }
                tracks.Add(track);
            }
        }
    }
}
