using System.Runtime.CompilerServices;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// A feed-forward, stereo-linked compressor that keeps its state between chunks: an RMS detector (10 ms), gain
/// reduction above the threshold at the ratio, smoothed with attack and release times, and make-up gain. The
/// detector runs every sample; the gain is computed every <see cref="Block"/> samples (0.36 ms at 44.1 kHz, far
/// shorter than any attack here) and interpolated between, which saves the logarithm and power per sample.
/// </summary>
public sealed class StreamCompressor
{
    private const int Block = 16;
    private readonly double _attack, _release, _rms, _slope, _makeup, _threshold;
    private double _ms, _reduction, _gain;
    private int _phase;
    private double _step;

    public StreamCompressor(double thresholdDb, double ratio, double attackMs, double releaseMs, double makeupDb, int sampleRate)
    {
        _attack = Math.Exp(-Block / (attackMs * 0.001 * sampleRate));
        _release = Math.Exp(-Block / (releaseMs * 0.001 * sampleRate));
        _rms = Math.Exp(-1 / (0.01 * sampleRate));
        _slope = 1 - 1 / ratio;
        _makeup = Math.Pow(10, makeupDb / 20);
        _threshold = thresholdDb;
        _gain = _makeup;
    }

    // Called for every chunk of the compressed parts of the band: optimized from its first call, as Resampler.Four is.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(Span<float> left, Span<float> right)
    {
        // The state in locals for the loop: a field read back after it was written would make each sample wait longer
        // on the last.
        double ms = _ms, reduction = _reduction, gain = _gain, step = _step;
        int phase = _phase;
        for (int i = 0; i < left.Length; i++)
        {
            double x = Widened.MeanSquare(left[i], right[i]);
            ms = _rms * ms + (1 - _rms) * x;
            if (phase == 0)
            {
                double level = 10 * Math.Log10(ms + 1e-12);
                double want = level > _threshold ? (level - _threshold) * _slope : 0;
                reduction = want > reduction ? _attack * reduction + (1 - _attack) * want : _release * reduction + (1 - _release) * want;
                double target = _makeup * Math.Pow(10, -reduction / 20);
                step = (target - gain) / Block;
            }
            gain += step;
            if (++phase == Block) phase = 0;
            left[i] *= (float)gain;
            right[i] *= (float)gain;
        }
        (_ms, _reduction, _gain, _step, _phase) = (ms, reduction, gain, step, phase);
    }

    /// <summary>Lets <paramref name="frames"/> of silence pass without processing them: the detector and the gain relax as they would have.</summary>
    public void Rest(int frames)
    {
        _ms *= Math.Pow(_rms, frames);
        _reduction *= Math.Pow(_release, (double)frames / Block);
        _gain = _makeup * Math.Pow(10, -_reduction / 20);
        _step = 0;
        _phase = 0;
    }
}
