using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine;

/// <summary>An edit's audio made, encoded and measured against the ceiling.</summary>
public sealed partial class SongEngine
{
    /// <summary>
    /// An edit's audio: made from the recipe, encoded and measured. Only the new material can be mastered again
    /// (the kept audio is the source's, as it was), so an overshoot lowers the ceiling the new material uses; when
    /// that no longer shrinks it (the encoder pushed the kept audio or the join over, where the new material's ceiling
    /// does not reach), the whole edit is trimmed by the overshoot (<see cref="MasterReport.EditTrimDb"/>, kept in the
    /// recipe so the edit is made again exactly). Overs at a few spots only are dipped there instead (see
    /// <see cref="Mix.Dips"/>), in an edit of a song of ours. A song must not fail for a few hundredths of a dB.
    /// </summary>
    private async Task<RenderedSong> EditAndEncodeAsync(SongRecipe recipe, ComposedSong composition, string audioPath, IProgress<int>? progress, CancellationToken ct)
    {
        // Passes differ only in the new material's ceiling: the source is made once.
        var made = new Dictionary<SongRecipe, SongAudio>(ReferenceEqualityComparer.Instance);
        var recording = recipe.Root;
        var master = recipe.Master ?? (recording is null ? throw new EngineException("an edit needs its source's master settings")
            : MasterOnRecording(recipe, composition, made, ct));
        // A source that was itself an edit brings its own trim in its settings: that trim is in the source's audio
        // already, and so are the source's dips, which belong to its own frames, not to the new material's.
        master = master with { EditTrimDb = 0, Dips = null };
        double lastOver = double.PositiveInfinity;
        for (int pass = 0; ; pass++)
        {
            var result = await CallerScheduler.Run(() => Produce(recipe with { Master = master }, stems: false, made, ct), ct);
            var audio = result.Master;
            progress?.Report(70);
            // A kept layer that peaks high on its own (a voice whose peaks the old band masked) sets the bar.
            double allowed = Math.Max(Mastering.TruePeakCeilingDb, result.KeptTruePeakDb + 0.5);
            // A user's recording peaks where it peaks: only the new material answers to the ceiling.
            if (recording is not null) allowed = Math.Max(allowed, recording.TruePeakDb + 0.5);
            var frames = new List<byte[]>();
            var (truePeak, lufs, decoded) = await EncodeAndMeasureAsync(audio, audioPath, ct, frames);
            // Overs at a few spots of an edit of a song of ours are dipped there, as a new song's are (see
            // MasterAndEncodeAsync); a user's recording is left as it was uploaded.
            double undipped = truePeak;
            if (recording is null)
            {
                (truePeak, lufs, var dips) = await DipAsync(audio, frames, decoded, audioPath, allowed - 0.1, truePeak, lufs, master.Dips, ct);
                master = master with { Dips = dips };
            }
            // On a recording the new material's stretch answers to the ceiling; the rest is the user's audio, which the
            // encoder may push past its old peaks (it was lossy already), and which no ceiling of ours reaches.
            var (fresh, kept) = recording is null ? (truePeak, double.NegativeInfinity) : await CallerScheduler.Run(() => PeaksOnRecording(decoded, recipe.Edit!), ct);
            double over = fresh - (allowed - 0.1);
            if (over > 0 && pass < MaxEncodePasses)
            {
                // The edit is made again without this pass's dips: the correction answers the over before them.
                if (recording is null) over = undipped - (allowed - 0.1);
                // The ceiling comes down while each time it helps by a tenth of a dB or more; then the trim takes over.
                // A user's recording is never trimmed: outside the edit it stays sample for sample what was uploaded.
                // The edit is made again, so the dips taken on this pass go.
                master = recording is not null || (master.EditTrimDb == 0 && over <= lastOver - 0.1) ? master with { CeilingDb = master.CeilingDb - over - 0.05, Dips = null }
                    : master with { EditTrimDb = master.EditTrimDb - over - 0.05, Dips = null };
                lastOver = over;
                continue;
            }
            if (recording is null) Gate(decoded, audio.Seconds, truePeak, lufs, EditLoudnessTolerance, allowed);
            else GateOnRecording(decoded, audio.Seconds, fresh, allowed, kept, recording);
            var report = master with { TruePeakDb = truePeak, IntegratedLufs = lufs };
            return new RenderedSong(composition, audio.Seconds, report, recipe with { Master = master }) { Sources = SourcesOf(composition), Audio = audio };
        }
    }

    /// <summary>
    /// The true peaks (dB) of an edit of a recording as decoded: where the new material is heard (the replaced span or
    /// everything from an extension's join; a swap's whole length), with a margin for the encoder's spread at the joins,
    /// and where only the recording is.
    /// </summary>
    private static (double Fresh, double Kept) PeaksOnRecording(AudioBuffer decoded, SongEdit edit)
    {
        int rate = decoded.SampleRate, n = decoded.Frames;
        var (a, b) = edit.Kind switch
        {
            EditKind.Replace => ((int)Math.Round(edit.From * rate) - EncoderSpread, (int)Math.Round(edit.To * rate) + EncoderSpread),
            EditKind.Extend => ((int)Math.Round(edit.From * rate) - EncoderSpread, n),
            _ => (0, n),
        };
        (a, b) = (Math.Clamp(a, 0, n), Math.Clamp(b, 0, n));
        double kept = Math.Max(Loudness.TruePeakDb(decoded, 0, a), Loudness.TruePeakDb(decoded, b, n - b));
        return (Loudness.TruePeakDb(decoded, a, b - a), kept);
    }

    /// <summary>Frames either side of a join that the encoder's frames (1024 samples, overlapped) may carry the new material into.</summary>
    private const int EncoderSpread = 4096;

    /// <summary>Encodes after which the gate judges the file as it is (in practice one or two are ever needed).</summary>
    private const int MaxEncodePasses = 6;

    /// <summary>How far (LU) an edit that keeps audio may be from the loudness target as a whole.</summary>
    public const double EditLoudnessTolerance = 3;
}
