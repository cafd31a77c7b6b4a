namespace OpenProducer.Engine.Core;

/// <summary>
/// How far one writer has got through a buffer it fills front to back, for readers that follow it on other threads:
/// a reader waits until the frames it needs are written (or the writer has stopped). The writer says so every
/// stretch of frames, not every frame.
/// </summary>
internal sealed class FramesWritten
{
    private readonly object _gate = new();
    private int _frames;
    private bool _ended;

    /// <summary>Frames [0, <paramref name="frames"/>) are written and will not change.</summary>
    public void Advance(int frames)
    {
        lock (_gate)
        {
            _frames = frames;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The writer has stopped, done or failed: no more frames will come.</summary>
    public void End()
    {
        lock (_gate)
        {
            _ended = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until at least <paramref name="frames"/> frames are written, or the writer has stopped; returns how many are written.</summary>
    public int WaitFor(int frames)
    {
        lock (_gate)
        {
            while (_frames < frames && !_ended) Monitor.Wait(_gate);
            return _frames;
        }
    }
}
