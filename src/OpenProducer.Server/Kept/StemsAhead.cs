using System.Threading.Channels;
using OpenProducer.Engine;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Stems;
using OpenProducer.Server.Queue;
using OpenProducer.Server.SongFiles;

namespace OpenProducer.Server.Kept;

/// <summary>
/// Stems made ahead: after a song is made, while this process's workers are idle, its stems are rendered on a
/// thread of the lowest priority, kept, and packed as the two zips a stems request hands out, so that request
/// costs no render. A task that starts stops the work (it is taken up again once the workers are idle); a song
/// waits its turn among at most <see cref="MaxWaiting"/> others, the oldest dropped first.
/// </summary>
public sealed class StemsAhead(SongEngine engine, WorkerLoad load, ILogger<StemsAhead> log) : BackgroundService
{
    /// <summary>Two threads at the lowest priority: the song's work and its parallel loops' branches.</summary>
    private readonly WorkScheduler _low = new(2, ThreadNice.Lowest, "stems ahead");

    private const int MaxWaiting = 16;

    /// <summary>How long the workers must have been idle before stems are made (seconds).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly Channel<(SongRecipe Recipe, string Folder, string Id)> _songs =
        Channel.CreateBounded<(SongRecipe, string, string)>(new BoundedChannelOptions(MaxWaiting) { FullMode = BoundedChannelFullMode.DropOldest });

    private int _waiting;

    /// <summary>A song just made, whose stems go in its files' folder under the names a stems request uses.</summary>
    public void Add(SongRecipe recipe, string folder, string id)
    {
        Interlocked.Increment(ref _waiting);
        if (!_songs.Writer.TryWrite((recipe, folder, id))) Interlocked.Decrement(ref _waiting);
    }

    /// <summary>Songs given and not yet done (tests wait for 0).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var song in _songs.Reader.ReadAllAsync(stoppingToken))
        {
            while (true)
            {
                while (!load.Idle) await Task.Delay(Quiet, stoppingToken);
                await Task.Delay(Quiet, stoppingToken);
                if (!load.Idle) continue;
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, load.Busy);
                try
                {
                    await _low.Run(() => Task.FromResult(Make(song.Recipe, song.Folder, song.Id, stop.Token)), stop.Token);
                    break;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // A task started: it goes first; this song waits for the next quiet moment.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "stems of song {Id} could not be made ahead; a stems request will make them", song.Id);
                    break;
                }
            }
            Interlocked.Decrement(ref _waiting);
        }
    }

    private bool Make(SongRecipe recipe, string folder, string id, CancellationToken ct)
    {
        string all = Path.Combine(folder, SongFilesHandler.StemsZip(id, all: true)), two = Path.Combine(folder, SongFilesHandler.StemsZip(id, all: false));
        if (!Directory.Exists(folder) || File.Exists(all) && File.Exists(two)) return false;
        var stems = engine.Produce(recipe, stems: true, ct).Stems!;
        ct.ThrowIfCancellationRequested();
        SongFilesHandler.PublishZip(all, part => StemRenderer.WriteZip(stems, part));
        SongFilesHandler.PublishZip(two, part => StemRenderer.WriteVocalsAndInstrumentalZip(stems, part));
        return true;
    }

    public override void Dispose()
    {
        base.Dispose();
        _low.Dispose();
    }
}
