namespace OpenProducer.Engine.Render;

/// <summary>
/// Carries a render from the synths that make it to a sink, batch by batch. The render is planned ahead as chunks
/// (split at every MIDI event) packed into batches of up to <see cref="BatchFrames"/> frames; each synth (a
/// producer) renders its own channels of every chunk straight into the batch, and the sink gets the batch once every
/// producer has filled it. Batches are recycled and only <see cref="Depth"/> exist, so the synths run at most that far
/// ahead and the pipe holds a few MB whatever the song's length. The producers and the sink may each run on a thread
/// of their own (<see cref="Produce"/>, <see cref="Drain"/>) or take turns on one (<see cref="Step"/>): the sink gets
/// the same calls, with the same data, either way. An output two producers play (each some of a part's notes) is
/// their sum, first producer first. Only the outputs of channels the score plays are carried; the others are silent
/// (no note ever starts there), so each producer has them written to a scratch block of its own, and the caller's
/// buffers keep their zeros. If the sink or a producer fails, the others stop at their next batch.
/// </summary>
internal sealed unsafe class RenderPipe
{
    /// <summary>Frames per batch and output: 8192 frames of 32 outputs is 1 MB.</summary>
    public const int BatchFrames = 8192;
    private const int Depth = 3;

    /// <summary>Renders one chunk of a producer's channels: <c>len</c> frames at <c>pos</c>, each output to its pointer.</summary>
    public delegate void ChunkRenderer(int pos, int len, float** outputs);

    private readonly (int Pos, int Len)[] _chunks;
    /// <summary>The first chunk of each batch, and one past the last chunk at the end.</summary>
    private readonly int[] _batchStart;
    private readonly float[][] _data;
    private readonly int[] _carried;
    /// <summary>For each producer and output, where in a batch the producer writes it (in blocks of <see cref="BatchFrames"/>); -1 for none.</summary>
    private readonly int[][] _slot;
    private readonly float[][] _scratch;
    private readonly int _producers, _outputs;
    private readonly int[] _filled = new int[Depth];
    private readonly object _gate = new();
    private int _released;
    private bool _failed;

    /// <param name="outputs">The synths' outputs per chunk (two per MIDI channel).</param>
    /// <param name="chunks">The render's chunks, in order, each at most <paramref name="maxChunk"/> frames.</param>
    /// <param name="players">For each output, the producers that render it, as bits (1 for the first, 2 for the second …); 0 for outputs nobody plays.</param>
    public RenderPipe(int outputs, IReadOnlyList<(int Pos, int Len)> chunks, int maxChunk, int[] players)
    {
        _outputs = outputs;
        _producers = players.Length == 0 ? 0 : 32 - int.LeadingZeroCount(players.Aggregate(0, (a, b) => a | b));
        _carried = Enumerable.Range(0, outputs).Where(o => players[o] != 0).ToArray();
        _slot = Enumerable.Range(0, _producers).Select(_ => Enumerable.Repeat(-1, outputs).ToArray()).ToArray();
        int slots = 0;
        foreach (int o in _carried)
            for (int p = 0; p < _producers; p++)
                if ((players[o] & 1 << p) != 0) _slot[p][o] = slots++;
        _chunks = [.. chunks];
        var starts = new List<int> { 0 };
        for (int c = 0, used = 0; c < _chunks.Length; c++)
        {
            if (used + _chunks[c].Len > BatchFrames)
            {
                starts.Add(c);
                used = 0;
            }
            used += _chunks[c].Len;
        }
        if (_chunks.Length > 0) starts.Add(_chunks.Length);
        _batchStart = [.. starts];
        _data = Enumerable.Range(0, Depth).Select(_ => GC.AllocateArray<float>(Math.Max(1, slots) * BatchFrames, pinned: true)).ToArray();
        _scratch = Enumerable.Range(0, Math.Max(1, _producers)).Select(_ => GC.AllocateArray<float>(maxChunk, pinned: true)).ToArray();
    }

    public int Producers => _producers;

    private int Batches => _batchStart.Length - 1;

    /// <summary>Producer <paramref name="producer"/> renders every batch, as the sink frees room; stops early if anyone fails.</summary>
    public void Produce(int producer, ChunkRenderer render)
    {
        try
        {
            for (int k = 0; k < Batches; k++)
            {
                lock (_gate)
                {
                    while (k - _released >= Depth && !_failed) Monitor.Wait(_gate);
                    if (_failed) return;
                }
                Fill(producer, k, render);
            }
        }
        catch
        {
            Fail();
            throw;
        }
    }

    /// <summary>Hands every batch to the sink, in order, through <paramref name="outBufs"/>, as the producers fill them.</summary>
    public void Drain(IRenderSink sink, float[][] outBufs)
    {
        try
        {
            for (int k = 0; k < Batches; k++)
            {
                lock (_gate)
                {
                    while (_filled[k % Depth] < _producers && !_failed) Monitor.Wait(_gate);
                    if (_failed) return;
                }
                Empty(k, sink, outBufs);
            }
        }
        catch
        {
            Fail();
            throw;
        }
    }

    /// <summary>The whole render on the caller's thread: each batch rendered by every producer in turn, then handed on.</summary>
    public void Step(ChunkRenderer[] producers, IRenderSink sink, float[][] outBufs)
    {
        for (int k = 0; k < Batches; k++)
        {
            for (int p = 0; p < producers.Length; p++) Fill(p, k, producers[p]);
            Empty(k, sink, outBufs);
        }
    }

    private void Fill(int producer, int k, ChunkRenderer render)
    {
        float** outPtr = stackalloc float*[_outputs];
        fixed (float* slot = _data[k % Depth], scratch = _scratch[producer])
        {
            int at = 0;
            for (int c = _batchStart[k]; c < _batchStart[k + 1]; c++)
            {
                var (pos, len) = _chunks[c];
                // FluidSynth adds to what the buffers hold.
                new Span<float>(scratch, len).Clear();
                var mine = _slot[producer];
                for (int o = 0; o < _outputs; o++)
                {
                    outPtr[o] = mine[o] >= 0 ? slot + mine[o] * BatchFrames + at : scratch;
                    if (mine[o] >= 0) new Span<float>(outPtr[o], len).Clear();
                }
                render(pos, len, outPtr);
                at += len;
            }
        }
        lock (_gate)
        {
            if (++_filled[k % Depth] == _producers) Monitor.PulseAll(_gate);
        }
    }

    private void Empty(int k, IRenderSink sink, float[][] outBufs)
    {
        var data = _data[k % Depth];
        int at = 0;
        for (int c = _batchStart[k]; c < _batchStart[k + 1]; c++)
        {
            var (pos, len) = _chunks[c];
            foreach (int o in _carried)
            {
                var into = outBufs[o].AsSpan(0, len);
                bool first = true;
                for (int p = 0; p < _producers; p++)
                {
                    if (_slot[p][o] < 0) continue;
                    var part = data.AsSpan(_slot[p][o] * BatchFrames + at, len);
                    if (first) part.CopyTo(into);
                    else AddTo(part, into);
                    first = false;
                }
            }
            sink.Add(len, outBufs, pos);
            at += len;
        }
        lock (_gate)
        {
            _filled[k % Depth] = 0;
            _released = k + 1;
            Monitor.PulseAll(_gate);
        }
    }

    private static void AddTo(ReadOnlySpan<float> from, Span<float> to)
    {
        var src = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(from);
        var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(to);
        for (int v = 0; v < dst.Length; v++) dst[v] += src[v];
        for (int i = dst.Length * System.Numerics.Vector<float>.Count; i < to.Length; i++) to[i] += from[i];
    }

    private void Fail()
    {
        lock (_gate)
        {
            _failed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
