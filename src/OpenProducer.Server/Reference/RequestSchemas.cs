using Microsoft.OpenApi;
using OpenProducer.Engine.Style;
using static OpenProducer.Server.Reference.Schemas;
using P = OpenProducer.Server.Requests.AudioRequestParser;

namespace OpenProducer.Server.Reference;

/// <summary>
/// The request bodies, from the limits the parsers check. <c>/producer/audios</c> takes two dialects: the snake_case
/// actions (<c>generate</c>, <c>extend</c>, …) and the camelCase <c>create_music</c> family with <c>sounds[]</c>.
/// Every field also takes the placeholders real clients send for "not set": null, <c>false</c>, and <c>""</c> in
/// a number or boolean field; numbers may come as numeric text and booleans as 0 or 1.
/// </summary>
internal static class RequestSchemas
{
    private const string NotSet = " Not set (null, false or \"\") means the default.";

    private static readonly string[] Genders = ["m", "f", "male", "female"];

    private static readonly string[] SnakeEdits = [.. P.Edits.Keys.Where(a => !P.IsCamel(a))];

    private static readonly string[] CamelEdits = [.. P.Edits.Keys.Where(P.IsCamel)];

    public static Dictionary<string, IOpenApiSchema> All(OpenApiDocument d) => new()
    {
        ["GenerateRequest"] = Body("A new song, snake_case dialect (inspiration mode: a prompt; custom mode: lyric and a style prompt).", ["generate"],
            [.. Snake(), ("custom", Bool("Custom mode: the lyric is sung and the prompt is a style." + NotSet, false))]),
        ["CreateMusicRequest"] = Body("A new song, camelCase dialect: sounds[] pull the style toward (or, with a negative strength, away from) each text.", ["create_music"],
            [.. Camel(Sound(-1, spans: true))], "sounds"),
        ["EditRequest"] = Body("An edit of one of the caller's songs (or an uploaded recording), snake_case dialect. Times are checked against the song.", SnakeEdits,
        [
            ("audio_id", Text("The song to edit.", 100)), .. Snake(),
            ("continue_at", Number("extend, upload_extend: where the new material starts (seconds); the song's end by default." + NotSet, 0, 3600)),
            ("replace_section_start", Number("replace_section: the span's start (seconds); required there.", 0, 3600)),
            ("replace_section_end", Number("replace_section: the span's end, at least 1 s after the start; required there.", 0, 3600)),
            ("cover_strength", Number("cover: how close the cover stays to the original." + NotSet, 0.2, 1, 1)),
        ], "audio_id"),
        ["EditMusicRequest"] = Body("An edit in the camelCase dialect; sounds[] strengths 0.2–1, no time spans.", CamelEdits,
        [
            ("audioId", Text("The song to edit.", 100)), .. Camel(Sound(0.2, spans: false)),
            ("continueAt", Number("extend_music: where the new material starts (seconds)." + NotSet, 0, 3600)),
            ("extendDuration", Number("extend_music: seconds of new material." + NotSet, 1, P.MaxExtendSeconds)),
            ("replaceStart", Number("replace_music: the span's start (seconds); required there.", 0, 3600)),
            ("replaceEnd", Number("replace_music: the span's end, at least 1 s after the start; required there.", 0, 3600)),
            ("coverStrength", Number("cover_music: how close the cover stays to the original." + NotSet, 0, 1, 0.5)),
            ("coverArtUrl", Url("cover_music: an image for the cover's art (fetched by the server).")),
        ], "audioId"),
        ["VariationRequest"] = Body("A variation of one of the caller's songs (snake_case): new words or none, same style.", ["variation"],
        [
            ("audio_id", Text("The song to vary.", 100)), .. Common(), ("lyric", Text("New words; the song's own by default.", P.MaxLyric)),
            ("instrumental", Bool("No voice." + NotSet, false)), ("custom", Bool("Custom mode." + NotSet, false)),
        ], "audio_id"),
        ["MusicVariationRequest"] = Body("A variation in the camelCase dialect.", ["music_variation"],
        [
            ("audioId", Text("The song to vary.", 100)), .. Common(), ("lyrics", Text("New words; the song's own by default.", P.MaxLyric)),
            ("makeInstrumental", Bool("No voice." + NotSet, false)), ("sounds", ArrayOf(Sound(0.2, spans: false), "Styles to pull toward.", P.MaxSounds)),
        ], "audioId"),
        ["StemsRequest"] = Body("The song's stems as a zip: vocals and instrumental (stems) or every part (all_stems).", ["stems", "all_stems"],
            [("audio_id", Text("One of the caller's songs.", 100)), .. Common()], "audio_id"),
        ["SongFileRequest"] = Object("A file of one of the caller's songs. The endpoint implies the action; a body's action is ignored.",
            [("audio_id", Text("One of the caller's songs.", 100)), .. Common()], "audio_id"),
        ["DownloadRequest"] = Object("The song's master in a format, or its score as MIDI.",
        [
            ("audio_id", Text("One of the caller's songs.", 100)), .. Common(),
            ("format", OneOf("The file's format (mid is midi)." + NotSet, [.. P.Formats, "mid"], "mp3")),
            ("bit_depth", new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [16, 24], Default = 16, Description = "WAV and FLAC: bits a sample." }),
        ], "audio_id"),
        ["LyricsRequest"] = Object("A lyric sheet for a theme (English or Chinese).",
            [("prompt", Text("The theme.", P.MaxLyricsPrompt, "A song about winter")), .. Common()], "prompt"),
        ["UploadRequest"] = Object("A recording of the caller's own, by URL (fetched by the server).",
        [
            ("audio_url", Url("The recording (mp3, m4a, wav, flac, ogg…).")), ("title", Text("Its title; the file's name by default.", 200)),
            ("async", Bool("Answer with a task_id at once." + NotSet, false)), ("callback_url", Url("Where the result is posted when done.")),
        ], "audio_url"),
        ["UploadForm"] = Object("Our extension: the recording as the file part of a multipart form.",
        [
            ("file", new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The recording." }),
            ("title", Text("Its title; the file's name by default.", 200)), ("async", Text("true to answer with a task_id at once.")),
            ("callback_url", Url("Where the result is posted when done.")),
        ], "file"),
        ["TasksRequest"] = Object("Retrieve one task (id) or several (ids). Without action, the ids given say which.",
        [
            ("action", OneOf("retrieve or retrieve_batch.", ["retrieve", "retrieve_batch"])), ("id", Text("retrieve: the task.", 100)),
            ("task_id", Text("retrieve: the task (another name for id).", 100)),
            ("ids", ArrayOf(Text("A task id."), "retrieve_batch: the tasks, in the order wanted.", 100)),
        ]),
    };

    /// <summary>The fields every song and file action reads.</summary>
    private static IEnumerable<(string, IOpenApiSchema)> Common() =>
    [
        ("model", OneOf("The model: density of the arrangement and the SoundFont it renders with. Edits and files take their song's." + NotSet,
            ModelPreset.All.Select(m => m.Model), ModelPreset.DefaultModel)),
        ("title", Text("The song's title; one is made from the words or style by default.", P.MaxTitle)),
        ("seed", new OpenApiSchema
        {
            Type = JsonSchemaType.Integer | JsonSchemaType.String, Minimum = "0", MaxLength = 100,
            Description = "Same request and seed, same song. A number, or any text (hashed). Random by default.",
        }),
        ("weirdness", Number("How far from the genre's habits the song strays." + NotSet, 0, 1, 0.5)),
        ("callback_url", Url("Answer with a task_id at once and post the result here when done (signed with the application's callback_secret).")),
        ("async", Bool("Answer with a task_id at once; poll /producer/tasks." + NotSet, false)),
    ];

    private static IEnumerable<(string, IOpenApiSchema)> Snake() =>
    [
        .. Common(),
        ("prompt", Text($"Inspiration mode: what the song is about (at most {P.MaxPrompt} characters). Custom mode: the style.", P.MaxSoundText)),
        ("lyric", Text("The words, with [Verse], [Chorus]… or 【主歌】, 【副歌】… tags; written by the engine when none are given.", P.MaxLyric)),
        ("instrumental", Bool("No voice." + NotSet, false)),
        ("sound_strength", Number("How strongly the prompt's style is followed." + NotSet, 0.2, 1, 0.5)),
        ("lyrics_strength", Number("How closely the melody follows the words." + NotSet, 0, 1, 0.5)),
        ("vocal_gender", OneOf("The singer; the prompt decides by default.", Genders)),
    ];

    private static IEnumerable<(string, IOpenApiSchema)> Camel(IOpenApiSchema sound) =>
    [
        .. Common(),
        ("lyrics", Text("The words, with section tags.", P.MaxLyric)),
        ("makeInstrumental", Bool("No voice." + NotSet, false)),
        ("lyricsStrength", Number("How closely the melody follows the words." + NotSet, 0, 1, 0.5)),
        ("vocalGender", OneOf("The singer; the prompt decides by default.", Genders)),
        ("sounds", ArrayOf(sound, "Styles. create_music needs a sound with text, or lyrics.", P.MaxSounds)),
    ];

    private static OpenApiSchema Sound(double minStrength, bool spans)
    {
        var fields = new List<(string, IOpenApiSchema)>
        {
            ("text", Text("A style, in English or Chinese.", P.MaxSoundText, "lofi hip hop, mellow piano")),
            ("strength", Number(minStrength < 0 ? "Pull toward (positive) or away from (negative) the style." : "How strongly the style is followed.", minStrength, 1, 0.5)),
        };
        if (spans)
        {
            fields.Add(("timeStart", Number("The span this sound applies to: its start (seconds).", 0, 3600)));
            fields.Add(("timeEnd", Number("The span's end, after timeStart.", 0, 3600)));
        }
        return Object("A sound prompt.", fields);
    }

    private static OpenApiSchema Body(string description, string[] actions, IEnumerable<(string, IOpenApiSchema)> fields, params string[] required) =>
        Object(description, [("action", OneOf("The action.", actions)), .. fields], ["action", .. required]);
}
