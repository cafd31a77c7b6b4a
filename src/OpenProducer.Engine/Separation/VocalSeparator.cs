using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Separation;

/// <summary>A recording split in two; the parts sum back to the recording.</summary>
public sealed record SeparatedRecording(AudioBuffer Vocals, AudioBuffer Accompaniment);

/// <summary>
/// Classical vocal separation of a stereo recording, with no trained model: soft masks on an STFT from what
/// repeats (the background is the median of each frame's most similar frames), what is harmonic rather than
/// percussive, what is panned to the centre, and the voice's band. The vocals are the masked mix; the
/// accompaniment is the mix minus the vocals, so the two always add up to the input.
/// </summary>
public static class VocalSeparator
{
    public static SeparatedRecording Separate(AudioBuffer mix, CancellationToken ct) => Separate(mix, SeparationSettings.Default, ct);

    internal static SeparatedRecording Separate(AudioBuffer mix, SeparationSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentNullException.ThrowIfNull(settings);
        var vocals = new AudioBuffer(mix.Frames, mix.SampleRate);
        if (mix.Frames > 0) new VocalMask(mix, settings).Run(vocals, ct);
        var accompaniment = new AudioBuffer(mix.Frames, mix.SampleRate);
        for (int i = 0; i < mix.Frames; i++)
        {
            accompaniment.Left[i] = mix.Left[i] - vocals.Left[i];
            accompaniment.Right[i] = mix.Right[i] - vocals.Right[i];
        }
        return new SeparatedRecording(vocals, accompaniment);
    }

    /// <summary>The window length in samples: a power of two near the wanted duration.</summary>
    internal static int WindowSize(int sampleRate, double seconds)
    {
        int n = 256;
        while (n * 2 <= sampleRate * seconds * 1.4) n *= 2;
        return n;
    }
}
