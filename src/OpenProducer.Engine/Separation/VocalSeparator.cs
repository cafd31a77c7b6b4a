using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Separation;

/// <summary>A recording split in two; the parts sum back to the recording.</summary>
public sealed record SeparatedRecording(AudioBuffer Vocals, AudioBuffer Accompaniment);

/// <summary>
/// Classical vocal separation of a stereo recording, with no trained model: soft masks on an STFT from what is
/// panned to the centre (inter-channel coherence), what of the centre does not repeat (its background is the
/// median of the frames whose off-centre part, the band's arrangement, is most alike), and the voice's band, whose
/// low edge opens at a sung pitch; an activity gate lowers the mask where the vocal estimate holds little of the
/// band's energy. The vocals are the masked mix; the accompaniment is the mix minus the vocals, so the two always
/// add up to the input. Memory is bounded by the search window (about 40 MB at 44.1 kHz) plus the two outputs.
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
