using System.Globalization;
using System.Text.Json.Nodes;
using OpenProducer.Engine;
using OpenProducer.Engine.Style;
using OpenProducer.Server.Files;
using OpenProducer.Server.Requests;

namespace OpenProducer.Server.Songs;

/// <summary>Builds the wire shapes for a song: the <c>data[]</c> item of seed 002 and the engine's details.</summary>
public static class SongItem
{
    public static JsonObject Succeeded(string id, AudioRequest r, string audioUrl, string imageUrl, double duration, DateTimeOffset createdAt) => new()
    {
        ["id"] = id,
        ["title"] = TitleMaker.For(r),
        ["image_url"] = imageUrl,
        ["lyric"] = LyricFor(r),
        ["audio_url"] = audioUrl,
        ["video_url"] = null,
        ["image_id"] = id,
        ["topic"] = null,
        ["seed"] = r.SeedText,
        ["sound"] = r.Sound,
        ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["model"] = r.Model,
        ["progress"] = "100%",
        ["state"] = "succeeded",
        ["duration"] = duration.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// What a task shows while it waits or runs: the finished item's keys, in its order, with what is not known yet
    /// (files, time, duration, and words the engine is still to write) null, so a client can read every poll as one type.
    /// </summary>
    /// <summary>
    /// A song not made yet: every key of the finished item, null until known; an asynchronous request's song also has
    /// its <c>stream_audio_url</c> (see <see cref="LiveStreams"/>).
    /// </summary>
    public static JsonObject InProgress(string id, AudioRequest r, string state, int progress, string taskId, PublicUrls urls)
    {
        var item = InProgress(id, r, state, progress);
        if (r.StreamsLive) item["stream_audio_url"] = urls.Live(taskId);
        return item;
    }

    public static JsonObject InProgress(string id, AudioRequest r, string state, int progress) => new()
    {
        ["id"] = id,
        ["title"] = TitleMaker.For(r),
        ["image_url"] = null,
        ["lyric"] = r.WriteLyrics && string.IsNullOrWhiteSpace(r.Lyric) ? null : LyricFor(r),
        ["audio_url"] = null,
        ["video_url"] = null,
        ["image_id"] = null,
        ["topic"] = null,
        ["seed"] = r.SeedText,
        ["sound"] = r.Sound,
        ["created_at"] = null,
        ["model"] = r.Model,
        ["progress"] = $"{progress}%",
        ["state"] = state,
        ["duration"] = null,
    };

    public static string LyricFor(AudioRequest r) =>
        r.Instrumental || string.IsNullOrWhiteSpace(r.Lyric) ? "[Instrumental]" : r.Lyric;

    /// <summary>What the engine decided, kept with the song for details, captions and later edits.</summary>
    public static JsonObject Details(RenderedSong song)
    {
        var c = song.Composition;
        var score = c.Score;
        static double S(double seconds) => Math.Round(seconds, 3);
        var sections = new JsonArray();
        foreach (var s in score.Sections)
            sections.Add(new JsonObject
            {
                ["label"] = s.Label,
                ["kind"] = s.Kind.ToString().ToLowerInvariant(),
                ["start"] = S(score.TimeOf(s.StartBar * score.BeatsPerBar)),
                ["end"] = S(score.TimeOf((s.StartBar + s.Bars) * score.BeatsPerBar)),
            });
        var instruments = new JsonArray();
        foreach (var name in score.Tracks.Select(t => t.IsDrums ? "Standard Drum Kit" : Instruments.GmName(t.Program)).Distinct())
            instruments.Add(name);
        var lines = new JsonArray();
        var melody = new JsonArray();
        if (c.HasLyrics)
        {
            foreach (var l in c.Lines)
                lines.Add(new JsonObject { ["text"] = l.Text, ["start"] = S(score.TimeOf(l.Start)), ["end"] = S(score.TimeOf(l.End)) });
            foreach (var m in c.Melody)
                melody.Add(new JsonObject
                {
                    ["start"] = S(score.TimeOf(m.Start)), ["end"] = S(score.TimeOf(m.Start + m.Length)), ["pitch"] = m.Pitch, ["syllable"] = m.Syllable,
                });
        }
        return new JsonObject
        {
            ["tempo"] = score.Tempo,
            ["key"] = c.KeyName,
            ["time_signature"] = $"{score.BeatsPerBar}/4",
            // How far off-beat eighths lean toward a triplet (0 straight … 1 a full triplet swing): where the players' grid is.
            ["swing"] = c.Style.Genre.Swing,
            // Genres a sequencer plays sit on the grid; the rest are played with a human feel.
            ["machine_played"] = Engine.Composition.GenreSound.MachinePlayed(c.Style.Genre),
            ["genre"] = c.Style.Genre.Name,
            ["duration"] = song.DurationSeconds,
            ["loudness_lufs"] = Math.Round(song.Master.IntegratedLufs, 2),
            ["true_peak_dbtp"] = Math.Round(song.Master.TruePeakDb, 2),
            ["sections"] = sections,
            ["instruments"] = instruments,
            // What played each part: the SoundFont file, bank and preset, and the preset's name in that file.
            ["parts"] = new JsonArray(song.Sources.Select(p => (JsonNode)new JsonObject
            {
                ["part"] = p.Part, ["soundfont"] = p.SoundFont, ["bank"] = p.Bank, ["preset"] = p.Preset, ["name"] = p.Name,
            }).ToArray()),
            ["lines"] = lines,
            ["melody"] = melody,
            // Who sings, and how far from the written melody (in semitones) the voice sings it.
            ["voice"] = c.HasLyrics
                ? new JsonObject { ["gender"] = c.Voice.GenderCode, ["transpose"] = Engine.Voice.Singer.Transpose(c.Voice.Gender) }
                : null,
        };
    }
}
