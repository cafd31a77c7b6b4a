using System.Text.Json.Nodes;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Lyrics;

/// <summary>
/// <c>/producer/lyrics</c>: a whole sheet for the prompt, from the configured chat endpoint or the built-in writer
/// (always the fallback). The built-in writer is deterministic: the same prompt and seed give the same sheet.
/// </summary>
public sealed class LyricsHandler(ChatLyricWriter chat) : TaskHandler<LyricsJob>
{
    public const string JobKind = "lyrics";

    public override string Kind => JobKind;

    /// <summary>The stored job of a lyrics task.</summary>
    public static string Job(AudioRequest request) => TaskJob.Write(JobKind, new LyricsJob(request.Prompt, request.Seed));

    /// <remarks>Lyrics are asked for at their own endpoint only.</remarks>
    public override string FailedMessage(TaskRow task) => "The lyrics could not be written. Please try again.";

    /// <summary>A task's answer while it waits or runs: the finished answer's shape, every key present, null until known.</summary>
    public static JsonObject InProgress(string state, int progress) => new()
    {
        ["text"] = null, ["title"] = null, ["status"] = state, ["lyrics"] = null, ["state"] = state, ["progress"] = $"{progress}%",
    };

    public override async Task<JsonNode> RunAsync(TaskRow task, LyricsJob r, IProgress<int> progress, CancellationToken ct)
    {
        var sheet = await chat.WriteAsync(r.Prompt, r.Seed, ct) ?? SheetWriter.WriteSheet(r.Prompt, r.Seed);
        // The OpenAPI file names the text "text"; the published guide calls it "lyrics": both carry it.
        return new JsonObject
        {
            ["text"] = sheet.Text,
            ["title"] = sheet.Title,
            ["status"] = "complete",
            ["lyrics"] = sheet.Text,
        };
    }
}
