namespace OpenProducer.Engine.Voice;

/// <summary>
/// Recent audio by key, bounded by total samples: the least recently used entry goes first. Safe to share between
/// threads; the values are shared too, so callers read them and never change them.
/// </summary>
internal sealed class SampleCache<T>(long maxSamples, Func<T, float[]> samplesOf)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, T Value)>> _index = new();
    private readonly LinkedList<(string Key, T Value)> _order = new();
    private long _samples;

    public bool TryGet(string key, out T value)
    {
        lock (_order)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> unless the key is kept already.</summary>
    public void Add(string key, T value)
    {
        lock (_order)
        {
            if (_index.ContainsKey(key)) return;
            _index[key] = _order.AddFirst((key, value));
            _samples += samplesOf(value).Length;
            while (_samples > maxSamples && _order.Last is { } last)
            {
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
                _samples -= samplesOf(last.Value.Value).Length;
            }
        }
    }

    /// <summary>Forgets everything (benchmarks time a song from cold).</summary>
    public void Clear()
    {
        lock (_order)
        {
            _index.Clear();
            _order.Clear();
            _samples = 0;
        }
    }
}
