using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Edit;

/// <summary>
/// A recording seen as a score the editor can work on: no notes of its own (its audio is kept as it is), but its
/// frame, so new material composed in it lands on the recording's beat grid, in its key and metre, with its form's
/// sections around it. The grid is laid for each edit: a bar line falls exactly on the join, and the bar is the
/// length the recording plays there.
/// </summary>
internal static class RecordedSong
{
    public static ComposedSong For(Recording recording, SongEdit edit, CompositionRequest request)
    {
        double from = edit.From;
        double bar = recording.BarSecondsAt(from, edit.Kind == EditKind.Replace ? edit.To : null);
        // Bar lines before the join are laid back from it; the first lies within the first bar of the recording.
        double leadIn = from - Math.Floor(from / bar + 1e-9) * bar;
        int bpb = recording.BeatsPerBar;
        int totalBars = Math.Max((int)Math.Round((from - leadIn) / bar) + 1, (int)Math.Ceiling((recording.Seconds - leadIn) / bar - 1e-6));
        var style = StyleParser.FromRequest(request.Prompt, request.Sounds, request.SoundStrength);
        var preset = ModelPreset.Find(request.Model) ?? ModelPreset.Find(ModelPreset.DefaultModel)!;
        var voice = VoiceProfile.Choose(StyleParser.StyleText(request.Prompt, request.Sounds), request.VocalGender ?? recording.Singer,
            new Rng(request.Seed).Fork("voice"));
        var score = new Score
        {
            Tempo = 60.0 * bpb / bar, BeatsPerBar = bpb, KeyRoot = recording.KeyRoot, Minor = recording.Minor,
            Sections = Sections(recording, leadIn, bar, totalBars), Tracks = [], LeadIn = leadIn,
            ReverbRoom = style.Genre.Room, Mix = GenreSound.Mix(style.Genre),
        };
        return new ComposedSong(score, style, preset, [], []) { Voice = voice };
    }

    /// <summary>The recording's sections on the laid grid (each from the bar line nearest its start), covering every bar.</summary>
    private static List<Section> Sections(Recording recording, double leadIn, double bar, int totalBars)
    {
        var starts = new List<(int Bar, RecordedSection Part)>();
        foreach (var s in recording.Sections.OrderBy(s => s.Start))
        {
            int b = Math.Clamp((int)Math.Round((s.Start - leadIn) / bar), 0, totalBars - 1);
            if (starts.Count > 0 && starts[^1].Bar == b) starts[^1] = (b, s);
            else starts.Add((b, s));
        }
        if (starts.Count == 0 || starts[0].Bar != 0)
            starts.Insert(0, (0, new RecordedSection(0, 0, "Recording", Lyrics.SectionKind.Verse)));
        var sections = new List<Section>();
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Bar : totalBars;
            var part = starts[i].Part;
            sections.Add(new Section(part.Label, part.Kind, starts[i].Bar, end - starts[i].Bar, SongForm.EnergyOf(part.Kind)));
        }
        return sections;
    }
}
