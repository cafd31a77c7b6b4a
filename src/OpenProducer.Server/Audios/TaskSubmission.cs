using System.Globalization;
using System.Text.Json;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;
using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Work;

namespace OpenProducer.Server.Audios;

/// <summary>
/// Turns a validated request into a task and answers in the chosen delivery mode: the synchronous answer,
/// or <c>{"task_id"}</c> at once for <c>async</c> and <c>callback_url</c>.
/// </summary>
public static class TaskSubmission
{
    public static async Task<IResult> SubmitAsync(HttpContext http, TaskStore store, SongStore songs, TaskSignals signals, PriceTable prices,
        AudioRequest request, string type, CancellationToken ct)
    {
        string traceId = http.TraceId();
        string app = http.Caller().ApplicationId;
        // User-given URLs the server will fetch or post to, checked before anything is charged.
        bool allowPrivate = http.RequestServices.GetRequiredService<Configuration.ServerOptions>().AllowPrivateUrls;
        foreach (var (field, url) in new[] { ("callback_url", request.CallbackUrl), ("coverArtUrl", request.CoverArtUrl) })
            if (url is not null && UrlGuard.Check(url, allowPrivate) is { } reason)
                return Json.Error(ProducerError.BadRequest($"{field} is invalid: {reason}."), traceId);
        // A song that does not exist, or is another application's, is the same bad audio_id: nothing leaks.
        var source = request.AudioId is null ? null : songs.Find(request.AudioId, app);
        if (request.AudioId is not null && source is not { Engine: not null })
            return Json.Error(ProducerError.Invalid(AudioRequestParser.IsCamel(request.Action) ? "audioId" : "audio_id"), traceId);
        if (source is { Engine: { } engine })
        {
            var recipe = JsonSerializer.Deserialize<SongRecipe>(engine)!;
            // What is made from a song, or of it, is made by the song's own model: that model prices and names it.
            request = request with { Model = recipe.Request.Model };
            if (AudioRequestParser.FromSong.Contains(request.Action))
            {
                var (made, error) = FromSong(request, JsonNode.Parse(source.Data)!, recipe);
                if (error is not null) return Json.Error(error, traceId);
                request = made!;
            }
        }

        var task = new TaskRow
        {
            Id = Guid.NewGuid().ToString(),
            ApplicationId = app,
            Type = type,
            TraceId = traceId,
            State = TaskStates.Pending,
            Request = request.Recorded,
            Job = JsonSerializer.Serialize(request),
            SongId = Guid.NewGuid().ToString(),
            CallbackUrl = request.CallbackUrl?.ToString(),
            CreatedAt = Clock.Now(),
            Charged = prices.For(request),
            NeedsInput = request.CoverArtUrl is not null,
        };
        bool wait = !request.Async && request.CallbackUrl is null;
        // A synchronous caller listens before the task exists, so it cannot miss the finish.
        var finished = wait ? signals.Finished(task.Id) : Task.CompletedTask;
        // The price is taken as the task is accepted, atomically with it; a balance that does not cover it refuses it.
        if (!store.Insert(task))
        {
            signals.Forget(task.Id);
            return Json.Error(ProducerError.UsedUp(), traceId);
        }
        if (task.NeedsInput) signals.InputAvailable();
        else signals.WorkAvailable();

        if (!wait) return Json.Result(new JsonObject { ["task_id"] = task.Id });
        try
        {
            return await WaitForResultAsync(store, task.Id, finished, ct);
        }
        finally
        {
            signals.Forget(task.Id);
        }
    }

    /// <summary>
    /// A new song made from one of the caller's songs, as a recipe built on the song's own. A variation takes the
    /// request's seed as its variation number and its weirdness as how far to go (of an edited song, it arranges the
    /// song's tune again in its own style). An edit keeps the source's title, style and words unless the request
    /// brings its own; its times must lie within the song, checked here, before any work.
    /// </summary>
    private static (AudioRequest?, ProducerError?) FromSong(AudioRequest request, JsonNode item, SongRecipe record)
    {
        var src = record.Request;
        string title = item["title"]?.GetValue<string>() ?? "", sound = item["sound"]?.GetValue<string>() ?? src.Prompt;
        string lyric = item["lyric"]?.GetValue<string>() ?? "";
        bool sings = lyric.Length > 0 && lyric != "[Instrumental]";
        double duration = double.TryParse(item["duration"]?.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : 0;
        if (!AudioRequestParser.Edits.TryGetValue(request.Action, out var kind))
        {
            var recipe = record.Edit is null
                ? new SongRecipe(src with { Variation = request.Seed | 1, Weirdness = request.Weirdness }, null)
                : new SongRecipe(StyleOf(record).Request with { Seed = request.Seed, Weirdness = request.Weirdness, Lyric = "", WriteLyrics = false, VocalGender = null },
                    null, new SongEdit(EditKind.Cover, record, Strength: request.Weirdness));
            return (request with
            {
                Recipe = recipe, Prompt = src.Prompt, Sound = sound, Model = src.Model, Title = title, Lyric = lyric,
                Instrumental = src.Instrumental, Custom = !src.WriteLyrics && src.Lyric.Length > 0,
            }, null);
        }

        bool camel = AudioRequestParser.IsCamel(request.Action);
        double from = 0, to = 0;
        if (kind == EditKind.Extend)
        {
            from = request.ContinueAt ?? duration;
            if (from <= 0 || from > duration + 1e-6)
                return (null, ProducerError.BadRequest($"{(camel ? "continueAt" : "continue_at")} is invalid: it must be after 0 and at most the song's duration, {duration.ToString("0.##", CultureInfo.InvariantCulture)} seconds."));
            from = Math.Min(from, duration);
        }
        else if (kind == EditKind.Replace)
        {
            (from, to) = (request.ReplaceStart!.Value, request.ReplaceEnd!.Value);
            if (to > duration + 1e-6)
                return (null, ProducerError.BadRequest($"{(camel ? "replaceEnd" : "replace_section_end")} is invalid: it must be at most the song's duration, {duration.ToString("0.##", CultureInfo.InvariantCulture)} seconds."));
            to = Math.Min(to, duration);
        }
        var style = StyleOf(record).Request;
        bool styled = request.Prompt.Length > 0 || request.Sounds.Count > 0;
        var part = new CompositionRequest
        {
            // The new material continues the song's style unless the request names one; a vocal swap's prompt
            // describes the voice.
            Prompt = styled ? request.Prompt : style.Prompt,
            Sounds = styled ? request.Sounds : style.Sounds,
            Lyric = request.Lyric,
            WriteLyrics = kind is EditKind.Extend or EditKind.Replace && sings && !request.Instrumental && string.IsNullOrWhiteSpace(request.Lyric),
            Instrumental = request.Instrumental,
            Seed = request.Seed,
            Weirdness = request.Weirdness,
            SoundStrength = request.SoundStrength,
            LyricsStrength = request.LyricsStrength,
            VocalGender = request.VocalGender,
            Model = src.Model,
        };
        if (kind == EditKind.SwapVocals && !styled) part = part with { Prompt = "" };
        var edit = new SongEdit(kind, record, from, to, request.ExtendSeconds, request.Strength);
        // Edits that keep audio carry the source's master settings on; a cover is mastered afresh.
        var made = new SongRecipe(part, kind == EditKind.Cover ? null : record.Master, edit);
        return (request with
        {
            Recipe = made,
            Title = request.Title ?? (title.Length > 0 ? title : null),
            Sound = styled && kind != EditKind.SwapVocals ? request.Sound : sound,
            Lyric = string.IsNullOrWhiteSpace(request.Lyric) ? lyric : request.Lyric,
            Instrumental = request.Instrumental || !sings && string.IsNullOrWhiteSpace(request.Lyric),
        }, null);
    }

    /// <summary>
    /// The recipe whose request carries a song's style: its own, except for a vocal swap, whose prompt described
    /// the voice (the style is its source's).
    /// </summary>
    private static SongRecipe StyleOf(SongRecipe recipe) => recipe.Edit is { Kind: EditKind.SwapVocals } edit ? StyleOf(edit.Source) : recipe;

    /// <summary>Synchronous mode: the request waits for its task. The task goes on if the client leaves.</summary>
    private static async Task<IResult> WaitForResultAsync(TaskStore store, string taskId, Task finished, CancellationToken ct)
    {
        while (true)
        {
            // The signal is the fast path; the periodic re-read covers a task finished by another process.
            await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(2), ct));
            ct.ThrowIfCancellationRequested();
            var row = store.GetAny(taskId);
            if (row is { Finished: true, Response: not null })
                return Json.Result(JsonNode.Parse(row.Response)!, row.State == TaskStates.Succeeded ? 200 : 500);
        }
    }
}
