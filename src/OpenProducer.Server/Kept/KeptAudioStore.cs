using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using OpenProducer.Engine;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Kept;

/// <summary>
/// Songs' audio kept on disk as it was made, in a folder named by a hash of the song's recipe (the JSON stored
/// with the song): the master and, once made, the stems, each as its float samples themselves (raw, the left channel
/// then the right), with a manifest that holds their length and a hash of their samples. Raw, not compressed: WavPack
/// took a third of the space but about a second of CPU to decode each 3-minute file, and a stems request read eight.
/// Folders kept by an earlier version (WavPack, <c>.wv</c>) are still read. A file appears under its name only when complete; what does not
/// decode to the samples the manifest names is removed and the song rendered again. Within the operator's budget,
/// the least recently used goes first. Writes happen on one background writer thread, at the workers' lower priority,
/// so keeping never delays an answer.
/// </summary>
public sealed class KeptAudioStore : IKeptAudio, IDisposable
{
    private const string Manifest = "kept.json", MasterFile = "master", Raw = ".f32", Legacy = ".wv";
    private readonly string _root;
    private readonly long _budget;
    private readonly ILogger<KeptAudioStore> _log;
    private readonly Channel<(string Key, SongAudio Audio)> _queue =
        Channel.CreateBounded<(string, SongAudio)>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _pending;
    private readonly WorkScheduler _writer = new(1);

    public KeptAudioStore(ServerOptions options, ILogger<KeptAudioStore> log)
    {
        _root = Path.GetFullPath(options.KeptDir);
        _budget = options.KeptAudioMegabytes * 1024L * 1024L;
        _log = log;
        // The writer runs at the workers' priority, and so do its encoders (a child process inherits the priority of the
        // thread that starts it, and the loop's awaits come back to this thread): at the requests' priority, an encoder
        // took a core from the answers for a second after every song.
        if (_budget > 0) _ = _writer.Run(async () => { await WriteLoopAsync(); return true; }, CancellationToken.None);
    }

    /// <summary>Stops the writer thread once it has written what is queued.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Dispose();
    }

    /// <summary>The recipe's folder name: SHA-256 of its JSON, as the song's engine record stores it.</summary>
    public static string KeyOf(SongRecipe recipe) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(recipe))));

    /// <summary>The folder a recipe's audio is kept in.</summary>
    public string FolderOf(SongRecipe recipe) => Path.Combine(_root, KeyOf(recipe));

    public SongAudio? Find(SongRecipe recipe, bool stems, CancellationToken ct)
    {
        if (_budget <= 0) return null;
        string dir = FolderOf(recipe), manifest = Path.Combine(dir, Manifest);
        KeptManifest? m;
        try
        {
            m = JsonSerializer.Deserialize<KeptManifest>(File.ReadAllText(manifest));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            if (e is not FileNotFoundException and not DirectoryNotFoundException) Forget(dir, e.Message);
            return null;
        }
        if (m is null || stems && m.Stems is null) return null;
        try
        {
            var master = Read(Path.Combine(dir, MasterFile), m.Frames, m.Rate, m.Master, ct);
            Dictionary<string, AudioBuffer>? parts = null;
            if (stems)
            {
                var names = m.Stems!.Keys.Order(StringComparer.Ordinal).ToList();
                var read = new AudioBuffer[names.Count];
                Parallel.For(0, names.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = 2, TaskScheduler = Cores.Scheduler },
                    i => read[i] = Read(Path.Combine(dir, StemFile(names[i])), m.Frames, m.Rate, m.Stems[names[i]], ct));
                parts = names.Select((n, i) => (n, read[i])).ToDictionary(p => p.n, p => p.Item2);
            }
            // Used now: the last to go when the budget is short.
            File.SetLastWriteTimeUtc(manifest, DateTime.UtcNow);
            return new SongAudio(master, parts);
        }
        catch (Exception e) when (e is EngineException or IOException or InvalidDataException or AggregateException)
        {
            Forget(dir, e.Message);
            return null;
        }
    }

    public bool Holds(SongRecipe recipe, AudioBuffer master)
    {
        if (_budget <= 0) return false;
        try
        {
            var m = JsonSerializer.Deserialize<KeptManifest>(File.ReadAllText(Path.Combine(FolderOf(recipe), Manifest)));
            return m is not null && m.Frames == master.Frames && m.Rate == master.SampleRate && m.Master == Hash(master);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Keep(SongRecipe recipe, SongAudio audio)
    {
        if (_budget <= 0) return;
        Interlocked.Increment(ref _pending);
        // A full queue drops the audio: it is a cache, and holding more songs' buffers would cost memory.
        if (!_queue.Writer.TryWrite((KeyOf(recipe), audio))) Interlocked.Decrement(ref _pending);
    }

    /// <summary>Waits until everything handed to <see cref="Keep"/> so far is written (or dropped).</summary>
    public async Task WhenWrittenAsync(CancellationToken ct)
    {
        while (Volatile.Read(ref _pending) > 0) await Task.Delay(50, ct);
    }

    /// <summary>How much the kept audio takes on disk (bytes).</summary>
    public long Bytes() => Directory.Exists(_root) ? Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private static string StemFile(string group) => $"stem-{group}";

    /// <summary>A kept file's samples (<paramref name="name"/> without its extension: raw, or WavPack as kept before), checked against the manifest's hash.</summary>
    private static AudioBuffer Read(string name, int frames, int rate, string hash, CancellationToken ct)
    {
        var audio = File.Exists(name + Raw) ? ReadRaw(name + Raw, frames, rate) : Ffmpeg.DecodeAsync(name + Legacy, rate, frames, ct).GetAwaiter().GetResult();
        if (audio.Frames != frames || Hash(audio) != hash) throw new InvalidDataException($"{Path.GetFileName(name)} does not hold the samples kept");
        return audio;
    }

    private static AudioBuffer ReadRaw(string path, int frames, int rate)
    {
        using var file = File.OpenHandle(path);
        long bytes = frames * 2L * sizeof(float);
        if (RandomAccess.GetLength(file) != bytes) throw new InvalidDataException($"{Path.GetFileName(path)} is not {frames} frames long");
        var audio = new AudioBuffer(frames, rate);
        var left = MemoryMarshal.AsBytes(audio.Left.AsSpan());
        ReadAll(file, left, 0, path);
        ReadAll(file, MemoryMarshal.AsBytes(audio.Right.AsSpan()), left.Length, path);
        return audio;
    }

    /// <summary>Fills <paramref name="into"/> from <paramref name="offset"/>, read after read (one read may return less).</summary>
    private static void ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> into, long offset, string path)
    {
        while (into.Length > 0)
        {
            int n = RandomAccess.Read(file, into, offset);
            if (n <= 0) throw new InvalidDataException($"{Path.GetFileName(path)} could not be read whole");
            into = into[n..];
            offset += n;
        }
    }

    private static Task WriteRawAsync(string path, AudioBuffer audio) => PublishedFile.WriteAsync(path + Raw, part =>
    {
        using var file = File.OpenHandle(part, FileMode.CreateNew, FileAccess.Write, preallocationSize: audio.Frames * 2L * sizeof(float));
        var left = MemoryMarshal.AsBytes(audio.Left.AsSpan());
        RandomAccess.Write(file, left, 0);
        RandomAccess.Write(file, MemoryMarshal.AsBytes(audio.Right.AsSpan()), left.Length);
        return Task.CompletedTask;
    });

    private static string Hash(AudioBuffer audio)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(MemoryMarshal.AsBytes(audio.Left.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(audio.Right.AsSpan()));
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    private void Forget(string dir, string why)
    {
        _log.LogWarning("kept audio {Folder} is damaged ({Why}); the song is rendered again", Path.GetFileName(dir), why);
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var (key, audio) in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await WriteAsync(Path.Combine(_root, key), audio);
                Trim();
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "could not keep audio {Folder}", key);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private static async Task WriteAsync(string dir, SongAudio audio)
    {
        Directory.CreateDirectory(dir);
        string manifest = Path.Combine(dir, Manifest);
        KeptManifest? m = null;
        if (File.Exists(manifest))
        {
            try { m = JsonSerializer.Deserialize<KeptManifest>(await File.ReadAllTextAsync(manifest)); }
            catch (JsonException) { }
        }
        // Stems are only kept beside the master they sum to (the same length).
        if (m is not null && (m.Stems is not null || audio.Stems is null || m.Frames != audio.Master.Frames)) return;
        if (m is null)
        {
            await WriteRawAsync(Path.Combine(dir, MasterFile), audio.Master);
            m = new KeptManifest(audio.Master.Frames, audio.Master.SampleRate, Hash(audio.Master), null);
        }
        if (audio.Stems is { } stems)
        {
            foreach (var (group, stem) in stems)
                await WriteRawAsync(Path.Combine(dir, StemFile(group)), stem);
            m = m with { Stems = stems.ToDictionary(s => s.Key, s => Hash(s.Value)) };
        }
        var json = JsonSerializer.Serialize(m);
        await PublishedFile.WriteAsync(manifest, part => File.WriteAllTextAsync(part, json));
    }


    /// <summary>Removes the least recently used songs' audio until the rest fits the budget.</summary>
    private void Trim()
    {
        var entries = Directory.EnumerateDirectories(_root).Select(d =>
        {
            var files = Directory.EnumerateFiles(d).Select(f => new FileInfo(f)).ToList();
            var used = files.FirstOrDefault(f => f.Name == Manifest)?.LastWriteTimeUtc ?? Directory.GetLastWriteTimeUtc(d);
            return (Dir: d, Bytes: files.Sum(f => f.Length), Used: used);
        }).OrderBy(e => e.Used).ThenBy(e => e.Dir, StringComparer.Ordinal).ToList();
        long total = entries.Sum(e => e.Bytes);
        foreach (var e in entries)
        {
            if (total <= _budget) break;
            try
            {
                Directory.Delete(e.Dir, recursive: true);
                total -= e.Bytes;
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>What is kept for a recipe: the length and rate, and the SHA-256 of the master's and each stem's samples.</summary>
    private sealed record KeptManifest(int Frames, int Rate, string Master, Dictionary<string, string>? Stems);
}
