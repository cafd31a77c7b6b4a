using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tasks;

namespace OpenProducer.Server.Reference;

/// <summary>
/// The reference's words for each operation, by its method and route as the server maps it. An operation the server
/// maps but this table lacks still appears (generated), with the error body only; the tests fail on such a one.
/// </summary>
internal static class Operations
{
    private static readonly int[] TaskErrors = [400, 401, 403, 429, 500];
    private static readonly int[] ReadErrors = [400, 401, 429, 500];
    private static readonly int[] AdminErrors = [400, 401, 404, 429, 500];

    private const string Delivery = " Synchronous by default: the answer waits for the task. With async: true or a callback_url the answer is "
        + "{\"task_id\"} at once; poll /producer/tasks (or receive the callback). A failed synchronous task answers with the error body and its task_id.";

    public static OperationDoc? Find(string method, string route) => Table.GetValueOrDefault($"{method} /{route.TrimStart('/')}");

    public static IReadOnlyCollection<string> Keys => Table.Keys;

    private static OperationDoc SongFile(string summary, string description, string request, string success) =>
        new("files of a song", summary, description + Delivery, [request], [success, "TaskAccepted"], TaskErrors, OperationAuth.Application)
        {
            Examples = new Dictionary<string, JsonNode> { ["song"] = Body("""{"audio_id":"6c947f13-a3c5-4b9c-8609-5639c37cdc2d"}""") },
        };

    private static OpenApiParameter Param(string name, OpenApiSchema schema, string description) =>
        new() { Name = name, In = ParameterLocation.Query, Schema = schema, Description = description };

    private static JsonNode Body(string json) => JsonNode.Parse(json)!;

    private static readonly Dictionary<string, OperationDoc> Table = new()
    {
        ["POST /producer/audios"] = new("songs", "Make, edit or take apart a song",
            "Every action of the Producer API. snake_case dialect: generate, extend, replace_section, cover, swap_vocals, swap_instrumentals, "
            + "upload_extend, upload_replace_section, upload_cover, variation, stems, all_stems. camelCase dialect (sounds[]): create_music, extend_music, "
            + "replace_music, cover_music, swap_music_vocals, swap_music_sound, music_variation. Unknown fields are ignored." + Delivery,
            ["GenerateRequest", "CreateMusicRequest", "EditRequest", "EditMusicRequest", "VariationRequest", "MusicVariationRequest", "StemsRequest"],
            ["SongsAnswer", "StemsAnswer", "TaskAccepted"], TaskErrors, OperationAuth.Application)
        {
            Examples = new Dictionary<string, JsonNode>
            {
                ["generate"] = Body("""{"action":"generate","prompt":"A song for Christmas","model":"FUZZ-2.0","instrumental":true}"""),
                ["generate (custom)"] = Body("""{"action":"generate","custom":true,"prompt":"upbeat pop","lyric":"[Verse]\nWoke up with the sun in my eyes\n[Chorus]\nHappy days are rolling in","vocal_gender":"f"}"""),
                ["create_music"] = Body("""{"action":"create_music","model":"FUZZ-2.0 Pro","title":"夏天","seed":349732,"sounds":[{"text":"emotional pop with gentle piano","strength":0.5},{"text":"跑调","strength":-0.5}],"makeInstrumental":true}"""),
                ["extend"] = Body("""{"action":"extend","audio_id":"6c947f13-a3c5-4b9c-8609-5639c37cdc2d","continue_at":30,"lyric":"[Chorus]\nOn and on"}"""),
                ["replace_music"] = Body("""{"action":"replace_music","audioId":"6c947f13-a3c5-4b9c-8609-5639c37cdc2d","replaceStart":10,"replaceEnd":20,"sounds":[{"text":"jazz","strength":0.8}]}"""),
                ["async"] = Body("""{"action":"generate","prompt":"calm piano","instrumental":true,"async":true}"""),
            },
        },
        ["POST /producer/tasks"] = new("tasks", "Retrieve tasks",
            "One task (action retrieve, id) or several (retrieve_batch, ids, at most 100). An unknown id answers an empty object.",
            ["TasksRequest"], ["TaskRecord", "NoTask", "TaskBatch"], ReadErrors, OperationAuth.Application)
        {
            Examples = new Dictionary<string, JsonNode>
            {
                ["retrieve"] = Body("""{"action":"retrieve","id":"82fd443a-903a-4f18-8028-12d2f8a0a4be"}"""),
                ["retrieve_batch"] = Body("""{"action":"retrieve_batch","ids":["82fd443a-903a-4f18-8028-12d2f8a0a4be"]}"""),
            },
        },
        ["POST /producer/upload"] = new("songs", "Upload a recording",
            "A recording of the caller's own, by audio_url, or (our extension) as the file part of a multipart form; it becomes a song that the "
            + "upload_* actions, stems and files take as audio_id." + Delivery,
            ["UploadRequest"], ["UploadAnswer", "TaskAccepted"], TaskErrors, OperationAuth.Application)
        {
            Form = "UploadForm",
            Examples = new Dictionary<string, JsonNode> { ["by url"] = Body("""{"audio_url":"https://example.com/my-song.mp3","title":"My song"}""") },
        },
        ["POST /producer/lyrics"] = new("lyrics", "Write lyrics", "A lyric sheet with section tags for a theme, in English or Chinese." + Delivery,
            ["LyricsRequest"], ["LyricsAnswer", "TaskAccepted"], TaskErrors, OperationAuth.Application)
        {
            Examples = new Dictionary<string, JsonNode> { ["theme"] = Body("""{"prompt":"A song about winter"}"""), ["主题"] = Body("""{"prompt":"一首关于夏天海边的歌"}""") },
        },
        ["POST /producer/stems"] = SongFile("The song's stems", "Vocals and instrumental as a zip (the stems action, as a task of its own type).", "SongFileRequest", "StemsAnswer"),
        ["POST /producer/wav"] = SongFile("The song as WAV", "The master as lossless 16-bit WAV at 44.1 kHz, made from the float mix.", "SongFileRequest", "WavAnswer"),
        ["POST /producer/download"] = SongFile("The song in a format", "The master in mp3, m4a, wav or flac, or the score as MIDI.", "DownloadRequest", "DownloadAnswer"),
        ["POST /producer/videos"] = SongFile("The song's music video", "An MP4: cover art, waveform and karaoke lyrics.", "SongFileRequest", "VideoAnswer"),
        ["POST /producer/download-video"] = SongFile("The song's music video", "The same video as /producer/videos.", "SongFileRequest", "VideoAnswer"),
        ["GET /v1/balance"] = new("account", "Balance", "Our extension: the token's application's credits.", [], ["Balance"], ReadErrors, OperationAuth.Application),
        ["GET /v1/application"] = new("account", "Application", "Our extension: the token's application, with its callback secret.", [], ["Application"], ReadErrors,
            OperationAuth.Application),
        ["GET /v1/songs/{id}"] = new("songs", "Song details",
            "Our extension: what the engine decided for a song (tempo, key, form, lines, melody), or what was heard in a recording.", [], ["SongDetails"],
            [400, 401, 404, 429, 500], OperationAuth.Application),
        ["GET /v1/tasks"] = new("tasks", "List tasks",
            $"Our extension: the caller's tasks, newest first. limit 1–{TaskListEndpoint.MaxLimit} ({TaskListEndpoint.DefaultLimit}), state, type, "
            + "and before (the previous page's next).", [], ["TaskPage"], ReadErrors, OperationAuth.Application)
        {
            Query = () =>
            [
                Param("limit", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = $"{TaskListEndpoint.MaxLimit}", Default = TaskListEndpoint.DefaultLimit }, "How many tasks."),
                Param("state", Schemas.OneOf("Only tasks in this state.", [TaskStates.Pending, TaskStates.Running, TaskStates.Succeeded, TaskStates.Failed]), "Only tasks in this state."),
                Param("type", Schemas.OneOf("Only tasks of this type.", TaskListEndpoint.Types), "Only tasks of this type."),
                Param("before", Schemas.Text("The next of the previous page.", 100), "The next of the previous page."),
            ],
        },
        ["GET /files/{key}/{name}"] = new("files", "A song's file",
            "Public, like the hosted service's CDN links: no token, an unguessable key; byte ranges for seeking.", [], null, [404], OperationAuth.None)
        {
            Raw = (["audio/mp4", "audio/mpeg", "audio/wav", "audio/flac", "audio/midi", "image/jpeg", "video/mp4", "application/zip"], "The file."),
        },
        ["HEAD /files/{key}/{name}"] = new("files", "A song's file (headers)", "As GET, without the body.", [], null, [404], OperationAuth.None)
        {
            Raw = ([], "The file's headers."),
        },
        ["GET /files/live/{name}"] = new("files", "A song as it is made",
            "Our extension: the live audio stream of an asynchronous song while it renders; once stored, a redirect to its file.", [], null, [404], OperationAuth.None)
        {
            Raw = (["audio/mpeg"], "The stream, sent as it is written, to the song's end."),
            Redirect = "The song is made: its finished file (audio_url).",
        },
        ["GET /healthz"] = new("server", "Health", "ok while the server runs.", [], null, [], OperationAuth.None) { Raw = (["text/plain"], "ok") },
        ["GET /admin/applications"] = Admin("List applications"),
        ["POST /admin/applications"] = Admin("Create an application and its first token (name, balance, expires_in)"),
        ["POST /admin/applications/{id}/tokens"] = Admin("Create a token (name, expires_in)"),
        ["GET /admin/applications/{id}/tokens"] = Admin("List an application's tokens"),
        ["POST /admin/tokens/{id}/revoke"] = Admin("Revoke a token"),
        ["POST /admin/applications/{id}/topup"] = Admin("Add credits (credits)"),
        ["POST /admin/applications/{id}/disable"] = Admin("Disable an application"),
        ["POST /admin/applications/{id}/enable"] = Admin("Enable an application"),
        ["GET /admin/applications/{id}/tasks"] = Admin("An application's charges"),
        ["GET /admin/owners"] = Admin("List owners"),
        ["POST /admin/owners"] = Admin("Create an owner (name, general_balance)"),
        ["POST /admin/owners/{id}/topup"] = Admin("Add to an owner's general balance (credits)"),
        ["POST /admin/applications/{id}/general-balance"] = Admin("Attach an application to an owner, or let it draw on the general balance"),
    };

    private static OperationDoc Admin(string summary) => new("admin", summary,
        "The operator's API, behind the admin token; it answers no_api when the server has none configured.", [], ["AdminAnswer"], AdminErrors, OperationAuth.Operator);
}
