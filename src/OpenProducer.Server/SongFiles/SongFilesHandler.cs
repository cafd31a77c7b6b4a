using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Engine;
using OpenProducer.Engine.Art;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Stems;
using OpenProducer.Engine.Video;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Files;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.SongFiles;

/// <summary>
/// Runs a task that delivers files of an existing song. Audio is made again from the song's stored recipe
/// (deterministic; an edited song through its source): <c>stems</c> zips vocals.wav and instrumental.wav,
/// <c>all_stems</c> one WAV per part group; <c>wav</c> and <c>download</c> give the master in a format, lossless ones
/// from the float mix (not a decode of the m4a), and MIDI from the score alone (no audio is rendered); <c>video</c>
/// is the song's music video. Downloads and videos are made once and kept beside the song's own files, so asking
/// again costs nothing.
/// </summary>
public sealed class SongFilesHandler(SongStore songs, SongEngine engine, ServerOptions options, PublicUrls urls, ILogger<SongFilesHandler> log)
    : TaskHandler<SongFileJob>
{
    /// <summary>The files made of a song already made: stems, WAV, MIDI or other downloads, and videos.</summary>
    public const string JobKind = "song_files";

    public override string Kind => JobKind;

    /// <summary>The stored job of a song-files task.</summary>
    public static string Job(AudioRequest request) =>
        TaskJob.Write(JobKind, new SongFileJob(request.Action, request.AudioId!, request.Model, request.Format, request.BitDepth));

    /// <summary>What failed, by the endpoint the task came from: its stems, a file of it, or its video.</summary>
    public override string FailedMessage(TaskRow task) => task.Type switch
    {
        "stems" => "The stems could not be made. Please try again.",
        "wav" or "download" => "The file could not be made. Please try again.",
        "videos" or "download-video" => "The video could not be made. Please try again.",
        _ => TaskWorker.FailedMessage,
    };

    /// <summary>A task's answer while it waits or runs: the finished answer's shape, every key present, null until known.</summary>
    public static JsonNode InProgress(SongFileJob r, string state, int progress) => r.Action switch
    {
        "wav" => new JsonArray(new JsonObject { ["title"] = null, ["file_url"] = null, ["state"] = state, ["progress"] = $"{progress}%" }),
        "download" => new JsonObject
        {
            ["audio_id"] = r.AudioId, ["title"] = null, ["format"] = r.Format, ["file_url"] = null, ["state"] = state, ["progress"] = $"{progress}%",
        },
        "video" => new JsonObject
        {
            ["audio_id"] = r.AudioId, ["title"] = null, ["video_url"] = null, ["state"] = state, ["progress"] = $"{progress}%",
        },
        _ => new JsonArray(new JsonObject
        {
            ["title"] = null, ["lyric"] = null, ["stems_url"] = null, ["model"] = r.Model, ["progress"] = $"{progress}%", ["state"] = state,
        }),
    };

    public override async Task<JsonNode> RunAsync(TaskRow task, SongFileJob r, IProgress<int> progress, CancellationToken ct)
    {
        var found = await songs.FindAsync(r.AudioId, task.ApplicationId, ct) ?? throw new EngineException($"song {r.AudioId} is gone");
        var recipe = JsonSerializer.Deserialize<SongRecipe>(found.Engine ?? throw new EngineException("song has no engine record"))!;
        var data = JsonNode.Parse(found.Data)!;
        string title = data["title"]?.GetValue<string>() ?? "";
        double seconds = Json.Seconds(data["duration"]);
        // A recording has audio but no score: no MIDI, and no lyric video (no words are known to show).
        if (recipe.Recording is not null && (r.Format == "midi" || r.Action == "video"))
            throw new UserInputException($"{(r.Action == "video" ? "A video" : "A MIDI file")} of an uploaded recording cannot be made: it has no score; its audio and stems can be.", badRequest: true);
        progress.Report(10);
        switch (r.Action)
        {
            case "wav":
                return new JsonArray(new JsonObject { ["title"] = title, ["file_url"] = await DownloadAsync(found, r, recipe, seconds, ct) });
            case "download":
                return new JsonObject
                {
                    ["audio_id"] = r.AudioId, ["title"] = title, ["format"] = r.Format,
                    ["file_url"] = r.Format == "midi" ? await MidiAsync(found, r.AudioId, recipe, title, ct) : await DownloadAsync(found, r, recipe, seconds, ct),
                };
            case "video":
            {
                string url = await VideoAsync(found, r, task.ApplicationId, title, recipe, seconds, ct);
                return new JsonObject { ["audio_id"] = r.AudioId, ["title"] = title, ["video_url"] = url };
            }
        }
        // Stems are made once per song and kind, and kept beside the song: asking again costs no render.
        // Made ahead when the workers were idle, or here (from the kept stems when they are kept).
        string name = StemsZip(r.AudioId, r.Action == "all_stems");
        string path = Path.Combine(options.FilesDir, found.FileKey, name);
        if (!IsZip(path))
        {
            var stems = await CallerScheduler.Run(() => engine.Produce(recipe, stems: true, ct).Stems!, ct);
            progress.Report(70);
            PublishZip(path, part =>
            {
                if (r.Action == "all_stems") StemRenderer.WriteZip(stems, part);
                else StemRenderer.WriteVocalsAndInstrumentalZip(stems, part);
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
    /// the song was delivered as; WAV, FLAC and MP3 are made from the master rendered again in float. A kept file is
    /// checked before it is handed out again, and made again from the recipe when it is missing or cut short.
    /// </summary>
    private async Task<string> DownloadAsync(StoredSong song, SongFileJob r, SongRecipe recipe, double seconds, CancellationToken ct)
    {
        string id = r.AudioId, format = r.Format ?? "wav";
        string name = format is "wav" or "flac" && r.BitDepth == 24 ? $"{id}-24.{format}" : $"{id}.{format}";
        string path = Path.Combine(options.FilesDir, song.FileKey, name);
        if (!await MediaCheck.CompleteAsync(path, seconds, ct))
        {
            if (File.Exists(path)) log.LogWarning("{File} was damaged; making it again from the song's recipe", path);
            var master = await CallerScheduler.Run(() => engine.Produce(recipe, stems: false, ct).Master, ct);
            await PublishedFile.WriteAsync(path, async part =>
            {
                switch (format)
                {
                    case "wav":
                        await using (var file = File.Create(part)) WavWriter.Write(master, file, r.BitDepth);
                        break;
                    case "m4a":
                        await Ffmpeg.EncodeM4aAsync(master, part, ct);
                        break;
                    default:
                        await Ffmpeg.EncodeAsync(master, format, r.BitDepth, part, ct);
                        break;
                }
            });
        }
        return urls.File(song.FileKey, name);
    }

    /// <summary>
    /// The song's score as a Standard MIDI File, made on first request and kept beside the song. The score is
    /// composed again from the recipe (an edited song's whole score, through its source); no audio is rendered,
    /// so it takes a fraction of a second. A kept file is checked chunk by chunk and made again when cut short.
    /// </summary>
    private async Task<string> MidiAsync(StoredSong song, string id, SongRecipe recipe, string title, CancellationToken ct)
    {
        string name = id + ".mid", path = Path.Combine(options.FilesDir, song.FileKey, name);
        if (!File.Exists(path) || !MidiFile.IsWhole(await File.ReadAllBytesAsync(path, ct)))
        {
            if (File.Exists(path)) log.LogWarning("{File} was damaged; making it again from the song's recipe", path);
            byte[] bytes = MidiFile.Write(SongEngine.Compose(recipe), title);
            await PublishedFile.WriteAsync(path, part => File.WriteAllBytesAsync(part, bytes, ct));
        }
        return urls.File(song.FileKey, name);
    }

    /// <summary>
    /// The song's music video, made on first request; the song's <c>video_url</c> then points at it. What it is made
    /// of is checked first: the song's m4a is made again when missing or cut short, its cover painted again when
    /// missing (a cover taken from a URL cannot be fetched again; the song's own art replaces it).
    /// </summary>
    private async Task<string> VideoAsync(StoredSong song, SongFileJob r, string app, string title, SongRecipe recipe, double seconds, CancellationToken ct)
    {
        string id = r.AudioId, dir = Path.Combine(options.FilesDir, song.FileKey), name = id + ".mp4", path = Path.Combine(dir, name);
        if (!await MediaCheck.CompleteAsync(path, seconds, ct))
        {
            await DownloadAsync(song, r with { Format = "m4a" }, recipe, seconds, ct);
            var composition = SongEngine.Compose(recipe);
            string cover = Path.Combine(dir, id + ".jpg");
            if (!File.Exists(cover) || new FileInfo(cover).Length == 0)
            {
                log.LogWarning("{File} was missing; painting the song's cover again", cover);
                await PublishedFile.WriteAsync(cover, part => Ffmpeg.EncodeJpegAsync(CoverArt.Paint(composition, recipe.Request.Seed, title), CoverArt.Size, CoverArt.Size, part, ct));
            }
            // The words' times come from the song's score, composed again from its recipe (no audio is rendered).
            var lines = LyricVideo.Lines(composition);
            await PublishedFile.WriteAsync(path, part => LyricVideo.MakeAsync(cover, Path.Combine(dir, id + ".m4a"), title, lines, seconds, part, ct));
        }
        string url = urls.File(song.FileKey, name);
        await RequestPriority.RunAsync(() => songs.SetDataField(id, app, "video_url", url));
        return url;
    }

    /// <summary>The name of a song's stems zip in its files' folder: every group (all_stems), or vocals and instrumental.</summary>
    public static string StemsZip(string id, bool all) => all ? $"{id}-all.zip" : $"{id}.zip";

    /// <summary>Writes stems as a zip of WAVs under a private name, and gives it its public name only when complete.</summary>
    public static void PublishZip(string path, Action<string> write)
    {
        string part = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            write(part);
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            File.Delete(part);
        }
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

}
