using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpenProducer.Client.Core;
using OpenProducer.Client.Songs;
using Spectre.Console;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// The verbs that make a song (generate and the edits): follow the task, then print each song and what the engine
/// decided for it (<c>GET /v1/songs/{id}</c>: tempo, key, metre, genre, sections), or the raw answer under
/// <c>--json</c>; <c>--out</c> saves the first song's audio (further songs beside it, numbered).
/// </summary>
public static class SongReport
{
    /// <summary>The <c>--out FILE</c> option of the song verbs.</summary>
    public static Option<string?> OutOption() => new("--out") { HelpName = "FILE", Description = "Save the song's audio here (an m4a; further songs of the answer beside it as NAME-2.m4a…)." };

    /// <summary>Starts the request, follows it, reports the songs and saves them; the exit code.</summary>
    public static async Task<int> RunAsync(ClientSession session, string label, SongRequest request, string? output)
    {
        var operation = await session.Client.Songs.StartCreateAsync(request, session.Cancel);
        var (result, raw) = await session.FollowAsync(label, operation);
        if (session.Json) ClientSession.PrintJson(raw);
        for (int i = 0; i < result.Value.Count; i++)
        {
            var song = result.Value[i];
            if (!session.Json) await PrintAsync(session, song);
            await session.SaveAsync(song.AudioUrl, output is null ? null : Numbered(output, i));
        }
        return ClientExitCodes.Ok;
    }

    private static async Task PrintAsync(ClientSession session, SongItem song)
    {
        var t = session.Terminal;
        if (t.Live) t.Out.Write(new Rule(Markup.Escape(song.Title ?? song.Id)) { Justification = Justify.Left });
        t.Field("song", song.Id);
        t.Field("title", song.Title);
        t.Field("duration", song.Duration is double d ? $"{d.ToString("0.0", CultureInfo.InvariantCulture)} s" : null);
        t.Field("style", song.Sound);
        t.Field("model", song.Model);
        t.Field("seed", song.Seed);
        t.Field("audio", song.AudioUrl);
        SongDetails details;
        try
        {
            details = await session.Client.Songs.GetDetailsAsync(song.Id, session.Cancel);
        }
        catch (ProducerException e) when (e.Code == ProducerErrorCode.NotFound)
        {
            return;
        }
        t.Field("tempo", details.Tempo is double bpm ? $"{bpm.ToString("0.#", CultureInfo.InvariantCulture)} bpm" : null);
        t.Field("key", details.Key);
        t.Field("time signature", details.TimeSignature);
        t.Field("genre", details.Genre);
        if (details.Other?.GetValueOrDefault("sections") is { ValueKind: JsonValueKind.Array } sections) PrintSections(t, sections);
    }

    private static void PrintSections(Terminal t, JsonElement sections)
    {
        var rows = sections.EnumerateArray()
            .Select(s => (Label: Text(s, "label") ?? Text(s, "kind") ?? "", Start: Number(s, "start"), End: Number(s, "end")))
            .ToList();
        if (rows.Count == 0) return;
        if (!t.Live)
        {
            t.Field("sections", string.Join(", ", rows.Select(r => $"{r.Label} {Seconds(r.Start)}-{Seconds(r.End)} s")));
            return;
        }
        var table = new Table().AddColumn("section").AddColumn(new TableColumn("from").RightAligned()).AddColumn(new TableColumn("to").RightAligned());
        foreach (var r in rows) table.AddRow(Markup.Escape(r.Label), Seconds(r.Start) + " s", Seconds(r.End) + " s");
        t.Out.Write(table);
    }

    private static string Numbered(string path, int index) => index == 0
        ? path
        : Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-{index + 1}{Path.GetExtension(path)}");

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    private static string Seconds(double s) => s.ToString("0.#", CultureInfo.InvariantCulture);
}
