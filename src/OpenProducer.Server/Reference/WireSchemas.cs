using Microsoft.OpenApi;
using OpenProducer.Server.Tasks;
using static OpenProducer.Server.Reference.Schemas;

namespace OpenProducer.Server.Reference;

/// <summary>The answers' shapes, as the endpoints and task handlers write them, named for <c>components/schemas</c>.</summary>
internal static class WireSchemas
{
    /// <summary>Every error code the server answers with, as <see cref="Api.ProducerError"/> and the endpoints make them.</summary>
    public static readonly string[] ErrorCodes =
        ["bad_request", "no_token", "invalid_token", "token_expired", "disabled", "api_not_implemented", "no_api", "not_found", "used_up", "too_many_requests", "api_error"];

    public static readonly string[] States = ["pending", "running", "succeeded"];

    public static Dictionary<string, IOpenApiSchema> All(OpenApiDocument d) => new()
    {
        ["Error"] = Object("The one error body of the API. A synchronous task that failed also names its task_id.",
        [
            ("success", Exactly(false, "Always false.")),
            ("error", Object("What went wrong.",
                [("code", OneOf("The error's code; the HTTP status goes with it (see each operation).", ErrorCodes)), ("message", Text("A sentence saying what went wrong, naming the field when a field is at fault."))],
                "code", "message")),
            ("trace_id", Text("The request's trace id, also shown in the task record.")),
            ("task_id", Text("The task that failed, when the request made one.")),
        ], "success", "error", "trace_id").WithExample("""{"success":false,"error":{"code":"bad_request","message":"prompt is required."},"trace_id":"2efa9340-b21b-4e26-9e14-4aac95f343ab"}"""),
        ["TaskAccepted"] = Closed(Object("The answer of an asynchronous request (async: true, or a callback_url): the task to poll with /producer/tasks.",
        [
            ("task_id", Text("The task's id.")),
            ("stream_audio_url", Url("Our extension: the song as it is made, a live audio stream (new songs only).")),
        ], "task_id")).WithExample("""{"task_id":"82fd443a-903a-4f18-8028-12d2f8a0a4be","stream_audio_url":"http://127.0.0.1:8080/files/live/82fd443a-903a-4f18-8028-12d2f8a0a4be.mp3"}"""),
        ["Song"] = Song(),
        ["SongsAnswer"] = Answer(d, ArrayOf(Ref("Song", d), "The song made (one a request)."), "A finished song task."),
        ["Stem"] = Object("A song's stems as a zip file.",
        [
            ("title", NullableText("The song's title.")), ("lyric", NullableText("Empty.")), ("stems_url", Url("The zip of stems (vocals and instrumental, or every part for all_stems).", nullable: true)),
            ("model", Text("The song's model.")), ("progress", Progress()), ("state", OneOf("The task's state.", States)),
        ], "title", "stems_url", "state"),
        ["StemsAnswer"] = Answer(d, ArrayOf(Ref("Stem", d), "One zip."), "A finished stems task."),
        ["WavFile"] = Object("The song's master as a lossless WAV.",
            [("title", NullableText("The song's title.")), ("file_url", Url("The WAV file.", nullable: true)), ("state", OneOf("Only while the task runs.", States)), ("progress", Progress())],
            "title", "file_url"),
        ["WavAnswer"] = Answer(d, ArrayOf(Ref("WavFile", d), "One file."), "A finished wav task."),
        ["DownloadFile"] = Object("The song in the asked format.",
        [
            ("audio_id", Text("The song.")), ("title", NullableText("The song's title.")), ("format", OneOf("The file's format.", Requests.AudioRequestParser.Formats)),
            ("file_url", Url("The file.", nullable: true)), ("state", OneOf("Only while the task runs.", States)), ("progress", Progress()),
        ], "audio_id", "title", "format", "file_url"),
        ["DownloadAnswer"] = Answer(d, Ref("DownloadFile", d), "A finished download task."),
        ["Video"] = Object("The song's music video (cover, waveform, karaoke lyrics).",
        [
            ("audio_id", Text("The song.")), ("title", NullableText("The song's title.")), ("video_url", Url("The MP4 video.", nullable: true)),
            ("state", OneOf("Only while the task runs.", States)), ("progress", Progress()),
        ], "audio_id", "title", "video_url"),
        ["VideoAnswer"] = Answer(d, Ref("Video", d), "A finished video task."),
        ["LyricSheet"] = Object("A lyric sheet with section tags.",
        [
            ("text", NullableText("The lyrics, with [Verse], [Chorus]… tags.")), ("title", NullableText("A title for the song.")),
            ("status", Text("complete when written; the task's state before.")), ("lyrics", NullableText("The lyrics again (the hosted API's second name).")),
            ("state", OneOf("Only while the task runs.", States)), ("progress", Progress()),
        ], "text", "title", "status"),
        ["LyricsAnswer"] = Answer(d, Ref("LyricSheet", d), "A finished lyrics task."),
        ["Upload"] = Object("A recording of the caller's own, now a song that every edit and file action takes as audio_id.",
        [
            ("audio_id", Text("The recording's song id.")), ("audio_url", Url("The recording as stored.", nullable: true)),
            ("lyric", NullableText("Words heard in it, if any.")), ("title", NullableText("Its title.")), ("duration", AnyNumber("Seconds.", nullable: true)),
            ("state", OneOf("Only while the task runs.", States)), ("progress", Progress()),
        ], "audio_id", "audio_url", "title", "duration"),
        ["UploadAnswer"] = Answer(d, Ref("Upload", d), "A finished upload task."),
        ["TaskRecord"] = TaskRecordSchema(d),
        ["NoTask"] = new OpenApiSchema { Type = JsonSchemaType.Object, MaxProperties = 0, Description = "An unknown task id (or another application's): an empty object, as the hosted API answers." },
        ["TaskBatch"] = Object("The tasks asked for, in the order asked (unknown ids left out).",
            [("items", ArrayOf(Ref("TaskRecord", d), "The records.")), ("count", Integer("How many items."))], "items", "count"),
        ["TaskPage"] = Object("A page of the caller's tasks, newest first.",
        [
            ("items", ArrayOf(Ref("TaskRecord", d), "The records.")), ("count", Integer("How many items.")),
            ("next", NullableText("Pass as before= for the next page; null on the last page.")),
        ], "items", "count", "next"),
        ["Balance"] = Object("The token's application's credits.",
        [
            ("balance", Integer("Credits left; null when the application has no limit.", nullable: true)),
            ("general_balance", Integer("The owner's general balance; null when the application has no owner.", nullable: true)),
            ("allow_general_balance", Bool("Whether the application may draw on its owner's general balance.")),
        ], "balance", "general_balance", "allow_general_balance"),
        ["Application"] = Object("The token's application.",
        [
            ("id", Text("The application's id.")), ("name", Text("Its name.")), ("balance", Integer("Credits left; null when unlimited.", nullable: true)),
            ("owner_id", NullableText("Its owner, if any.")), ("general_balance", Integer("The owner's general balance.", nullable: true)),
            ("allow_general_balance", Bool("Whether it may draw on the owner's general balance.")),
            ("callback_secret", Text("The secret its callbacks are signed with (HMAC-SHA256 of the body).")),
        ], "id", "name", "balance", "callback_secret"),
        ["SongDetails"] = SongDetails(),
        ["AdminAnswer"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "An admin answer (applications, tokens, owners, balances)." },
    };

    public static OpenApiSchemaReference Ref(string name, OpenApiDocument d) => new(name, d);

    /// <summary>Nothing but the listed keys: what tells this answer from a finished one that also has a task_id.</summary>
    private static OpenApiSchema Closed(OpenApiSchema schema)
    {
        schema.AdditionalPropertiesAllowed = false;
        return schema;
    }

    private static OpenApiSchema Progress() => new() { Type = JsonSchemaType.String, Pattern = "^[0-9]{1,3}%$", Description = "How far the task is, as \"50%\"." };

    private static OpenApiSchema Answer(OpenApiDocument d, IOpenApiSchema data, string description) => Object(description,
    [
        ("success", Exactly(true, "Always true.")), ("task_id", Text("The task's id.")), ("trace_id", Text("The request's trace id.")), ("data", data),
    ], "success", "task_id", "trace_id", "data");

    private static OpenApiSchema Song() => Object("A song (the data[] item of the hosted API). Every key is present; those not known yet are null.",
    [
        ("id", Text("The song's id: the audio_id of its edits and files.")), ("title", NullableText("Its title.")),
        ("image_url", Url("Its cover art (JPEG).", nullable: true)), ("lyric", NullableText("Its words, or [Instrumental].")),
        ("audio_url", Url("The song (m4a).", nullable: true)), ("video_url", Url("Its music video, once one was asked for.", nullable: true)),
        ("image_id", NullableText("The cover's id.")), ("topic", NullableText("Always null.")), ("seed", Text("The seed it was made with: same request and seed, same song.")),
        ("sound", Text("The style it was made from.")), ("created_at", NullableText("When it was made (ISO 8601, UTC).")), ("model", Text("The model that made it.")),
        ("progress", Progress()), ("state", OneOf("The song's state.", States)),
        ("duration", NullableText("Its length in seconds, as text (the hosted API's way).")),
        ("stream_audio_url", Url("Our extension, while an asynchronous song is made: its live stream.")),
    ], "id", "title", "image_url", "lyric", "audio_url", "video_url", "image_id", "topic", "seed", "sound", "created_at", "model", "progress", "state", "duration")
        .WithExample("""
            {"id":"6c947f13-a3c5-4b9c-8609-5639c37cdc2d","title":"Christmas Song","image_url":"http://127.0.0.1:8080/files/0f3c9a7e5b2d4c1a8e6f9b0d2c4a6e8f/6c947f13-a3c5-4b9c-8609-5639c37cdc2d.jpg",
             "lyric":"[Instrumental]","audio_url":"http://127.0.0.1:8080/files/0f3c9a7e5b2d4c1a8e6f9b0d2c4a6e8f/6c947f13-a3c5-4b9c-8609-5639c37cdc2d.m4a","video_url":null,
             "image_id":"6c947f13-a3c5-4b9c-8609-5639c37cdc2d","topic":null,"seed":"2450882164","sound":"A song for Christmas","created_at":"2025-12-30T17:18:23.232911Z",
             "model":"FUZZ-2.0","progress":"100%","state":"succeeded","duration":"181.3014058956916"}
            """);

    private static OpenApiSchema TaskRecordSchema(OpenApiDocument d) => Object("A task as /producer/tasks and GET /v1/tasks show it.",
    [
        ("id", Text("The task's id.")), ("type", OneOf("The endpoint that made it.", TaskListEndpoint.Types)),
        ("created_at", AnyNumber("Unix seconds.")), ("started_at", AnyNumber("Unix seconds; null until a worker takes it.", nullable: true)),
        ("finished_at", AnyNumber("Unix seconds; null until it ends.", nullable: true)), ("elapsed", AnyNumber("Seconds from creation to its end (or to now).")),
        ("trace_id", Text("The request's trace id.")), ("credits", Integer("What the task cost.")), ("refunded", Bool("Whether a failure gave the credits back.")),
        ("request", new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The request's fields as read (normalised)." }),
        ("response", AnyOf("The answer: while the task waits or runs, the finished answer's shape with state and progress, unknown keys null.",
            Ref("SongsAnswer", d), Ref("StemsAnswer", d), Ref("WavAnswer", d), Ref("DownloadAnswer", d), Ref("VideoAnswer", d),
            Ref("LyricsAnswer", d), Ref("UploadAnswer", d), Ref("Error", d))),
    ], "id", "type", "created_at", "started_at", "finished_at", "elapsed", "trace_id", "credits", "refunded", "request", "response");

    private static OpenApiSchema SongDetails()
    {
        static (string, IOpenApiSchema) Start() => ("start", AnyNumber("Seconds."));
        static (string, IOpenApiSchema) End() => ("end", AnyNumber("Seconds."));
        var section = Object("A section of the form.", [("label", Text("As the lyrics tag it.")), ("kind", Text("verse, chorus, bridge…")), Start(), End()], "label", "kind", "start", "end");
        var line = Object("A sung line.", [("text", Text("Its words.")), Start(), End()], "text", "start", "end");
        var note = Object("A sung note.", [Start(), End(), ("pitch", Integer("MIDI note number.")), ("syllable", Text("What is sung on it."))], "start", "end", "pitch");
        var part = Object("What played a part.",
            [("part", Text("The part.")), ("soundfont", Text("The SoundFont file.")), ("bank", Integer("Bank.")), ("preset", Integer("Preset.")), ("name", Text("The preset's name."))],
            "part", "soundfont", "bank", "preset");
        return Object("Our extension: what the engine decided for a song (or heard in a recording), and its files as they stand.",
        [
            ("id", Text("The song.")), ("tempo", AnyNumber("Beats per minute.")), ("key", Text("Key and mode.")), ("time_signature", Text("As \"4/4\".")),
            ("swing", Number("How far off-beat eighths lean toward a triplet.", 0, 1)), ("machine_played", Bool("Whether the genre sits on the grid.")),
            ("genre", Text("The genre.")), ("duration", AnyNumber("Seconds.")), ("loudness_lufs", AnyNumber("Integrated loudness.")),
            ("true_peak_dbtp", AnyNumber("True peak.")), ("sections", ArrayOf(section, "The form.")),
            ("instruments", ArrayOf(Text("A General MIDI name."), "What plays.")), ("parts", ArrayOf(part, "Which SoundFont preset played each part.")),
            ("lines", ArrayOf(line, "Lyric lines with their times (empty for an instrumental).")), ("melody", ArrayOf(note, "The sung melody (empty for an instrumental).")),
            ("voice", OrNull(Object("Who sings; null for an instrumental.", [("gender", Text("m or f.")), ("transpose", AnyNumber("Semitones from the written melody."))]))),
            ("source", Exactly("upload", "For a recording: where it came from.")), ("format", Text("For a recording: its format.")),
            ("created_at", Text("For a recording: when it was uploaded (ISO 8601).")),
            ("analysis", new OpenApiSchema { Type = JsonSchemaType.Object, Description = "For a recording: what was heard (tempo, key, sections)." }),
            ("audio_url", Url("The song's audio.", nullable: true)), ("image_url", Url("Its cover.", nullable: true)), ("video_url", Url("Its video.", nullable: true)),
        ], "id", "duration");
    }
}
