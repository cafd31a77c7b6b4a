using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Stems;
using OpenProducer.Server.Audios;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Work;

/// <summary>
/// Runs a stems task: the song is composed and rendered again from its stored request (deterministic), every
/// part captured and mastered with the song's own master, and zipped. <c>stems</c> gives vocals.wav and
/// instrumental.wav; <c>all_stems</c> one WAV per part group.
/// </summary>
public sealed class StemsJob(SongStore songs, SongEngine engine, ServerOptions options, PublicUrls urls)
{
    public Task<JsonObject> RunAsync(TaskRow task, AudioRequest r, IProgress<int> progress, CancellationToken ct) => Task.Run(() =>
    {
        var found = songs.Find(r.AudioId!, task.ApplicationId) ?? throw new EngineException($"song {r.AudioId} is gone");
        var record = JsonSerializer.Deserialize<EngineRecord>(found.Engine ?? throw new EngineException("song has no engine record"))!;
        var data = JsonNode.Parse(found.Data)!;
        var song = Composer.Compose(record.Request);
        progress.Report(20);
        var stems = new StemRenderer(engine.Options).Render(song, record.Master, record.Request.LyricsStrength);
        ct.ThrowIfCancellationRequested();
        progress.Report(70);
        var files = r.Action == "all_stems" ? stems : StemRenderer.VocalsAndInstrumental(stems);

        var (key, dir) = FileFolders.Create(options);
        string name = task.Id + ".zip", path = Path.Combine(dir, name);
        StemRenderer.WriteZip(files, path + ".part");
        File.Move(path + ".part", path, overwrite: true);
        return new JsonObject
        {
            ["title"] = data["title"]?.GetValue<string>() ?? "",
            ["lyric"] = "",
            ["stems_url"] = urls.File(key, name),
            ["model"] = "",
            ["progress"] = "100%",
            ["state"] = "succeeded",
        };
    }, ct);
}
