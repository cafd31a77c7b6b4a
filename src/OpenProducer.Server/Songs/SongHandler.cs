using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Engine;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Live;
using OpenProducer.Engine.Mix;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Files;
using OpenProducer.Server.Kept;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Songs;

/// <summary>Runs one generate task through the engine and stores the song and its files.</summary>
/// <remarks>Its job is the validated request itself (<see cref="AudioRequest"/>), with an edit's recipe resolved at submission.</remarks>
public sealed class SongHandler(SongEngine engine, SongStore songs, ServerOptions options, PublicUrls urls, KeptAudioStore kept, StemsAhead stemsAhead)
    : TaskHandler<AudioRequest>
{
    /// <summary>Every action that makes a song: generate and its kin, and the edits of a song.</summary>
    public const string JobKind = "song";

    public override string Kind => JobKind;

    /// <summary>The stored job of a song task.</summary>
    public static string Job(AudioRequest request) => TaskJob.Write(JobKind, request);

    public override async Task<JsonNode> RunAsync(TaskRow task, AudioRequest job, IProgress<int> progress, CancellationToken ct)
    {
        try
        {
            return new JsonArray(await MakeAsync(task, job, progress, ct));
        }
        catch (QualityGateException e)
        {
            // What the gate found wrong with the song is safe to say.
            throw new UserInputException(e.Message, e);
        }
    }

    private async Task<JsonObject> MakeAsync(TaskRow task, AudioRequest r, IProgress<int> progress, CancellationToken ct)
    {
        var (key, dir) = FileFolders.Create(options);
        string audio = Path.Combine(dir, task.SongId + ".m4a"), image = Path.Combine(dir, task.SongId + ".jpg");
        string tmpAudio = audio + ".part", tmpImage = image + ".part";
        // A cover given by URL was fetched and read by the input lane before this task reached a worker.
        string? staged = r.CoverArtUrl is null ? null : options.StagedCover(task.Id);
        try
        {
            if (staged is not null && !File.Exists(staged))
                throw new UserInputException("coverArtUrl: the image fetched for this song is gone; please submit the request again.");
            // The length is known once composed, before anything is rendered (an extension's new words set its length).
            if (SongLimits.TooLong(r.ToRecipe()) is { } tooLong) throw new UserInputException(tooLong);
            string title = TitleMaker.For(r);
            var song = await CreateAsync(task, r, tmpAudio, tmpImage, progress, title, ct);
            // Inspiration mode: the words the engine wrote are the song's lyric.
            if (r.WriteLyrics) r = r with { Lyric = song.Composition.WrittenLyric ?? "" };
            if (staged is not null) File.Move(staged, tmpImage, overwrite: true);
            // Files appear under their public names only when complete.
            File.Move(tmpAudio, audio, overwrite: true);
            File.Move(tmpImage, image, overwrite: true);
            var item = SongItem.Succeeded(task.SongId, r, urls.File(key, task.SongId + ".m4a"), urls.File(key, task.SongId + ".jpg"),
                song.DurationSeconds, DateTimeOffset.UtcNow);
            // An extended or partly replaced song's words are the whole song's: what it kept and what is new.
            // So are the words of what is sung on a recording's tune (a new band under its own voice sings what it sang).
            if (r.Recipe?.Edit?.Kind is EditKind.Extend or EditKind.Replace || r.Recipe?.Root is not null && r.Recipe.Edit?.Kind is not EditKind.SwapInstrumentals)
                item["lyric"] = SongEditor.Sheet(song.Composition) is { Length: > 0 } sheet ? sheet : "[Instrumental]";
            // A streamed song keeps its stream link, which now leads to the finished file: every poll has the same keys.
            if (r.StreamsLive) item["stream_audio_url"] = urls.Live(task.Id);
            var details = SongItem.Details(song);
            // On a recording, the times asked for were moved to its downbeats: say where the new material went.
            if (r.Recipe?.Edit is { Source.Recording: not null } edit)
                details["recording"] = edit.Kind switch
                {
                    EditKind.Extend => new JsonObject { ["audio_id"] = r.AudioId, ["continue_at"] = Math.Round(edit.From, 3) },
                    EditKind.Replace => new JsonObject
                    {
                        ["audio_id"] = r.AudioId, ["replace_section_start"] = Math.Round(edit.From, 3), ["replace_section_end"] = Math.Round(edit.To, 3),
                    },
                    _ => new JsonObject { ["audio_id"] = r.AudioId },
                };
            string itemJson = Json.Write(item), detailsJson = Json.Write(details), recipeJson = JsonSerializer.Serialize(song.Recipe);
            await RequestPriority.RunAsync(() => songs.Insert(task.SongId, task.ApplicationId, task.Id, key, itemJson, detailsJson, recipeJson));
            // Once the answer is stored: the master as delivered is kept (written in the background), and the
            // stems are made ahead when the workers are idle.
            if (song.Audio is { } master) kept.Keep(song.Recipe, new SongAudio(master, null));
            stemsAhead.Add(song.Recipe, dir, task.SongId);
            // Whoever is still listening to the stream reads on through the open file; a new listener is sent to the song.
            LiveStreams.Remove(options, task.Id);
            return item;
        }
        catch (Exception e)
        {
            foreach (var f in new[] { tmpAudio, tmpImage, audio, image }) File.Delete(f);
            LiveStreams.Remove(options, task.Id);
            // A fetched cover stays for the worker that takes the task over after a stop; a failure is final.
            if (staged is not null && e is not OperationCanceledException) File.Delete(staged);
            if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            throw;
        }
    }

    /// <summary>The engine makes the song; an asynchronous request's song is streamed to its live file as it is made.</summary>
    private async Task<RenderedSong> CreateAsync(TaskRow task, AudioRequest r, string audio, string image, IProgress<int> progress, string title, CancellationToken ct)
    {
        if (!r.StreamsLive) return await engine.CreateAsync(r.ToRecipe(), audio, image, progress, ct, title);
        Directory.CreateDirectory(LiveStreams.Folder(options));
        string growing = LiveStreams.Growing(options, task.Id);
        RenderedSong song;
        await using (var file = new FileStream(growing, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete))
        using (var live = new LiveMix(file))
        {
            song = await engine.CreateAsync(r.ToRecipe(), audio, image, progress, ct, title, live);
        }
        // Whole: listeners finish reading and stop waiting for more.
        File.Move(growing, LiveStreams.Whole(options, task.Id), overwrite: true);
        return song;
    }
}
