using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Engine;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Files;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Uploads;

/// <summary>
/// Keeps an uploaded recording, checked by the time it gets here (at the request, or by the input lane for a URL):
/// the file is kept as it came, byte for byte, under the new audio id, and listened to; the answer describes what
/// was heard, the song's details hold the whole analysis, and its recipe is the recording every edit of it starts from.
/// </summary>
public sealed class UploadHandler(SongStore songs, SongEngine engine, ServerOptions options, PublicUrls urls, TimeProvider time) : TaskHandler<UploadJob>
{
    public const string JobKind = "upload";

    public override string Kind => JobKind;

    /// <summary>The stored job of an upload task.</summary>
    public static string Job(UploadJob job) => TaskJob.Write(JobKind, job);

    public override string FailedMessage(TaskRow task) => "The upload could not be processed. Please try again.";

    /// <summary>A task's answer while it waits or runs: the finished answer's keys, null until known.</summary>
    public static JsonObject InProgress(string audioId, string state, int progress) => new()
    {
        ["audio_id"] = audioId, ["audio_url"] = null, ["lyric"] = null, ["title"] = null, ["duration"] = null,
        ["state"] = state, ["progress"] = $"{progress}%",
    };

    public override async Task<JsonNode> RunAsync(TaskRow task, UploadJob job, IProgress<int> progress, CancellationToken ct)
    {
        string staged = options.StagedUpload(task.Id);
        if (!File.Exists(staged)) throw new UserInputException("The uploaded file is gone; please upload it again.", badRequest: true);
        var info = await RecordingCheck.CheckAsync(staged, "the recording", ct);
        progress.Report(30);
        var (key, dir) = FileFolders.Create(options);
        string name = task.SongId + info.Extension, path = Path.Combine(dir, name), part = path + ".part";
        try
        {
            // A copy, not a move: the staged file stays until the song is recorded, for a worker that takes over.
            File.Copy(staged, part, overwrite: true);
            File.Move(part, path, overwrite: true);
            progress.Report(40);
            // Listening to it: what every edit of it needs to know (beat, key, form, tune), and what the answer says.
            var heard = await RecordingListener.ListenAsync(path, $"{key}/{name}", info.Seconds, engine.Options.SampleRate, ct);
            progress.Report(90);
            string title = job.Title ?? TitleOf(job.Url);
            var data = new JsonObject
            {
                ["audio_id"] = task.SongId,
                ["audio_url"] = urls.File(key, name),
                ["lyric"] = heard.Lyric,
                ["title"] = title,
                ["duration"] = info.Seconds,
            };
            var details = new JsonObject
            {
                ["source"] = "upload", ["format"] = info.Format, ["duration"] = info.Seconds,
                ["created_at"] = DateTimeOffset.FromUnixTimeMilliseconds((long)(time.UnixNow() * 1000)).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["analysis"] = heard.Analysis,
            };
            songs.Insert(task.SongId, task.ApplicationId, task.Id, key, Json.Write(data), Json.Write(details), JsonSerializer.Serialize(heard.Recipe));
            File.Delete(staged);
            return data;
        }
        catch
        {
            File.Delete(part);
            File.Delete(path);
            if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            throw;
        }
    }

    /// <summary>A title from the URL's file name, or a plain one.</summary>
    private static string TitleOf(Uri? url)
    {
        string file = url is null ? "" : Path.GetFileNameWithoutExtension(Uri.UnescapeDataString(url.AbsolutePath));
        return file.Trim() is { Length: > 0 and <= 100 } t ? t : "Uploaded recording";
    }
}
