using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine;

/// <summary>Users' recordings in the pipeline: their audio as uploaded, and new material mastered to sit with them.</summary>
public sealed partial class SongEngine
{
    /// <summary>How long a stretch of the recording beside new material sets the loudness the new material takes (seconds).</summary>
    private const double NeighbourSeconds = 20;

    /// <summary>A recording's audio: its file as it was uploaded, decoded at the engine's rate (the same samples every time).</summary>
    private SongAudio Recorded(Recording recording, bool stems, CancellationToken ct)
    {
        string path = Path.Combine(Options.RecordingsDir, recording.File);
        if (!File.Exists(path)) throw new EngineException("the recording's file is no longer kept");
        int frames = (int)Math.Ceiling((recording.Seconds + 1) * Options.SampleRate);
        var audio = Ffmpeg.DecodeAsync(path, Options.SampleRate, frames, ct).GetAwaiter().GetResult();
        if (!stems) return new SongAudio(audio, null);
        throw new EngineException("the stems of a recording cannot be made yet");
    }

    /// <summary>
    /// The master settings for new material on a recording: the engine's chain, with the loudness the recording has
    /// beside it (before an extension's join; on both sides of a replaced span), so the level does not jump.
    /// </summary>
    private MasterReport MasterOnRecording(SongRecipe recipe, ComposedSong composition, Dictionary<SongRecipe, SongAudio> made, CancellationToken ct)
    {
        var edit = recipe.Edit ?? throw new EngineException("a recording is mastered as it was uploaded");
        var source = Source(edit.Source, stems: false, made, ct).Master;
        double target = LoudnessBeside(source, edit);
        var (mix, _, _, _) = Mix(composition, recipe.Request.LyricsStrength, stems: false, ct);
        return Mastering.Master(mix, Mastering.DefaultCeilingDb, target).Report;
    }

    private static double LoudnessBeside(AudioBuffer source, SongEdit edit)
    {
        var spans = edit.Kind == EditKind.Replace
            ? new[] { (edit.From - NeighbourSeconds / 2, edit.From), (edit.To, edit.To + NeighbourSeconds / 2) }
            : [(edit.From - NeighbourSeconds, edit.From)];
        double lufs = Loudness.Integrated(Slices(source, spans));
        if (double.IsNegativeInfinity(lufs)) lufs = Loudness.Integrated(source);
        return double.IsNegativeInfinity(lufs) ? Mastering.TargetLufs : Math.Clamp(lufs, -30, -6);
    }

    /// <summary>The given spans of the audio (seconds, clipped to it), one after another.</summary>
    private static AudioBuffer Slices(AudioBuffer audio, IEnumerable<(double From, double To)> spans)
    {
        int rate = audio.SampleRate;
        var ranges = spans.Select(s => (A: Math.Clamp((int)(s.From * rate), 0, audio.Frames), B: Math.Clamp((int)(s.To * rate), 0, audio.Frames)))
            .Where(r => r.B > r.A).ToList();
        var result = new AudioBuffer(ranges.Sum(r => r.B - r.A), rate);
        int at = 0;
        foreach (var (a, b) in ranges)
        {
            Array.Copy(audio.Left, a, result.Left, at, b - a);
            Array.Copy(audio.Right, a, result.Right, at, b - a);
            at += b - a;
        }
        return result;
    }

    /// <summary>How far (LU) an edit of a recording may be from the recording's own loudness as a whole.</summary>
    private const double RecordingLoudnessTolerance = 6;

    /// <summary>
    /// The gate for an edit of a recording: the recording's own silences, clipping and loudness are the user's, so
    /// the delivered file answers for its length, its peak (the new material's ceiling, or what the recording reaches)
    /// and a loudness near the recording's.
    /// </summary>
    private static void GateOnRecording(AudioBuffer decoded, double seconds, double truePeak, double allowed, Recording recording)
    {
        double lufs = Loudness.Integrated(decoded);
        string? problem = double.IsNegativeInfinity(lufs) ? "it is silent"
            : truePeak > allowed ? $"it peaks at {truePeak:F2} dBTP, above {allowed:F2}"
            : Math.Abs(decoded.Seconds - seconds) > 0.1 ? $"it lasts {decoded.Seconds:F2} s instead of the planned {seconds:F2} s"
            : double.IsFinite(recording.Lufs) && Math.Abs(lufs - recording.Lufs) > RecordingLoudnessTolerance
                ? $"its loudness is {lufs:F1} LUFS, far from the recording's {recording.Lufs:F1}" : null;
        if (problem is not null) throw new QualityGateException(problem);
    }
}
