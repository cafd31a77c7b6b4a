using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Engine.Edit;
using OpenProducer.Server.Accounts;
using OpenProducer.Server.Api;
using OpenProducer.Server.Files;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Outbound;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Requests;

/// <summary>
/// Turns a validated request into a task and answers in the chosen delivery mode: the synchronous answer,
/// or <c>{"task_id"}</c> at once for <c>async</c> and <c>callback_url</c>.
/// </summary>
public static class TaskSubmission
{
    /// <summary>What a submission needs, given to the endpoint by the container (<c>[AsParameters]</c>).</summary>
    public readonly record struct Services(TaskStore Store, SongStore Songs, TaskSignals Signals, PriceTable Prices, ServerOptions Options, TimeProvider Time, PublicUrls Urls);

    public static Task<IResult> SubmitAsync(HttpContext http, Services services, AudioRequest request, string type, Func<AudioRequest, string> job,
        CancellationToken ct) => SubmitAsync(http, services, request, type, job, taskId: null, needsInput: false, ct);

    /// <summary>A task accepted and charged. A caller that waits listens to <see cref="Finished"/> and forgets it after (<see cref="TaskSignals.Forget"/>).</summary>
    public readonly record struct Accepted(TaskRow Task, AudioRequest Request, bool Waits, Task Finished);

    /// <param name="taskId">The task's id when the caller needed it first (to stage a file under it).</param>
    /// <param name="needsInput">Whether the input lane fetches something before a worker takes the task.</param>
    public static async Task<IResult> SubmitAsync(HttpContext http, Services services, AudioRequest request, string type, Func<AudioRequest, string> job,
        string? taskId, bool needsInput, CancellationToken ct)
    {
        var (accepted, error) = await AcceptAsync(http, services, request, type, job, taskId, needsInput, ct);
        if (error is not null) return Json.Error(error, http.TraceId());
        var (task, made, wait, finished) = accepted!.Value;
        if (!wait)
        {
            var answer = new JsonObject { ["task_id"] = task.Id };
            // A song made afresh can be heard while it is made, from this link on (our extension).
            if (type == "audios" && made.StreamsLive) answer["stream_audio_url"] = services.Urls.Live(task.Id);
            return Json.Result(answer);
        }
        try
        {
            return await WaitForResultAsync(services.Store, task.Id, finished, ct);
        }
        finally
        {
            services.Signals.Forget(task.Id);
        }
    }

    /// <summary>
    /// Checks what only the server's state can tell (the song acted on, the URLs, the disk), then records the task and
    /// charges its price in one step, and wakes the lane that runs it. Every way in to the queue goes through here.
    /// </summary>
    public static async Task<(Accepted? Accepted, ProducerError? Error)> AcceptAsync(HttpContext http, Services services, AudioRequest request, string type,
        Func<AudioRequest, string> job, string? taskId, bool needsInput, CancellationToken ct)
    {
        var (store, songs, signals, prices, options, time, _) = services;
        string traceId = http.TraceId();
        string app = http.Caller().ApplicationId;
        // User-given URLs the server will fetch or post to, checked before anything is charged.
        bool allowPrivate = options.AllowPrivateUrls;
        foreach (var (field, url) in new[] { ("callback_url", request.CallbackUrl), ("coverArtUrl", request.CoverArtUrl) })
            if (url is not null && UrlGuard.Check(url, allowPrivate) is { } reason)
                return (null, ProducerError.BadRequest($"{field} is invalid: {reason}."));
        // A song that does not exist, or is another application's, is the same bad audio_id: nothing leaks.
        var source = request.AudioId is null ? null : await songs.FindAsync(request.AudioId, app, ct);
        if (request.AudioId is not null && source is not { Engine: not null })
            return (null, ProducerError.Invalid(AudioRequestParser.IsCamel(request.Action) ? "audioId" : "audio_id"));
        if (source is { Engine: { } engine })
        {
            var recipe = JsonSerializer.Deserialize<SongRecipe>(engine)!;
            // What is made from a song, or of it, is made by the song's own model: that model prices and names it. A
            // recording has no model: what is made of it is made by the one the request names.
            if (recipe.Recording is null) request = request with { Model = recipe.Request.Model };
            if (AudioRequestParser.FromSong.Contains(request.Action))
            {
                var (made, error) = DerivedSong.Build(request, JsonNode.Parse(source.Data)!, recipe);
                if (error is not null) return (null, error);
                request = made!;
            }
        }

        var task = new TaskRow
        {
            Id = taskId ?? Guid.NewGuid().ToString(),
            ApplicationId = app,
            Type = type,
            TraceId = traceId,
            State = TaskStates.Pending,
            Request = request.Recorded,
            Job = job(request),
            SongId = Guid.NewGuid().ToString(),
            CallbackUrl = request.CallbackUrl?.ToString(),
            CreatedAt = time.UnixNow(),
            Charged = prices.For(request.Action, request.Model),
            NeedsInput = needsInput || request.CoverArtUrl is not null,
        };
        bool wait = !request.Async && request.CallbackUrl is null;
        // A synchronous caller listens before the task exists, so it cannot miss the finish.
        var finished = wait ? signals.Finished(task.Id) : Task.CompletedTask;
        if (DiskSpace.Low(options))
        {
            signals.Forget(task.Id);
            return (null, ProducerError.ApiError(DiskSpace.RefusedMessage));
        }
        // The price is taken as the task is accepted, atomically with it; a balance that does not cover it refuses it.
        if (!await store.InsertAsync(task, ct))
        {
            signals.Forget(task.Id);
            return (null, ProducerError.UsedUp());
        }
        if (task.NeedsInput) signals.InputAvailable();
        else signals.WorkAvailable();
        return (new Accepted(task, request, wait, finished), null);
    }

    /// <summary>Synchronous mode: the request waits for its task. The task goes on if the client leaves.</summary>
    private static async Task<IResult> WaitForResultAsync(TaskStore store, string taskId, Task finished, CancellationToken ct)
    {
        while (true)
        {
            // The signal is the fast path; the periodic re-read covers a task finished by another process.
            await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(2), ct));
            ct.ThrowIfCancellationRequested();
            var row = await store.GetAnyAsync(taskId, ct);
            if (row is { Finished: true, Response: not null })
            {
                var response = JsonNode.Parse(row.Response)!;
                // A failure is ours (500) unless the task found its input bad (the spec's bad_request, 400).
                int status = row.State == TaskStates.Succeeded ? 200 : response["error"]?["code"]?.GetValue<string>() == "bad_request" ? 400 : 500;
                return Json.Result(response, status);
            }
        }
    }
}
