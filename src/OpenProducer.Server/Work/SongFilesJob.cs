using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Engine;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Stems;
using OpenProducer.Engine.Video;
using OpenProducer.Server.Audios;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Work;

/// <summary>
/// Runs a task that delivers files of an existing song. Audio is made again from the song's stored recipe
/// (deterministic; an edited song through its source): <c>stems</c> zips vocals.wav and instrumental.wav,
/// <c>all_stems</c> one WAV per part group; <c>wav</c> and <c>download</c> give the master in a format, lossless ones
/// from the float mix (not a decode of the m4a); <c>video</c> is the song's music video. Downloads and videos are
/// made once and kept beside the song's own files, so asking again costs nothing.
/// </summary>
public sealed class SongFilesJob(SongStore songs, SongEngine engine, ServerOptions options, PublicUrls urls)
{
    public async Task<JsonNode> RunAsync(TaskRow task, AudioRequest r, IProgress<int> progress, CancellationToken ct)
    {
        var found = songs.Find(r.AudioId!, task.ApplicationId) ?? throw new EngineException($"song {r.AudioId} is gone");
        var recipe = JsonSerializer.Deserialize<SongRecipe>(found.Engine ?? throw new EngineException("song has no engine record"))!;
        var data = JsonNode.Parse(found.Data)!;
        string title = data["title"]?.GetValue<string>() ?? "";
        progress.Report(10);
        switch (r.Action)
        {
            case "wav":
                return new JsonArray(new JsonObject { ["title"] = title, ["file_url"] = await DownloadAsync(found, r, recipe, ct) });
            case "download":
                return new JsonObject
                {
                    ["audio_id"] = r.AudioId, ["title"] = title, ["format"] = r.Format, ["file_url"] = await DownloadAsync(found, r, recipe, ct),
                };
            case "video":
            {
                string url = await VideoAsync(found, r.AudioId!, task.ApplicationId, title, recipe, data, ct);
                return new JsonObject { ["audio_id"] = r.AudioId, ["title"] = title, ["video_url"] = url };
            }
        }
        // Stems are made once per song and kind, and kept beside the song: asking again costs no render.
        string name = r.Action == "all_stems" ? $"{r.AudioId}-all.zip" : $"{r.AudioId}.zip";
        string path = Path.Combine(options.FilesDir, found.FileKey, name);
        if (!IsZip(path))
        {
            var stems = await Task.Run(() => engine.Produce(recipe, stems: true, ct).Stems!, ct);
            progress.Report(70);
            var files = r.Action == "all_stems" ? stems : StemRenderer.VocalsAndInstrumental(stems);
            await Publish(path, part =>
            {
                StemRenderer.WriteZip(files, part);
                return Task.CompletedTask;
            });
        }
        return new JsonArray(new JsonObject
        {
            ["title"] = title,
            ["lyric"] = "",
            ["stems_url"] = urls.File(found.FileKey, name),
            ["model"] = r.Model,
            ["progress"] = "100%",
            ["state"] = "succeeded",
        });
    }

    /// <summary>
    /// The song's master in the asked format, made on first request and kept beside the song. The m4a is the one
    /// the song was delivered as; WAV, FLAC and MP3 are made from the master rendered again in float.
    /// </summary>
    private async Task<string> DownloadAsync(StoredSong song, AudioRequest r, SongRecipe recipe, CancellationToken ct)
    {
        string id = r.AudioId!, format = r.Format ?? "wav";
        string name = format is "wav" or "flac" && r.BitDepth == 24 ? $"{id}-24.{format}" : $"{id}.{format}";
        string path = Path.Combine(options.FilesDir, song.FileKey, name);
        if (!File.Exists(path))
        {
            var master = await Task.Run(() => engine.Produce(recipe, stems: false, ct).Master, ct);
            await Publish(path, async part =>
            {
                if (format == "wav")
                {
                    await using var file = File.Create(part);
                    WavWriter.Write(master, file, r.BitDepth);
                }
                else await Ffmpeg.EncodeAsync(master, format, r.BitDepth, part, ct);
            });
        }
        return urls.File(song.FileKey, name);
    }

    /// <summary>The song's music video, made on first request; the song's <c>video_url</c> then points at it.</summary>
    private async Task<string> VideoAsync(StoredSong song, string id, string app, string title, SongRecipe recipe, JsonNode data, CancellationToken ct)
    {
        string dir = Path.Combine(options.FilesDir, song.FileKey), name = id + ".mp4", path = Path.Combine(dir, name);
        if (!File.Exists(path))
        {
            double duration = double.Parse(data["duration"]?.GetValue<string>() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            // The words' times come from the song's score, composed again from its recipe (no audio is rendered).
            var lines = LyricVideo.Lines(SongEditor.Compose(recipe));
            await Publish(path, part => LyricVideo.MakeAsync(Path.Combine(dir, id + ".jpg"), Path.Combine(dir, id + ".m4a"), title, lines, duration, part, ct));
        }
        string url = urls.File(song.FileKey, name);
        songs.SetDataField(id, app, "video_url", url);
        return url;
    }

    /// <summary>A zip that can be read, with at least one entry.</summary>
    private static bool IsZip(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            return zip.Entries.Count > 0;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Writes a file under a private name and gives it its public name only when complete.</summary>
    private static async Task Publish(string path, Func<string, Task> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string part = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await write(part);
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            File.Delete(part);
        }
    }
}
