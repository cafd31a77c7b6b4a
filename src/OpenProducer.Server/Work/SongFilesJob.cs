using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Engine;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Stems;
using OpenProducer.Server.Audios;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Work;

/// <summary>
/// Runs a task that delivers files of an existing song, made again from its stored recipe (deterministic; an edited
/// song through its source). <c>stems</c> zips vocals.wav and instrumental.wav, <c>all_stems</c> one WAV per part
/// group, every part captured and mastered with the song's own master; <c>wav</c> is the master itself, lossless,
/// from the float mix (not a decode of the m4a).
/// </summary>
public sealed class SongFilesJob(SongStore songs, SongEngine engine, ServerOptions options, PublicUrls urls)
{
    public Task<JsonObject> RunAsync(TaskRow task, AudioRequest r, IProgress<int> progress, CancellationToken ct) => Task.Run(() =>
    {
        var found = songs.Find(r.AudioId!, task.ApplicationId) ?? throw new EngineException($"song {r.AudioId} is gone");
        var recipe = JsonSerializer.Deserialize<SongRecipe>(found.Engine ?? throw new EngineException("song has no engine record"))!;
        var data = JsonNode.Parse(found.Data)!;
        string title = data["title"]?.GetValue<string>() ?? "";
        progress.Report(20);
        var (key, dir) = FileFolders.Create(options);
        if (r.Action == "wav")
        {
            var master = engine.Produce(recipe, stems: false, ct).Master;
            string wav = task.SongId + ".wav", wavPath = Path.Combine(dir, wav);
            using (var file = File.Create(wavPath + ".part")) WavWriter.Write16(master, file);
            File.Move(wavPath + ".part", wavPath, overwrite: true);
            return new JsonObject { ["title"] = title, ["file_url"] = urls.File(key, wav) };
        }
        var stems = engine.Produce(recipe, stems: true, ct).Stems!;
        ct.ThrowIfCancellationRequested();
        progress.Report(70);
        var files = r.Action == "all_stems" ? stems : StemRenderer.VocalsAndInstrumental(stems);
        string name = task.Id + ".zip", path = Path.Combine(dir, name);
        StemRenderer.WriteZip(files, path + ".part");
        File.Move(path + ".part", path, overwrite: true);
        return new JsonObject
        {
            ["title"] = title,
            ["lyric"] = "",
            ["stems_url"] = urls.File(key, name),
            ["model"] = "",
            ["progress"] = "100%",
            ["state"] = "succeeded",
        };
    }, ct);
}
