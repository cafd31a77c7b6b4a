using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Songs;

/// <summary>
/// <c>stream_audio_url</c> (our extension; Suno's APIs use the name): a song heard while it is being made, as MP3 an
/// <c>&lt;audio&gt;</c> element or ffplay plays from the first byte. The worker writes the stream to a file in the
/// files folder (shared by every node), <c>live/{task id}.mp3.part</c> while it grows; the endpoint sends what is
/// there and follows the file until the worker renames it, done. Once the song is made, the finished file is the
/// reference and the link leads there. Only asynchronous requests for a song made afresh stream: a synchronous one is
/// answered with the finished song anyway, and an edit keeps most of a song that is already heard.
/// </summary>
public static partial class LiveStreams
{
    /// <summary>How long a client waiting for a queued song's stream to begin is kept waiting.</summary>
    private static readonly TimeSpan MaxWaitForStart = TimeSpan.FromMinutes(2);

    public static string Folder(ServerOptions options) => Path.Combine(options.FilesDir, "live");

    /// <summary>The stream while it is written.</summary>
    public static string Growing(ServerOptions options, string taskId) => Path.Combine(Folder(options), taskId + ".mp3.part");

    /// <summary>The stream once it is whole (until the song is stored).</summary>
    public static string Whole(ServerOptions options, string taskId) => Path.Combine(Folder(options), taskId + ".mp3");

    /// <summary>Removes a task's stream, whole or not (a listener still reading it reads on through the open file).</summary>
    public static void Remove(ServerOptions options, string taskId)
    {
        if (!Directory.Exists(Folder(options))) return;
        File.Delete(Growing(options, taskId));
        File.Delete(Whole(options, taskId));
    }

    public static void MapLiveStreams(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/live/{name}", async (HttpContext http, string name, ServerOptions options, TaskStore tasks, CancellationToken ct) =>
        {
            var m = StreamName().Match(name);
            if (!m.Success) return Json.Error(ProducerError.NoApi(), http.TraceId());
            string taskId = m.Groups[1].Value;
            var deadline = DateTime.UtcNow + MaxWaitForStart;
            while (true)
            {
                if (Open(options, taskId) is { } file)
                {
                    await using (file) await FollowAsync(http, file, Growing(options, taskId), ct);
                    return Results.Empty;
                }
                var task = await tasks.GetAnyAsync(taskId, ct);
                if (task is null || task.State == TaskStates.Failed || DateTime.UtcNow > deadline) return Json.Error(ProducerError.NoApi(), http.TraceId());
                if (task.State == TaskStates.Succeeded)
                {
                    // The song is made: its finished file is the reference.
                    var audio = task.Response is null ? null : JsonNode.Parse(task.Response)?["data"]?[0]?["audio_url"]?.GetValue<string>();
                    return audio is null ? Json.Error(ProducerError.NoApi(), http.TraceId()) : Results.Redirect(audio);
                }
                await Task.Delay(20, ct);
            }
        });

    private static FileStream? Open(ServerOptions options, string taskId)
    {
        foreach (var path in new[] { Growing(options, taskId), Whole(options, taskId) })
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Not begun, or already renamed: the next name is tried.
            }
        }
        return null;
    }

    /// <summary>Sends the file as it grows, until the writer has renamed it away from its growing name and all of it is sent.</summary>
    private static async Task FollowAsync(HttpContext http, FileStream file, string growing, CancellationToken ct)
    {
        http.Response.ContentType = "audio/mpeg";
        http.Response.Headers.CacheControl = "no-store";
        var buffer = new byte[32768];
        while (true)
        {
            int n = await file.ReadAsync(buffer, ct);
            if (n > 0)
            {
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, n), ct);
                await http.Response.Body.FlushAsync(ct);
                continue;
            }
            // At the end of what is written: done if the writer has finished (renamed or removed the growing file).
            if (!File.Exists(growing))
            {
                while ((n = await file.ReadAsync(buffer, ct)) > 0) await http.Response.Body.WriteAsync(buffer.AsMemory(0, n), ct);
                return;
            }
            await Task.Delay(20, ct);
        }
    }

    [GeneratedRegex(@"^([0-9a-f\-]{36})\.mp3$")]
    private static partial Regex StreamName();
}
