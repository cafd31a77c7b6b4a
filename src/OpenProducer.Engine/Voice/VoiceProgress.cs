namespace OpenProducer.Engine.Voice;

/// <summary>
/// How far a voice being sung is final, in frames: everything before <see cref="ReadyFrames"/> holds every line
/// that sounds there. Written by the singer, read by a live stream on another thread; it only moves forward.
/// </summary>
public sealed class VoiceProgress
{
    private int _ready;
    private Core.AudioBuffer? _voice;

    public int ReadyFrames => Volatile.Read(ref _ready);

    /// <summary>The track being sung into (null before singing starts: nothing sounds before <see cref="ReadyFrames"/> then).</summary>
    public Core.AudioBuffer? Voice
    {
        get => Volatile.Read(ref _voice);
        internal set => Volatile.Write(ref _voice, value);
    }

    public void Advance(int frames)
    {
        int current;
        do
        {
            current = Volatile.Read(ref _ready);
            if (frames <= current) return;
        }
        while (Interlocked.CompareExchange(ref _ready, frames, current) != current);
    }
}
