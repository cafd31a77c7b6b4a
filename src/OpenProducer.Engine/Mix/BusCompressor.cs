using System.Numerics.Tensors;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// Gentle glue on the mix bus: feed-forward, stereo-linked, RMS detector, 2:1 above a threshold set a few dB
/// over the mix's own loudness, so only the louder passages are held in. It is a gain curve (no saturation),
/// so the same curve can later be applied to every stem.
/// </summary>
public static class BusCompressor
{
    /// <summary>
    /// Compresses the audio in place, a block at a time (each frame's gain comes from the detector up to and
    /// including it, so applying it at once changes nothing later); no song-length curve is held.
    /// <paramref name="alsoTo"/>, when given, is handed each block's gains (its first frame and the gains) as they are
    /// applied, for stems that follow the same gain.
    /// </summary>
    public static void Apply(AudioBuffer audio, double thresholdDb, double ratio = 2, double attackMs = 10, double releaseMs = 150,
        Action<int, float[], int>? alsoTo = null)
    {
        double fs = audio.SampleRate;
        double att = Math.Exp(-1 / (attackMs * 0.001 * fs)), rel = Math.Exp(-1 / (releaseMs * 0.001 * fs));
        double rmsCoeff = Math.Exp(-1 / (0.01 * fs));
        double ms = 0, reduction = 0;
        // The detector's level is only needed above the threshold (below it the compressor wants nothing): compared as
        // mean square there, so the logarithm is taken only where it compresses. The gain is e^(-reduction·ln10/20).
        double thresholdMs = Math.Pow(10, thresholdDb / 10) - 1e-12, slope = 1 - 1 / ratio, toGain = -Math.Log(10) / 20;
        var left = audio.Left;
        var right = audio.Right;
        var gains = new float[Math.Min(Block, left.Length)];
        for (int from = 0; from < left.Length; from += Block)
        {
            int n = Math.Min(Block, left.Length - from);
            // The detector sample by sample; the gains' exponential a vector at a time after it.
            for (int i = 0; i < n; i++)
            {
                double x = Widened.MeanSquare(left[from + i], right[from + i]);
                ms = rmsCoeff * ms + (1 - rmsCoeff) * x;
                double want = ms > thresholdMs ? (10 * Math.Log10(ms + 1e-12) - thresholdDb) * slope : 0;
                reduction = want > reduction ? att * reduction + (1 - att) * want : rel * reduction + (1 - rel) * want;
                gains[i] = (float)(reduction * toGain);
            }
            TensorPrimitives.Exp(gains.AsSpan(0, n), gains);
            AudioBuffer.Multiply(gains, left.AsSpan(from, n));
            AudioBuffer.Multiply(gains, right.AsSpan(from, n));
            alsoTo?.Invoke(from, gains, n);
        }
    }

    private const int Block = 1 << 16;
}
