using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OpenProducer.Server.Lyrics;
using OpenProducer.Server.SongFiles;
using OpenProducer.Server.Songs;

namespace OpenProducer.Server.Mcp;

/// <summary>
/// The MCP tools. Each builds the body its <c>/producer/…</c> endpoint would be sent and submits it through that
/// endpoint's route: the same validation, price, balance, queue and task record (it is listed in /producer/tasks).
/// Placeholders in a description (<c>{price:action}</c>, <c>{models}</c>) are filled when the tools are registered.
/// </summary>
/// <remarks>Internal: its parameters are named as the API's fields (audio_id), which a public API's naming rules refuse.</remarks>
internal sealed class ProducerTools(McpTaskRunner runner)
{
    private const string SongResult =
        "Waits for the song (usually 10-60 seconds; progress is reported when asked for) and returns it: its audio_id (for the other tools), " +
        "title, audio_url (an m4a file), image_url (the cover), duration in seconds, tempo, key, time signature, genre, sections with their " +
        "start and end times, and lyric, plus the task_id and the credits charged. A song that fails is refunded and comes back as an error; " +
        "one whose call is cut short is still made and charged (the progress messages name its task, and get_task reads it).";

    [McpServerTool(Name = "generate_song", Title = "Generate a song", Destructive = false, OpenWorld = false)]
    [Description("Makes a new song (music with sung vocals, or an instrumental). Give either a prompt (a short description of the song, " +
        "at most 200 characters; its words are written for it) or your own lyrics with a style (custom mode). Costs {price:generate} credits, " +
        "taken when the song is accepted. " + SongResult)]
    public Task<CallToolResult> GenerateSong(
        [Description("What the song is about and how it sounds, e.g. \"an upbeat pop song about a summer road trip\" (at most 200 characters). Leave empty when lyrics are given.")] string? prompt = null,
        [Description("The words to sing, with optional section tags such as [Verse] and [Chorus] (at most 5000 characters). Needs style.")] string? lyrics = null,
        [Description("With lyrics (or for a custom instrumental): the musical style, e.g. \"acoustic folk, warm female vocals, 90 bpm\".")] string? style = null,
        [Description("The song's title (at most 80 characters); one is made up when absent.")] string? title = null,
        [Description("True for music without vocals.")] bool instrumental = false,
        [Description("The model, one of {models}; {default_model} when absent. Prices may differ by model.")] string? model = null,
        [Description("A whole number that makes the result repeatable: the same request with the same seed makes the same song.")] long? seed = null,
        [Description("The singer: \"m\" or \"f\"; absent leaves it to the prompt.")] string? vocal_gender = null,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default)
    {
        bool custom = !string.IsNullOrWhiteSpace(lyrics) || !string.IsNullOrWhiteSpace(style);
        var body = new JsonObject { ["action"] = "generate", ["custom"] = custom, ["instrumental"] = instrumental };
        if (custom)
        {
            body["prompt"] = string.IsNullOrWhiteSpace(style) ? prompt : style;
            body["lyric"] = lyrics;
        }
        else body["prompt"] = prompt;
        Add(body, ("title", title), ("model", model), ("seed", seed), ("vocal_gender", vocal_gender));
        return runner.RunAsync(AudiosEndpoints.Route, body, progress, ct);
    }

    [McpServerTool(Name = "extend_song", Title = "Extend a song", Destructive = false, OpenWorld = false)]
    [Description("Makes a new, longer song from one of your songs: it keeps the song up to continue_at (its end when absent) and carries on " +
        "with new music, optionally with new lyrics or a new style. The original song stays as it was. Costs {price:extend} credits. " + SongResult)]
    public Task<CallToolResult> ExtendSong(
        [Description("The audio_id of the song to extend (from generate_song or another song tool).")] string audio_id,
        [Description("Where the new music takes over, in seconds from the start; absent continues from the end.")] double? continue_at = null,
        [Description("The style of the new part; absent keeps the song's.")] string? prompt = null,
        [Description("Words for the new part.")] string? lyrics = null,
        [Description("True for a new part without vocals.")] bool instrumental = false,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default) =>
        Edit(new JsonObject { ["action"] = "extend", ["continue_at"] = continue_at }, audio_id, prompt, lyrics, instrumental, progress, ct);

    [McpServerTool(Name = "replace_section", Title = "Replace a section of a song", Destructive = false, OpenWorld = false)]
    [Description("Makes a new song from one of your songs with the span from start to end (seconds) composed afresh, optionally with new " +
        "lyrics or a new style; the rest stays as it was, and so does the original song. Costs {price:replace_section} credits. " + SongResult)]
    public Task<CallToolResult> ReplaceSection(
        [Description("The audio_id of the song to change.")] string audio_id,
        [Description("The start of the span to replace, in seconds.")] double start,
        [Description("The end of the span to replace, in seconds (after start, within the song).")] double end,
        [Description("The style of the new span; absent keeps the song's.")] string? prompt = null,
        [Description("Words for the new span.")] string? lyrics = null,
        [Description("True for a span without vocals.")] bool instrumental = false,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default) =>
        Edit(new JsonObject { ["action"] = "replace_section", ["replace_section_start"] = start, ["replace_section_end"] = end },
            audio_id, prompt, lyrics, instrumental, progress, ct);

    [McpServerTool(Name = "cover_song", Title = "Cover a song", Destructive = false, OpenWorld = false)]
    [Description("Makes a cover of one of your songs: the same melody and words re-arranged in another style (prompt), as far from the " +
        "original as strength says. Costs {price:cover} credits. " + SongResult)]
    public Task<CallToolResult> CoverSong(
        [Description("The audio_id of the song to cover.")] string audio_id,
        [Description("The style of the cover, e.g. \"jazz trio with brushes\".")] string? prompt = null,
        [Description("New words; absent keeps the song's.")] string? lyrics = null,
        [Description("How far the arrangement moves from the original, from 0.2 to 1 (default 1).")] double? strength = null,
        [Description("True for a cover without vocals.")] bool instrumental = false,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default) =>
        Edit(new JsonObject { ["action"] = "cover", ["cover_strength"] = strength }, audio_id, prompt, lyrics, instrumental, progress, ct);

    [McpServerTool(Name = "make_stems", Title = "Split a song into stems", Destructive = false, OpenWorld = false)]
    [Description("Splits one of your songs into stems: a zip of WAV files, vocals and instrumental (costs {price:stems} credits), or with " +
        "all=true one WAV per part (drums, bass, keys, guitars, vocals…; costs {price:all_stems} credits). Takes seconds to a minute. " +
        "Returns stems_url (the zip) and the task_id.")]
    public Task<CallToolResult> MakeStems(
        [Description("The audio_id of the song.")] string audio_id,
        [Description("True for one stem per part instead of vocals and instrumental.")] bool all = false,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default) =>
        all ? runner.RunAsync(AudiosEndpoints.Route, new JsonObject { ["action"] = "all_stems", ["audio_id"] = audio_id }, progress, ct)
            : runner.RunAsync(SongFilesEndpoints.Stems, new JsonObject { ["audio_id"] = audio_id }, progress, ct);

    [McpServerTool(Name = "make_wav", Title = "Make a WAV of a song", Destructive = false, OpenWorld = false)]
    [Description("Makes a lossless WAV (44.1 kHz) of one of your songs' master. Costs {price:wav} credits; takes a few seconds. " +
        "Returns file_url (the WAV) and the task_id.")]
    public Task<CallToolResult> MakeWav(
        [Description("The audio_id of the song.")] string audio_id,
        [Description("Bits per sample: 16 (default) or 24.")] int? bit_depth = null,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default) =>
        runner.RunAsync(SongFilesEndpoints.Wav, new JsonObject { ["audio_id"] = audio_id, ["bit_depth"] = bit_depth }, progress, ct);

    [McpServerTool(Name = "make_video", Title = "Make a music video", Destructive = false, OpenWorld = false)]
    [Description("Makes a music video (MP4) of one of your songs: its cover, a waveform and the lyrics shown as they are sung. Costs " +
        "{price:video} credits; takes about as long as the song plays or less. Returns video_url and the task_id.")]
    public Task<CallToolResult> MakeVideo(
        [Description("The audio_id of the song.")] string audio_id,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default) =>
        runner.RunAsync(SongFilesEndpoints.Videos, new JsonObject { ["audio_id"] = audio_id }, progress, ct);

    [McpServerTool(Name = "write_lyrics", Title = "Write lyrics", Destructive = false, OpenWorld = false)]
    [Description("Writes a lyric sheet (title and words with [Verse]/[Chorus] tags) on a theme, in English or Chinese, to pass to " +
        "generate_song as lyrics. Costs {price:lyrics} credits; takes a few seconds. Returns title, text and the task_id.")]
    public Task<CallToolResult> WriteLyrics(
        [Description("The theme, e.g. \"a rainy night in the city\" (at most 1000 characters).")] string prompt,
        [Description("A whole number that makes the result repeatable.")] long? seed = null,
        IProgress<ProgressNotificationValue>? progress = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["prompt"] = prompt };
        Add(body, ("seed", seed));
        return runner.RunAsync(LyricsEndpoints.Route, body, progress, ct);
    }

    [McpServerTool(Name = "get_task", Title = "Read a task", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Reads one of your tasks by task_id (every song, file and lyrics request is one, including those made over HTTP): " +
        "its state (pending, running, succeeded or failed), progress, credits charged, and, once done, its result as the tool that made " +
        "it returns it (songs with their URLs and details, file URLs, lyrics, or the error). Free; answers at once.")]
    public Task<CallToolResult> GetTask(
        [Description("The task_id returned by a tool or by the HTTP API.")] string task_id, CancellationToken ct = default) =>
        runner.ReadAsync(task_id, ct);

    private Task<CallToolResult> Edit(JsonObject body, string audioId, string? prompt, string? lyrics, bool instrumental,
        IProgress<ProgressNotificationValue>? progress, CancellationToken ct)
    {
        body["audio_id"] = audioId;
        body["instrumental"] = instrumental;
        Add(body, ("prompt", prompt), ("lyric", lyrics));
        return runner.RunAsync(AudiosEndpoints.Route, body, progress, ct);
    }

    /// <summary>Sets the fields that were given; an absent one is left out, as a client of the HTTP API would.</summary>
    private static void Add(JsonObject body, params (string Name, object? Value)[] fields)
    {
        foreach (var (name, value) in fields)
            switch (value)
            {
                case null: break;
                case string s when string.IsNullOrWhiteSpace(s): break;
                case string s: body[name] = s; break;
                case long n: body[name] = n; break;
                default: throw new ArgumentException($"unexpected value for {name}", nameof(fields));
            }
    }
}
