using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// What the master measured after processing, and the settings that make it again: the limiter ceiling, the gain
/// into the limiter, the mix's loudness the bus compressor's threshold sits on (null in records made before it
/// was kept: it is then measured from the mix again, which gives the same value), and a last gain trim (dB, at most
/// 0) that the encoder check may add when the delivered file would otherwise peak over the true-peak ceiling.
/// <see cref="EditTrimDb"/> is a gain (dB, at most 0) on the whole of an edited song, the audio it keeps included:
/// taken when the encoder pushes the kept audio or the join over the ceiling, which the new material's ceiling cannot
/// reach. It is left out of the recipe's JSON while 0, so records made before it keep their keys. <see cref="Dips"/>
/// are the short dips the encoder check may take at a few spots after the trim (<see cref="Mix.Dips"/>), in the order
/// they were taken; left out while there are none.
/// </summary>
public sealed record MasterReport(double IntegratedLufs, double TruePeakDb, double GainDb, double CeilingDb = Mastering.DefaultCeilingDb,
    double? MixLufs = null, double TrimDb = 0)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double EditTrimDb { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MasterDip>? Dips { get; init; }
}

/// <summary>
/// The master bus: EQ (rumble, mud, air), 2:1 bus compression, gain into a look-ahead true-peak limiter, loudness to
/// target. A pure function of the mix: every pass starts again from the filtered mix with a corrected gain, so passes
/// never compound.
/// </summary>
public static class Mastering
{
    public const double TargetLufs = -14.0;
    public const double TruePeakCeilingDb = -1.0;

    /// <summary>Sample-peak ceiling of the limiter; lossy encoding needs headroom above it.</summary>
    public const double DefaultCeilingDb = -2.2;

    /// <summary>Masters a copy of the mix; the mix itself is left as it was.</summary>
    public static (AudioBuffer Audio, MasterReport Report) Master(AudioBuffer mix, double ceilingDb = DefaultCeilingDb, double targetLufs = TargetLufs)
    {
        var prepared = Copy(mix);
        double mixLufs = Prepare(prepared);
        var result = new AudioBuffer(prepared.Frames, prepared.SampleRate);
        return (result, Finish(prepared, result, ceilingDb, targetLufs) with { MixLufs = mixLufs });
    }

    /// <summary>The master's linear filter (rumble out, a little less mud, a little more air), in place.</summary>
    public static void Equalize(AudioBuffer audio) => Equalize(audio, null);

    /// <summary>
    /// The EQ a stretch at a time, each stretch through the three filters (the filters carry their state from stretch
    /// to stretch, so the same bits as the whole at once), telling <paramref name="written"/> how far it has got.
    /// </summary>
    private static void Equalize(AudioBuffer audio, FramesWritten? written)
    {
        int fs = audio.SampleRate;
        (Biquad Left, Biquad Right)[] filters =
        [
            (Biquad.HighPass(25, 0.707, fs), Biquad.HighPass(25, 0.707, fs)),
            (Biquad.Peaking(300, 1.0, -1.5, fs), Biquad.Peaking(300, 1.0, -1.5, fs)),
            (Biquad.HighShelf(8000, 0.707, 1.5, fs), Biquad.HighShelf(8000, 0.707, 1.5, fs)),
        ];
        for (int at = 0; at < audio.Frames; at += Stretch)
        {
            int n = Math.Min(Stretch, audio.Frames - at);
            Biquad.ProcessChain(filters, audio.Left.AsSpan(at, n), audio.Right.AsSpan(at, n));
            written?.Advance(at + n);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/>, which fills <paramref name="audio"/> front to back and tells how far it has got,
    /// and measures the loudness of what it writes on a second thread that follows it, so the measure ends soon after
    /// the writing. Short audio is written, then measured.
    /// </summary>
    private static double WriteAndMeasure(AudioBuffer audio, Action<FramesWritten?> write)
    {
        if (audio.Seconds < Cores.SplitSeconds)
        {
            write(null);
            return Loudness.Integrated(audio);
        }
        var written = new FramesWritten();
        double lufs = double.NaN;
        Cores.Both(() =>
        {
            try
            {
                write(written);
            }
            finally
            {
                written.End();
            }
        }, () => lufs = Loudness.Integrated(audio, written));
        return lufs;
    }

    /// <summary>
    /// The linear and level-dependent part of the chain, once, in place: EQ, then 2:1 bus compression above the
    /// mix's own loudness. Returns that loudness. <paramref name="alsoTo"/> (see <see cref="BusCompressor.Apply"/>)
    /// is handed the compressor's gains as they are applied.
    /// </summary>
    public static double Prepare(AudioBuffer mix, double? mixLufs = null, Action<int, float[], int>? alsoTo = null)
    {
        double lufs;
        if (mixLufs is { } known)
        {
            Equalize(mix);
            lufs = known;
        }
        else lufs = WriteAndMeasure(mix, written => Equalize(mix, written));
        if (double.IsNegativeInfinity(lufs)) throw new EngineException("the rendered mix is silent");
        BusCompressor.Apply(mix, lufs + 4, alsoTo: alsoTo);
        return lufs;
    }

    /// <summary>
    /// Gain into the limiter until the loudness is on target, written to <paramref name="result"/>. Loudness rises
    /// monotonically with the gain (the limiter only ever takes some back), so a bracketed secant search finds the
    /// gain in a few passes however much limiting the mix needs; every pass starts again from the prepared mix.
    /// </summary>
    /// <param name="measure">Measure the result's true peak for the report (a caller that measures the encoded file
    /// instead skips it; the report then holds no true peak).</param>
    public static MasterReport Finish(AudioBuffer prepared, AudioBuffer result, double ceilingDb = DefaultCeilingDb, double targetLufs = TargetLufs,
        bool measure = true)
    {
        double start = Loudness.Integrated(prepared);
        if (double.IsNegativeInfinity(start)) throw new EngineException("the rendered mix is silent");
        var envelope = TruePeak.Envelope(prepared);
        // Each pass's loudness is measured as the limiter writes it.
        double Try(double gainDb) => WriteAndMeasure(result, written => Limit(prepared, envelope, gainDb, ceilingDb, result, written));
        // Bracket: lo gives at most the target, hi at least; the secant step stays inside the bracket.
        double lo = double.NaN, loLufs = double.NaN, hi = double.NaN, hiLufs = double.NaN;
        double gain = targetLufs - start, best = gain, bestError = double.PositiveInfinity, bestLufs = start;
        for (int pass = 0; pass < 12; pass++)
        {
            double lufs = Try(gain);
            double error = lufs - targetLufs;
            if (Math.Abs(error) < Math.Abs(bestError)) (best, bestError, bestLufs) = (gain, error, lufs);
            if (Math.Abs(error) < 0.05) break;
            if (error < 0) (lo, loLufs) = (gain, lufs); else (hi, hiLufs) = (gain, lufs);
            if (double.IsNaN(hi)) gain += -error * 1.5 + 0.1;       // still too quiet: limiting eats some of every dB
            else if (double.IsNaN(lo)) gain += -error;              // too loud: loudness falls at least dB for dB
            else
            {
                double slope = (hiLufs - loLufs) / Math.Max(hi - lo, 1e-9);
                double next = lo + (targetLufs - loLufs) / Math.Max(slope, 1e-3);
                // Keep strictly inside the bracket (bisect if the secant would leave it).
                gain = next > lo && next < hi ? next : (lo + hi) / 2;
            }
        }
        if (best != gain || Math.Abs(bestError) >= 0.05) bestLufs = Try(best);
        return new MasterReport(bestLufs, measure ? Loudness.TruePeakDb(result) : double.NaN, best, ceilingDb);
    }

    /// <summary>
    /// The gain stage and limiter: <paramref name="result"/> = prepared × gain × limiter gain, the limiter reading the
    /// prepared mix's true-peak envelope scaled by the gain. Every path that masters (first pass, remake, stems)
    /// goes through here or does what it does, so they agree to the bit. <paramref name="result"/> may be the prepared
    /// mix (each frame is read before it is written).
    /// </summary>
    /// <param name="written">Told how far <paramref name="result"/> is written, for readers that follow it.</param>
    private static void Limit(AudioBuffer prepared, float[] envelope, double gainDb, double ceilingDb, AudioBuffer result, FramesWritten? written = null)
    {
        double g = Math.Pow(10, gainDb / 20);
        Limiter.Apply(envelope, g, new Gained(prepared, result, (float)g, written), ceilingDb, prepared.SampleRate);
        written?.Advance(result.Frames);
    }

    /// <summary>
    /// result = prepared × (gain × the limiter's gain), frame by frame, as the limiter gives it; every
    /// <see cref="Stretch"/> frames <paramref name="written"/>, when given, is told how far it has got.
    /// </summary>
    private readonly struct Gained(AudioBuffer prepared, AudioBuffer result, float gain, FramesWritten? written) : Limiter.IGainSink
    {
        private readonly float[] _inL = prepared.Left, _inR = prepared.Right, _outL = result.Left, _outR = result.Right;

        public void Put(int i, float limiter)
        {
            float k = gain * limiter;
            _outL[i] = _inL[i] * k;
            _outR[i] = _inR[i] * k;
            if ((i & (Stretch - 1)) == Stretch - 1) written?.Advance(i + 1);
        }
    }

    /// <summary>Frames between the EQ's or the limiter's reports to those measuring what it writes (a power of two; about 0.4 s).</summary>
    private const int Stretch = 1 << 14;

    /// <summary>
    /// The master written again from the prepared mix (see <see cref="Prepare"/>) with a report's gain, ceiling, trim
    /// and dips, without measuring anything: what <see cref="ApplyInPlace"/> makes of the mix, to the bit.
    /// </summary>
    public static void Rewrite(AudioBuffer prepared, AudioBuffer result, MasterReport report)
    {
        Limit(prepared, TruePeak.Envelope(prepared), report.GainDb, report.CeilingDb, result);
        Trim(result, report.TrimDb);
        Mix.Dips.Apply([result], report.Dips);
    }

    /// <summary>The encoder check's last correction: a plain gain (dB) on the finished master, in place.</summary>
    public static void Trim(AudioBuffer master, double trimDb)
    {
        if (trimDb != 0) Scale(master, trimDb);
    }

    /// <summary>
    /// Masters a mix again, in place (it becomes the master), with the settings a report holds, without measuring
    /// anything: the same operations, in the same order, as the pass that made the report, so the result is the same
    /// to the bit. The given stems of the mix are mastered with it: each through the master's EQ, then, frame by frame,
    /// the very gains the mix gets (the compressor's, the loudness gain times the limiter's, the trim), so they sum to
    /// the master. Holds one song-length curve (the limiter's, made in its envelope's place), and no copy. The report's
    /// dips come last, on the mix and each stem alike.
    /// </summary>
    public static void ApplyInPlace(AudioBuffer mix, MasterReport report, IReadOnlyCollection<AudioBuffer>? stems = null)
    {
        stems ??= [];
        Parallel.ForEach(stems, Cores.Loop(), Equalize);
        Prepare(mix, report.MixLufs, stems.Count == 0 ? null : (from, gains, n) => Parallel.ForEach(stems, Cores.Loop(), stem =>
        {
            AudioBuffer.Multiply(gains, stem.Left.AsSpan(from, n));
            AudioBuffer.Multiply(gains, stem.Right.AsSpan(from, n));
        }));
        var envelope = TruePeak.Envelope(mix);
        double g = Math.Pow(10, report.GainDb / 20);
        float gf = (float)g;
        if (stems.Count == 0)
        {
            Limit(mix, envelope, report.GainDb, report.CeilingDb, mix);
            Trim(mix, report.TrimDb);
            Mix.Dips.Apply([mix], report.Dips);
            return;
        }
        // The limiter's stage as Limit has it (one product per frame, then the sample times it), for the mix and the
        // stems alike; the curve is made in its envelope's place. Then the trim.
        Limiter.GainCurve(envelope, g, envelope, report.CeilingDb, mix.SampleRate);
        for (int i = 0; i < envelope.Length; i++) envelope[i] = gf * envelope[i];
        float trim = (float)Math.Pow(10, report.TrimDb / 20);
        Parallel.ForEach(stems.Append(mix), Cores.Loop(), audio =>
        {
            audio.Multiply(envelope);
            if (report.TrimDb != 0) audio.Scale(trim);
            Mix.Dips.Apply([audio], report.Dips);
        });
    }

    internal static AudioBuffer Copy(AudioBuffer a)
    {
        var b = new AudioBuffer(a.Frames, a.SampleRate);
        a.Left.CopyTo(b.Left, 0);
        a.Right.CopyTo(b.Right, 0);
        return b;
    }

    private static void Scale(AudioBuffer audio, double gainDb) => audio.Scale((float)Math.Pow(10, gainDb / 20));
}
