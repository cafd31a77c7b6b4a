using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// The drummer: a two-bar groove (A, then B answering it with another kick and an opened hat) through each
/// section; the hi-hat in the verses, the ride or an open hat in the choruses; a side stick where a quiet verse
/// wants one; ghost notes where the style has them; fills of a beat, two beats or a bar at phrase and section
/// ends; a snare build into a chorus; half time in a quiet bridge; crashes on section downbeats; an intro that
/// keeps time without the backbeat, an outro that thins out, and a final hit. Timing and dynamics come from the
/// shared <see cref="Feel"/>.
/// </summary>
internal sealed class Drummer(Arrangement a, Orchestration plan, Feel feel)
{
    private readonly Groove _groove = Grooves.For(a.Style.Genre.Drums, a.BeatsPerBar);
    private readonly Rng _rng = a.Rng.Fork("drums");
    private readonly bool _gentle = a.Style.Genre.Sparse;

    public void Write(Track track)
    {
        double step = a.BeatsPerBar / (double)_groove.Steps;
        for (int index = 0; index < a.Plan.Count; index++)
        {
            var s = a.Plan[index].Section;
            bool intoChorus = index + 1 < a.Plan.Count && a.Plan[index + 1].Section.Kind == SectionKind.Chorus;
            for (int b = 0; b < s.Bars; b++)
            {
                int bar = s.StartBar + b;
                int level = plan.Level(BandPart.Drums, bar);
                double start = bar * a.BeatsPerBar;
                bool lastBar = b == s.Bars - 1 && bar < a.TotalBars - 1;
                if (b == 0 && level > 0 && s.Kind != SectionKind.Intro && (!_gentle || s.Kind == SectionKind.Chorus))
                    Hit(track, start, bar % 2 == 0 || s.Kind == SectionKind.Chorus ? Drums.Crash : Drums.Crash2, 0, s.Kind == SectionKind.Chorus ? 1.15 : 1.0, length: 2);
                if (level == 0)
                {
                    // A silent intro hands over to the band with a pickup fill.
                    if (lastBar && _groove.Fills && plan.Level(BandPart.Drums, bar + 1) > 0) Fill(track, start + a.BeatsPerBar - 2, 2);
                    continue;
                }
                // What ends the bar: a build into a chorus, a fill at a section's end, a short fill closing a four-bar phrase.
                double fillBeats = 0;
                bool build = false;
                if (_groove.Fills && level >= 2 && lastBar && intoChorus && s.Kind != SectionKind.Intro && !feel.Machine) build = true;
                else if (_groove.Fills && lastBar) fillBeats = intoChorus || level >= 3 ? (_rng.Chance(0.5) ? a.BeatsPerBar : 2) : _rng.Chance(0.6) ? 1 : 2;
                else if (_groove.Fills && b % 4 == 3 && level >= 2 && _rng.Chance(0.45)) fillBeats = 1;
                if (build) fillBeats = a.BeatsPerBar;
                double grooveEnd = a.BeatsPerBar - fillBeats;
                bool halfTime = level == 1 && s.Kind == SectionKind.Bridge && !_gentle;
                bool chorusCymbal = s.Kind is SectionKind.Chorus or SectionKind.Instrumental || (s.Kind == SectionKind.Outro && level >= 2);
                WriteBar(track, start, step, b % 2 == 1, level, s, halfTime, chorusCymbal, grooveEnd);
                if (build) Build(track, start, s.Energy);
                else if (fillBeats > 0) Fill(track, start + a.BeatsPerBar - fillBeats, fillBeats);
            }
        }
        // The final hit: the band stops together on the downbeat after the last bar.
        double end = a.TotalBars * a.BeatsPerBar;
        var first = _groove.KickA[0] == '.' ? Drums.Kick : KickKey;
        if (!_gentle) Hit(track, end, Drums.Crash, 0, 1.1, length: 3);
        Hit(track, end, first, 0, _gentle ? 0.75 : 1.05);
    }

    private int KickKey => a.Style.Genre.Drums == "orchestral" ? Drums.ConcertBassDrum : Drums.Kick;

    private void WriteBar(Track track, double start, double step, bool barB, int level, Section s, bool halfTime, bool chorusCymbal, double grooveEnd)
    {
        string kick = barB ? _groove.KickB : _groove.KickA;
        int cymbalKey = chorusCymbal ? _groove.ChorusCymbal : _groove.VerseCymbal;
        string cymbal = chorusCymbal ? _groove.ChorusHits : _groove.VerseHits;
        // Intros and light passages keep time on the kick and cymbal and leave the backbeat out.
        bool backbeat = level >= 2 || (level == 1 && s.Kind is SectionKind.Verse or SectionKind.Bridge);
        int backbeatKey = _groove.SoftBackbeat >= 0 && !chorusCymbal && level <= 2 ? _groove.SoftBackbeat : _groove.BackbeatKey;
        if (halfTime)
        {
            // Half time: the kick on one (and the "and" of two in bar B), the backbeat on three, the cymbal in quarters.
            kick = new string('.', _groove.Steps).Remove(0, 1).Insert(0, "x");
            if (barB) kick = kick.Remove(_groove.Steps * 3 / 8, 1).Insert(_groove.Steps * 3 / 8, "o");
            cymbal = string.Concat(Enumerable.Range(0, _groove.Steps).Select(i => i % (_groove.Steps / a.BeatsPerBar) == 0 ? 'x' : '.'));
        }
        for (int i = 0; i < _groove.Steps; i++)
        {
            double beat = i * step;
            if (beat >= grooveEnd - 1e-9) break;
            Line(track, start, beat, KickKey, kick[i], level);
            if (backbeat)
            {
                char bb = halfTime ? (i == _groove.Steps / 2 ? 'x' : '.') : _groove.Backbeat.Length > i ? _groove.Backbeat[i] : '.';
                Line(track, start, beat, backbeatKey, bb, level);
                if (!halfTime && level >= 2 && _groove.Ghosts.Length > i) Line(track, start, beat, Drums.Snare, _groove.Ghosts[i], level);
            }
            if (cymbalKey >= 0 && cymbal.Length > i)
            {
                char c = cymbal[i];
                int key = cymbalKey;
                // Bar B opens the hat on the last off-beat eighth, the way a drummer marks the turn of the phrase.
                if (barB && _groove.OpenHatInB && key == Drums.ClosedHat && c == 'x' && i == _groove.Steps - 2) key = Drums.OpenHat;
                // A sparse preset keeps only the cymbal's beats.
                if (a.Preset.Density < 0.7 && key is Drums.ClosedHat or Drums.Shaker && Math.Abs(beat - Math.Round(beat)) > 1e-6) continue;
                Line(track, start, beat, key, c, level);
            }
        }
    }

    /// <summary>One cell of a groove line: 'x' a hit, 'o' a ghost note, '.' nothing.</summary>
    private void Line(Track track, double barStart, double beat, int key, char cell, int level)
    {
        if (cell == '.') return;
        double weight = cell == 'o' ? 0.42 : Drums.IsCymbal(key) || key is Drums.Shaker or Drums.Tambourine ? 0.7 : 1.0;
        // Lighter passages are played lighter.
        weight *= level switch { 1 => 0.85, 2 => 0.95, _ => 1.0 };
        Hit(track, barStart + beat, key, beat, weight * Arrangement.Accent(beat));
    }

    private void Hit(Track track, double at, int key, double beatInBar, double weight, double length = 0.25)
    {
        double t = Math.Max(0, a.Swung(at) + feel.Offset(_rng, TrackRole.Drums, beatInBar, key));
        track.Notes.Add(new Note(t, length, key, feel.Velocity(_rng, at, 100, weight)));
    }

    /// <summary>A fill over the last <paramref name="beats"/> beats of a bar: snare and toms walking down, louder as they go.</summary>
    private void Fill(Track track, double start, double beats)
    {
        int[] voices = beats >= 2 ? [Drums.Snare, Drums.HighTom, Drums.HighMidTom, Drums.LowTom, Drums.HighFloorTom] : [Drums.Snare, Drums.Snare, Drums.HighTom, Drums.LowTom];
        double unit = Grooves.FastFills(a.Tempo) ? 0.5 : 0.25;
        int hits = (int)Math.Round(beats / unit);
        for (int i = 0; i < hits; i++)
        {
            // Some cells rest, so fills breathe; the first and the last always speak.
            if (i > 0 && i < hits - 1 && _rng.Chance(0.18)) continue;
            int voice = voices[Math.Min(voices.Length - 1, i * voices.Length / hits)];
            double at = start + i * unit;
            Hit(track, at, voice, at - Math.Floor(at / a.BeatsPerBar) * a.BeatsPerBar, 0.75 + 0.3 * i / hits);
        }
        Hit(track, start, KickKey, 0, 0.9);
    }

    /// <summary>A build into a chorus: the snare in eighths, then sixteenths for the last beat, rising.</summary>
    private void Build(Track track, double barStart, double energy)
    {
        for (double b = 0; b < a.BeatsPerBar - 1e-9; b += b >= a.BeatsPerBar - 1 ? 0.25 : 0.5)
            Hit(track, barStart + b, Drums.Snare, b, 0.55 + 0.5 * b / a.BeatsPerBar + 0.1 * energy);
        Hit(track, barStart, KickKey, 0, 0.9);
    }
}
