using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Separation;

namespace OpenProducer.Engine;

/// <summary>Users' recordings in the pipeline: their audio as uploaded, and new material mastered to sit with them.</summary>
public sealed partial class SongEngine
{
    /// <summary>How long a stretch of the recording before an extension sets the loudness the new material takes (seconds).</summary>
    private const double NeighbourSeconds = 20;

    /// <summary>A recording's audio: its file as it was uploaded, decoded at the engine's rate (the same samples every time), and, when asked, its stems.</summary>
    private SongAudio Recorded(Recording recording, bool stems, CancellationToken ct)
    {
        string path = Path.Combine(Options.RecordingsDir, recording.File);
        if (!File.Exists(path)) throw new EngineException("the recording's file is no longer kept");
        int frames = (int)Math.Ceiling((recording.Seconds + 1) * Options.SampleRate);
        var audio = Ffmpeg.DecodeAsync(path, Options.SampleRate, frames, ct).GetAwaiter().GetResult();
        if (!stems) return new SongAudio(audio, null);
        // Its stems are what separation hears in it: the voice, and the rest (they sum to the recording).
        var parts = VocalSeparator.Separate(audio, ct);
        return new SongAudio(audio, new Dictionary<string, AudioBuffer>
        {
            [StemGroups.Vocals] = parts.Vocals, [StemGroups.Accompaniment] = parts.Accompaniment,
        });
    }

    /// <summary>
    /// The master settings for new material on a recording: the engine's chain, with the loudness the recording has
    /// there (before an extension's join; in the span a replacement takes), so the level does not jump.
    /// </summary>
    private MasterReport MasterOnRecording(SongRecipe recipe, ComposedSong composition, Dictionary<SongRecipe, SongAudio> made, CancellationToken ct)
    {
        var edit = recipe.Edit ?? throw new EngineException("a recording is mastered as it was uploaded");
        // A swap masters its new half against the half it keeps; only the ceiling is taken from here.
        if (edit.Kind is EditKind.SwapVocals or EditKind.SwapInstrumentals)
            return new MasterReport(edit.Source.Recording?.Lufs ?? Mastering.TargetLufs, edit.Source.Recording?.TruePeakDb ?? 0, 0);
        var source = Source(edit.Source, stems: false, made, ct).Master;
        double target = LoudnessBeside(source, edit);
        var (mix, _, _, _) = Mix(composition, recipe.Request.LyricsStrength, stems: false, ct);
        return Mastering.Master(mix, Mastering.DefaultCeilingDb, target).Report;
    }

    private static double LoudnessBeside(AudioBuffer source, SongEdit edit)
    {
        // A replacement takes the level the recording had in the span it replaces; an extension, the level before it.
        var spans = edit.Kind == EditKind.Replace ? new[] { (edit.From, edit.To) } : [(edit.From - NeighbourSeconds, edit.From)];
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

    /// <summary>The most the new material's bass or treble is moved toward the recording's balance (dB).</summary>
    private const double MaxToneMoveDb = 6;

    /// <summary>
    /// New material on a recording, given the recording's tone colour there: how much of its energy lies in the bass
    /// (below 250 Hz) and the treble (above 4 kHz) against the whole, measured on the recording before an extension's
    /// join (or in the span a replacement takes) and on the new material, is evened out by a low and a high shelf
    /// (within ±6 dB). Linear and the same on the stems, so they still sum to the song; a pure function of the audio.
    /// </summary>
    private static void MatchTone(AudioBuffer recording, SongAudio fresh, SongEdit edit)
    {
        int rate = fresh.Master.SampleRate;
        var (theirs, ours) = edit.Kind == EditKind.Replace
            ? ((edit.From, edit.To), (edit.From, edit.To))
            : ((edit.From - NeighbourSeconds, edit.From), (edit.From, edit.From + NeighbourSeconds));
        var reference = Slices(recording, [theirs]);
        var made = Slices(fresh.Master, [ours]);
        if (reference.Seconds < 2 || made.Seconds < 2) return;
        Biquad Bass() => Biquad.LowPass(250, 0.707, rate);
        Biquad Treble() => Biquad.HighPass(4000, 0.707, rate);
        double bass = Math.Clamp(Share(reference, Bass) - Share(made, Bass), -MaxToneMoveDb, MaxToneMoveDb);
        double treble = Math.Clamp(Share(reference, Treble) - Share(made, Treble), -MaxToneMoveDb, MaxToneMoveDb);
        int from = Math.Clamp((int)Math.Round(edit.From * rate), 0, fresh.Master.Frames);
        foreach (var buffer in new[] { fresh.Master }.Concat(fresh.Stems?.Values.AsEnumerable() ?? []))
        {
            // Only the new material is coloured; before the join the render is silence the splice does not use.
            var l = buffer.Left.AsSpan(Math.Min(from, buffer.Frames));
            var r = buffer.Right.AsSpan(Math.Min(from, buffer.Frames));
            Biquad.ProcessPair(Biquad.LowShelf(250, 0.707, bass, rate), Biquad.LowShelf(250, 0.707, bass, rate), l, r);
            Biquad.ProcessPair(Biquad.HighShelf(4000, 0.707, treble, rate), Biquad.HighShelf(4000, 0.707, treble, rate), l, r);
        }
    }

    /// <summary>The share (dB) of a stretch's energy that a filter lets through.</summary>
    private static double Share(AudioBuffer audio, Func<Biquad> filter)
    {
        var copy = Mastering.Copy(audio);
        Biquad.ProcessPair(filter(), filter(), copy.Left, copy.Right);
        return LevelDb(copy, 0, copy.Frames) - LevelDb(audio, 0, audio.Frames);
    }

    /// <summary>The most a replacement's level is moved at either end to meet the recording (dB).</summary>
    private const double MaxLevelMoveDb = 6;

    /// <summary>
    /// A replacement of a recording, levelled at both ends to what the recording played at the same moments: the
    /// gain moves in dB along the span from what its first second needs to what its last second needs (within
    /// ±6 dB, what it raises past the ceiling taken back by the master's limiter), so the recording's own rises and falls
    /// around the span are kept and the new material neither jumps out nor sinks at a join. A pure function of the
    /// audio, so the song is made again to the bit; its stems take the same curve.
    /// </summary>
    private static void LevelToRecording(AudioBuffer recording, SongAudio fresh, SongEdit edit, double ceilingDb)
    {
        var audio = fresh.Master;
        int rate = audio.SampleRate, a = (int)Math.Round(edit.From * rate), b = Math.Min((int)Math.Round(edit.To * rate), audio.Frames);
        if (b - a < 2 * rate || b > recording.Frames) return;
        double start = Math.Clamp(LevelDb(recording, a, a + rate) - LevelDb(audio, a, a + rate), -MaxLevelMoveDb, MaxLevelMoveDb);
        double end = Math.Clamp(LevelDb(recording, b - rate, b) - LevelDb(audio, b - rate, b), -MaxLevelMoveDb, MaxLevelMoveDb);
        var ramped = new AudioBuffer(b - a, rate);
        var gain = new float[b - a];
        for (int i = 0; i < gain.Length; i++)
        {
            gain[i] = (float)Math.Pow(10, (start + (end - start) * i / (double)gain.Length) / 20);
            ramped.Left[i] = audio.Left[a + i] * gain[i];
            ramped.Right[i] = audio.Right[a + i] * gain[i];
        }
        // What the ramp raises past the ceiling, the master's own limiter takes back.
        var limit = new float[gain.Length];
        Limiter.GainCurve(TruePeak.Envelope(ramped), 1, limit, ceilingDb, rate);
        for (int i = 0; i < gain.Length; i++) gain[i] *= limit[i];
        foreach (var buffer in new[] { audio }.Concat(fresh.Stems?.Values.AsEnumerable() ?? []))
            for (int i = 0; i < gain.Length && a + i < buffer.Frames; i++)
            {
                buffer.Left[a + i] *= gain[i];
                buffer.Right[a + i] *= gain[i];
            }
    }

    /// <summary>The mean power of frames [from, to) in dB (full scale 0).</summary>
    private static double LevelDb(AudioBuffer audio, int from, int to)
    {
        double sum = 0;
        int n = 0;
        for (int i = Math.Max(0, from); i < Math.Min(to, audio.Frames); i++, n++) sum += (audio.Left[i] * (double)audio.Left[i] + audio.Right[i] * (double)audio.Right[i]) / 2;
        return 10 * Math.Log10(sum / Math.Max(1, n) + 1e-12);
    }

    /// <summary>How far (LU) an edit of a recording may be from the recording's own loudness as a whole.</summary>
    private const double RecordingLoudnessTolerance = 6;

    /// <summary>
    /// How far (dB) the recording's own stretches may peak, once encoded again, above the true peak it was uploaded
    /// with: a lossy file encoded again moves its peaks by a few tenths of a dB (up to 0.7 measured on the engine's own
    /// songs); more is a fault of ours, as the samples going in are the recording's own.
    /// </summary>
    private const double KeptReencodeDb = 1.0;

    /// <summary>
    /// The gate for an edit of a recording: the recording's own silences, clipping and loudness are the user's, so
    /// the delivered file answers for its length, the new material's peak (its ceiling, or what the recording reaches),
    /// the kept stretches' peak (the recording's own, give or take the encoder) and a loudness near the recording's.
    /// </summary>
    private static void GateOnRecording(AudioBuffer decoded, double seconds, double freshPeak, double allowed, double keptPeak, Recording recording)
    {
        double lufs = Loudness.Integrated(decoded);
        double keptAllowed = recording.TruePeakDb + KeptReencodeDb;
        string? problem = double.IsNegativeInfinity(lufs) ? "it is silent"
            : freshPeak > allowed ? $"its new material peaks at {freshPeak:F2} dBTP, above {allowed:F2}"
            : keptPeak > keptAllowed ? $"the recording's own audio peaks at {keptPeak:F2} dBTP once encoded, above {keptAllowed:F2}"
            : Math.Abs(decoded.Seconds - seconds) > 0.1 ? $"it lasts {decoded.Seconds:F2} s instead of the planned {seconds:F2} s"
            : double.IsFinite(recording.Lufs) && Math.Abs(lufs - recording.Lufs) > RecordingLoudnessTolerance
                ? $"its loudness is {lufs:F1} LUFS, far from the recording's {recording.Lufs:F1}" : null;
        if (problem is not null) throw new QualityGateException(problem);
    }
}
