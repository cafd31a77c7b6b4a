using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine;

/// <summary>The song's master encoded to the delivered m4a and checked on the decoded file, with the corrections that takes.</summary>
public sealed partial class SongEngine
{
    /// <summary>
    /// Masters and encodes, then measures the decoded file: AAC can push transients over the limiter's ceiling, by
    /// an amount that does not follow the ceiling smoothly (a dense, limited master lowered by 0.3 dB has come back
    /// 0.6 dB higher). Overs at a few spots only (most often a single transient) are taken off there: a short dip in
    /// the master at each (<see cref="Dips"/>), and only the AAC frames around them encoded again. Otherwise each pass
    /// corrects what the last one measured: an overshoot the loudness can pay for (the delivered file stays within
    /// <see cref="TrimSlackLu"/> of the target) is taken off by a plain gain trim, which AAC follows dB for dB; a bigger
    /// one lowers the limiter's ceiling and masters again at full loudness. Every correction is kept in the report,
    /// so the master is made again exactly. The quality gate judges the last pass.
    /// </summary>
    internal static async Task<(MasterReport Report, AudioBuffer Mastered)> MasterAndEncodeAsync(AudioBuffer mix, string audioPath, IProgress<int>? progress, CancellationToken ct)
    {
        double ceiling = Mastering.DefaultCeilingDb;
        double mixLufs = Mastering.Prepare(mix);
        var mastered = new AudioBuffer(mix.Frames, mix.SampleRate);
        var report = Mastering.Finish(mix, mastered, ceiling, measure: false) with { MixLufs = mixLufs };
        double limit = Mastering.TruePeakCeilingDb - 0.1;
        for (int pass = 0; ; pass++)
        {
            progress?.Report(70);
            var frames = new List<byte[]>();
            var (truePeak, lufs, decoded) = await EncodeAndMeasureAsync(mastered, audioPath, ct, frames);
            // A master made again with a lower ceiling has no dips: its cut answers the over before them.
            double undipped = truePeak;
            (truePeak, lufs, var dips) = await DipAsync(mastered, frames, decoded, audioPath, limit, truePeak, lufs, report.Dips, ct);
            report = report with { Dips = dips };
            double over = truePeak - limit;
            bool loudEnough = Math.Abs(lufs - Mastering.TargetLufs) <= TrimSlackLu + 0.1;
            if ((over <= 0 && loudEnough) || pass == MaxEncodePasses)
            {
                Gate(decoded, mastered.Seconds, truePeak, lufs, 1, Mastering.TruePeakCeilingDb);
                return (report with { TruePeakDb = truePeak, IntegratedLufs = lufs }, mastered);
            }
            double trim;
            if (over > 0)
            {
                double cut = over + 0.05;
                if (pass > 0 && lufs - cut >= Mastering.TargetLufs - TrimSlackLu) trim = -cut;
                else
                {
                    ceiling -= Math.Max(cut, undipped - limit + 0.05);
                    report = Mastering.Finish(mix, mastered, ceiling, measure: false) with { MixLufs = mixLufs };
                    continue;
                }
            }
            else trim = Math.Min(Math.Min(Mastering.TargetLufs - lufs, -over), -report.TrimDb);   // trimmed too far: give back what headroom allows
            // Written again from the prepared mix, so the trims and dips stand in the order a remake applies them.
            report = report with { TrimDb = report.TrimDb + trim };
            Mastering.Rewrite(mix, mastered, report);
        }
    }

    /// <summary>
    /// Takes overs at a few spots of the encoded file off there (see <see cref="Dips"/>): a dip in the audio at each,
    /// and only the frames around them encoded again (<see cref="SplitM4a.PatchAsync"/>), until the file is under
    /// <paramref name="limit"/> or the overs are not a few spots; returns the measures of the file as it then is and
    /// the dips taken, after <paramref name="taken"/>. Songs encoded in one piece (short ones) are left as they are.
    /// </summary>
    private static async Task<(double TruePeakDb, double Lufs, IReadOnlyList<MasterDip>? Dips)> DipAsync(AudioBuffer audio, List<byte[]> frames,
        AudioBuffer decoded, string audioPath, double limit, double truePeak, double lufs, IReadOnlyList<MasterDip>? taken, CancellationToken ct)
    {
        for (int round = 0; round < DipRounds && truePeak > limit && frames.Count > 0 && SplitM4a.CanPatch; round++)
        {
            if (Dips.Find(decoded, limit, taken) is not { Count: > 0 } dips) break;
            Dips.Apply([audio], dips);
            taken = [.. taken ?? [], .. dips];
            await SplitM4a.PatchAsync(audio, frames, decoded, dips.Select(d => (d.From, d.To)), audioPath, ct);
            (truePeak, lufs) = await MeasureAsync(decoded, ct);
        }
        return (truePeak, lufs, taken);
    }

    /// <summary>Rounds of dips after one encode before the whole song is mastered again instead.</summary>
    private const int DipRounds = 3;

    /// <summary>How far (LU) below the target a gain trim may take the delivered file; the gate allows 1.</summary>
    private const double TrimSlackLu = 0.8;

    /// <summary>Encodes the m4a and decodes it to measure what is delivered: true peak (dBTP) and loudness (LUFS).</summary>
    /// <param name="frames">Filled with the m4a's AAC frames when the song is encoded in halves (see <see cref="SplitM4a.PatchAsync"/>).</param>
    private static async Task<(double TruePeakDb, double Lufs, AudioBuffer Decoded)> EncodeAndMeasureAsync(AudioBuffer mastered, string audioPath, CancellationToken ct,
        List<byte[]>? frames = null)
    {
        // The decoder also returns the encoder's padding; only the planned length is checked.
        var decoded = await Ffmpeg.EncodeM4aAndDecodeAsync(mastered, audioPath, ct, frames);
        var (peak, lufs) = await MeasureAsync(decoded, ct);
        return (peak, lufs, decoded);
    }

    /// <summary>The decoded file's true peak (dBTP) and loudness (LUFS), side by side.</summary>
    private static async Task<(double TruePeakDb, double Lufs)> MeasureAsync(AudioBuffer decoded, CancellationToken ct)
    {
        var peak = CallerScheduler.Run(() => Loudness.TruePeakDb(decoded), ct);
        double lufs = Loudness.Integrated(decoded);
        return (await peak, lufs);
    }

    private static void Gate(AudioBuffer decoded, double seconds, double truePeak, double lufs, double loudnessTolerance, double truePeakCeilingDb)
    {
        if (QualityGate.Check(decoded, seconds, truePeak, loudnessTolerance, truePeakCeilingDb, lufs) is string problem) throw new QualityGateException(problem);
    }
}
