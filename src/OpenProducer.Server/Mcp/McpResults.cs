using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Mcp;

/// <summary>
/// A tool's answer: structured content for programs, and the same facts as a text block for a reader. A refused
/// request or a failed task is a tool error carrying the spec's code and message.
/// </summary>
public static class McpResults
{
    /// <summary>The details of a song an answer shows beside its files.</summary>
    private static readonly string[] DetailFields = ["tempo", "key", "time_signature", "genre"];

    public static CallToolResult Error(ProducerError e, string traceId) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = $"{e.Code}: {e.Message}" }],
        StructuredContent = Element(Json.ErrorBody(e, traceId)),
    };

    /// <summary>The ids of the songs a task record's answer holds (a song task's <c>data[]</c>).</summary>
    public static IEnumerable<string> SongIds(JsonObject record) =>
        Songs(record).Select(s => s["id"]?.GetValue<string>()).OfType<string>();

    /// <summary>
    /// A task: its id, type, state, progress and charge, then its songs (files and details), or its other data (file
    /// links, lyrics) as the endpoint answers them, or its error.
    /// </summary>
    public static CallToolResult Task(TaskRow row, JsonObject record, IReadOnlyDictionary<string, JsonObject> details)
    {
        var response = record["response"] as JsonObject;
        var result = new JsonObject
        {
            ["task_id"] = row.Id, ["type"] = row.Type, ["state"] = row.State, ["progress"] = row.Finished ? 100 : row.Progress,
            ["credits"] = row.Charged, ["refunded"] = row.Refunded, ["elapsed"] = record["elapsed"]?.DeepClone(),
        };
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Task {row.Id} ({row.Type}) {row.State}{(row.Finished ? "" : $" ({row.Progress}%)")} after {record["elapsed"]} s; {row.Charged} credits charged{(row.Refunded ? ", refunded" : "")}.\n");
        var songs = Songs(record).ToList();
        if (songs.Count > 0)
        {
            var list = new JsonArray();
            foreach (var item in songs)
            {
                var song = Song(item, item["id"]?.GetValue<string>() is { } id ? details.GetValueOrDefault(id) : null);
                list.Add(song);
                Describe(text, song);
            }
            result["songs"] = list;
        }
        else if (response?["data"] is { } data)
        {
            result["data"] = data.DeepClone();
            foreach (var item in data is JsonArray items ? items.OfType<JsonObject>() : data is JsonObject one ? [one] : [])
                foreach (var (name, value) in item)
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && (name.EndsWith("_url", StringComparison.Ordinal) || name is "title" or "text"))
                        text.Append(name == "text" ? $"\n{v}\n" : $"{name}: {v}\n");
        }
        bool failed = row.State == TaskStates.Failed;
        if (response?["error"] is JsonObject error)
        {
            result["error"] = error.DeepClone();
            text.Append(CultureInfo.InvariantCulture, $"{error["code"]}: {error["message"]}\n");
        }
        return new CallToolResult { IsError = failed, Content = [new TextContentBlock { Text = text.ToString().TrimEnd() }], StructuredContent = Element(result) };
    }

    private static IEnumerable<JsonObject> Songs(JsonObject record) =>
        record["response"]?["data"] is JsonArray data ? data.OfType<JsonObject>().Where(i => i.ContainsKey("audio_url") && i.ContainsKey("id")) : [];

    /// <summary>A song's item as the API answers it (duration as a number), with the engine's details when it is made.</summary>
    private static JsonObject Song(JsonObject item, JsonObject? details)
    {
        var song = item.DeepClone().AsObject();
        song["audio_id"] = item["id"]?.DeepClone();
        if (item["duration"] is not null) song["duration"] = Json.Seconds(item["duration"]);
        if (details is null) return song;
        foreach (var field in DetailFields) song[field] = details[field]?.DeepClone();
        song["sections"] = details["sections"]?.DeepClone();
        return song;
    }

    private static void Describe(StringBuilder text, JsonObject song)
    {
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"\nSong \"{song["title"]}\" (audio_id {song["audio_id"]}), {song["state"]}");
        if (song["duration"] is JsonValue d && d.GetValue<double>() > 0) text.Append(c, $", {d.GetValue<double>():0.#} s");
        if (song["tempo"] is not null) text.Append(c, $", {song["tempo"]} BPM, {song["key"]}, {song["time_signature"]}, {song["genre"]}");
        text.Append('\n');
        foreach (var field in new[] { "audio_url", "stream_audio_url", "image_url", "video_url" })
            if (song[field] is JsonValue url) text.Append(c, $"{field}: {url}\n");
        if (song["sections"] is JsonArray sections && sections.Count > 0)
            text.Append(c, $"sections: {string.Join(", ", sections.Select(s => $"{s!["label"]} {s["start"]}-{s["end"]} s"))}\n");
        if (song["lyric"] is JsonValue lyric) text.Append(c, $"lyric:\n{lyric}\n");
    }

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node, Json.Options);
}
