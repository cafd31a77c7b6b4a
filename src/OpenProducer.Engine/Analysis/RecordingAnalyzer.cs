using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Analysis;

/// <summary>Listens to a recording: beat grid and metre, key, a chord per bar, the form, where a voice sings, its tune, loudness.</summary>
public static class RecordingAnalyzer
{
    public static RecordingAnalysis Analyze(AudioBuffer audio, CancellationToken ct)
    {
        if (AubioLibraryCheck.Problem() is string problem) throw new EngineException(problem);
        double duration = audio.Seconds;
        var spec = new Spectrogram(audio, ct);
        var grid = BeatTracker.Track(spec, ct);
        var edges = grid.BarEdges(duration);
        double loud = spec.LevelDb.Order().ElementAt((int)(spec.Frames * 0.9));
        var chords = Harmony.Chords(spec, edges, loud - 35);
        ct.ThrowIfCancellationRequested();
        var track = PitchTracker.Track(spec, ct);
        var (melody, voice) = Melody.Transcribe(track, spec);
        var key = Harmony.Key(spec, chords, melody, 0, duration);
        var sections = Form.Sections(BarFeatures.Of(spec, edges, voice), edges, duration);
        double lufs = Loudness.Integrated(audio);
        return new RecordingAnalysis(duration, Math.Round(grid.Tempo, 1), grid.BeatsPerBar, grid.Beats, grid.Downbeats, key, chords, sections, voice,
            melody, lufs);
    }
}
