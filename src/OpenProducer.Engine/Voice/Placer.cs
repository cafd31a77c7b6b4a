using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Places sung lines into the voice track in line order, each as soon as it and every line before it are sung, so
/// the sum is the same to the bit whatever order the lines finish in, and the voice is final up to the next
/// unplaced line (less the longest lead-in a line has before its first note).
/// </summary>
internal sealed class Placer
{
    /// <summary>The most a line's audio starts before its first note (breath and consonants).</summary>
    public const double MaxLeadIn = 1.0;

    private readonly AudioBuffer _vocal;
    private readonly List<double?> _firstNote;
    private readonly VoiceProgress? _progress;
    private readonly (float[]? Samples, double At)[] _lines;
    private readonly bool[] _done;
    private int _next;

    /// <param name="firstNote">Each line's first note (seconds), null for a line with nothing to sing.</param>
    public Placer(AudioBuffer vocal, List<double?> firstNote, VoiceProgress? progress)
    {
        _vocal = vocal;
        _firstNote = firstNote;
        _progress = progress;
        _lines = new (float[]?, double)[firstNote.Count];
        _done = firstNote.Select(f => f is null).ToArray();
        if (progress is not null) progress.Voice = vocal;
        lock (_lines) Advance();
    }

    public void Done(int index, float[] samples, double at)
    {
        lock (_lines)
        {
            _lines[index] = (samples, at);
            _done[index] = true;
            Advance();
        }
    }

    /// <summary>Every line is placed: the whole voice is final.</summary>
    public void Finish()
    {
        lock (_lines)
        {
            if (_next < _lines.Length) throw new EngineException("a sung line was never placed");
            _progress?.Advance(_vocal.Frames);
        }
    }

    private void Advance()
    {
        while (_next < _lines.Length && _done[_next])
        {
            if (_lines[_next].Samples is { } samples) Place(samples, _lines[_next].At);
            _lines[_next] = default;
            _next++;
        }
        if (_progress is null) return;
        int rate = _vocal.SampleRate;
        _progress.Advance(_next < _lines.Length
            ? Math.Clamp((int)((_firstNote[_next]!.Value - MaxLeadIn) * rate), 0, _vocal.Frames)
            : _vocal.Frames);
    }

    private void Place(float[] samples, double time)
    {
        int frames = _vocal.Frames;
        int at = (int)Math.Round(time * _vocal.SampleRate);
        for (int j = Math.Max(0, -at); j < samples.Length && at + j < frames; j++)
        {
            _vocal.Left[at + j] += samples[j];
            _vocal.Right[at + j] += samples[j];
        }
    }
}
