namespace OpenProducer.Engine.Render;

/// <summary>
/// Carries a render from the thread that synthesizes it to a sink on another thread, so the synth and the mixer
/// each have a core. The synth writes chunk after chunk into a batch (one block of <see cref="BatchFrames"/> frames
/// per output channel); a full batch is handed over whole, so the two threads meet once per batch however short the
/// chunks are. Batches are recycled and only <see cref="Depth"/> exist, so the synth runs at most that far ahead and
/// the pipe holds a few MB whatever the song's length. The sink gets the same calls it would get from a synchronous
/// render, with the same data in the same arrays: each chunk is copied into the caller's output buffers before it
/// is handed on. Only the outputs of channels the score plays are carried; the others are silent (no note ever
/// starts there), so FluidSynth writes them to one scratch block and the caller's buffers keep their zeros, as a
/// synchronous render leaves them. If the sink throws, the synth stops at its next batch; if the synth stops, the
/// sink stops too.
/// </summary>
internal sealed unsafe class RenderPipe
{
    /// <summary>Frames per batch and output: 8192 frames of 32 outputs is 1 MB.</summary>
    public const int BatchFrames = 8192;
    private const int Depth = 3;

    private sealed class Batch
    {
        public readonly float[] Data;
        public readonly float* Base;
        public readonly List<(int Len, int Pos, int At)> Chunks = [];
        public int Used;

        public Batch(int outputs)
        {
            Data = GC.AllocateArray<float>(Math.Max(1, outputs) * BatchFrames, pinned: true);
            Base = (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref Data[0]);
        }
    }

    private readonly int[] _carried, _slot;
    private readonly float[] _scratch;
    private readonly float* _scratchPtr;
    private readonly object _gate = new();
    private readonly Queue<Batch> _free = new(), _full = new();
    private Batch? _filling;
    private bool _finished, _abandoned, _failed;

    /// <summary>A pipe for <paramref name="outputs"/> outputs of up to <paramref name="chunk"/> frames, of which <paramref name="carried"/> are heard.</summary>
    public RenderPipe(int outputs, int chunk, IEnumerable<int> carried)
    {
        _carried = carried.Distinct().Order().ToArray();
        _slot = Enumerable.Repeat(-1, outputs).ToArray();
        for (int i = 0; i < _carried.Length; i++) _slot[_carried[i]] = i;
        _scratch = GC.AllocateArray<float>(chunk, pinned: true);
        _scratchPtr = (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _scratch[0]);
        for (int i = 0; i < Depth; i++) _free.Enqueue(new Batch(_carried.Length));
    }

    /// <summary>
    /// Points <paramref name="outPtr"/> (one pointer per channel) at room for the next <paramref name="len"/> frames,
    /// waiting for a batch the sink has finished with if need be; false once the sink has failed (render no further).
    /// </summary>
    public bool Reserve(int len, float** outPtr)
    {
        if (_filling is not null && _filling.Used + len > BatchFrames) Send();
        if (_filling is null)
        {
            lock (_gate)
            {
                while (_free.Count == 0 && !_failed) Monitor.Wait(_gate);
                if (_failed) return false;
                _filling = _free.Dequeue();
            }
        }
        float* at = _filling.Base + _filling.Used;
        for (int c = 0; c < _slot.Length; c++) outPtr[c] = _slot[c] < 0 ? _scratchPtr : at + _slot[c] * BatchFrames;
        return true;
    }

    /// <summary>The frames just reserved are rendered: they are the chunk of <paramref name="len"/> frames at <paramref name="pos"/>.</summary>
    public void Commit(int len, int pos)
    {
        _filling!.Chunks.Add((len, pos, _filling.Used));
        _filling.Used += len;
    }

    /// <summary>
    /// The synth is done: <paramref name="complete"/>, the sink gets everything committed; otherwise (the synth
    /// failed) it stops where it is.
    /// </summary>
    public void Finish(bool complete)
    {
        if (complete && _filling is { Chunks.Count: > 0 }) Send();
        lock (_gate)
        {
            _finished = true;
            _abandoned = !complete;
            Monitor.PulseAll(_gate);
        }
    }

    private void Send()
    {
        lock (_gate)
        {
            _full.Enqueue(_filling!);
            Monitor.PulseAll(_gate);
        }
        _filling = null;
    }

    /// <summary>Hands every chunk to the sink, in order, through <paramref name="outBufs"/>; returns when the synth is done.</summary>
    public void Drain(IRenderSink sink, float[][] outBufs)
    {
        try
        {
            while (true)
            {
                Batch batch;
                lock (_gate)
                {
                    while (_full.Count == 0 && !_finished) Monitor.Wait(_gate);
                    if (_abandoned || _full.Count == 0) return;
                    batch = _full.Dequeue();
                }
                foreach (var (len, pos, at) in batch.Chunks)
                {
                    for (int i = 0; i < _carried.Length; i++) batch.Data.AsSpan(i * BatchFrames + at, len).CopyTo(outBufs[_carried[i]]);
                    sink.Add(len, outBufs, pos);
                }
                batch.Chunks.Clear();
                batch.Used = 0;
                lock (_gate)
                {
                    _free.Enqueue(batch);
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch
        {
            lock (_gate)
            {
                _failed = true;
                Monitor.PulseAll(_gate);
            }
            throw;
        }
    }
}
