using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpenProducer.Engine.Analysis;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Server.Uploads;

/// <summary>What listening to an upload found, in the three forms the service keeps: the recipe's recording, the details, the description.</summary>
public sealed record HeardRecording(SongRecipe Recipe, JsonObject Analysis, string Lyric);

/// <summary>
/// Listens to an uploaded recording with the engine's analysis and turns what it hears into the recording the
/// engine edits (its grid, key, form, tune, chords, loudness and singer), the analysis shown in the song's details,
/// and the bracketed description the upload answers with.
/// </summary>
public static class RecordingListener
{
    /// <summary>The style new material on a recording takes when a request names none.</summary>
    public const string DefaultStyle = "pop";

    public static async Task<HeardRecording> ListenAsync(string path, string file, double seconds, int sampleRate, CancellationToken ct)
    {
        var audio = await Ffmpeg.DecodeAsync(path, sampleRate, (int)Math.Ceiling((seconds + 1) * sampleRate), ct);
        return await CallerScheduler.Run(() => Hear(audio, file, ct), ct);
    }

    private static HeardRecording Hear(AudioBuffer audio, string file, CancellationToken ct)
    {
        var a = RecordingAnalyzer.Analyze(audio, ct);
        double truePeak = Loudness.TruePeakDb(audio);
        bool sung = a.VoiceSpans.Sum(v => v.End - v.Start) >= Math.Min(10, 0.1 * a.DurationSeconds);
        var recording = new Recording(file, audio.Seconds, a.Tempo, a.BeatsPerBar, a.Downbeats, a.Key.Tonic, a.Key.Minor, a.IntegratedLufs, truePeak)
        {
            Sections = a.Sections.Select(s => new RecordedSection(s.Start, s.End, s.Label, s.Kind)).ToList(),
            Singer = sung ? Recording.SingerOf(a.Melody.Select(n => n.Pitch).ToList()) : null,
            Melody = sung ? a.Melody.Select(n => new RecordedNote(n.Start, n.End, n.Pitch)).ToList() : [],
            Chords = a.Chords.Select(c => new RecordedChord(c.Start, c.Name == "N" ? -1 : c.Root, c.Minor)).ToList(),
        };
        var recipe = new SongRecipe(new CompositionRequest { Prompt = DefaultStyle }, null) { Recording = recording };
        return new HeardRecording(recipe, Details(a, truePeak, sung), Describe(a, recording.Singer, sung));
    }

    private static double S(double seconds) => Math.Round(seconds, 3);

    /// <summary>The analysis as the song's details show it.</summary>
    private static JsonObject Details(RecordingAnalysis a, double truePeak, bool sung) => new()
    {
        ["tempo"] = a.Tempo,
        ["time_signature"] = $"{a.BeatsPerBar}/4",
        ["key"] = a.Key.Name,
        ["vocals"] = sung,
        ["loudness_lufs"] = Math.Round(a.IntegratedLufs, 2),
        ["true_peak_db"] = Math.Round(truePeak, 2),
        ["beats"] = new JsonArray(a.Beats.Select(b => (JsonNode)S(b)).ToArray()),
        ["downbeats"] = new JsonArray(a.Downbeats.Select(b => (JsonNode)S(b)).ToArray()),
        ["chords"] = new JsonArray(a.Chords.Select(c => (JsonNode)new JsonObject { ["bar"] = c.Bar, ["start"] = S(c.Start), ["chord"] = c.Name }).ToArray()),
        ["sections"] = new JsonArray(a.Sections.Select(s => (JsonNode)new JsonObject
        {
            ["label"] = s.Label, ["kind"] = s.Kind.ToString().ToLowerInvariant(), ["start"] = S(s.Start), ["end"] = S(s.End),
        }).ToArray()),
        ["voice"] = new JsonArray(a.VoiceSpans.Select(v => (JsonNode)new JsonObject { ["start"] = S(v.Start), ["end"] = S(v.End) }).ToArray()),
        ["melody"] = new JsonArray(a.Melody.Select(n => (JsonNode)new JsonObject { ["start"] = S(n.Start), ["end"] = S(n.End), ["pitch"] = n.Pitch }).ToArray()),
    };

    /// <summary>
    /// The recording described as the published guide's upload answer describes one: its character in brackets,
    /// then its form, a tag per section (no words: none are recognised).
    /// </summary>
    private static string Describe(RecordingAnalysis a, string? singer, bool sung)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"[{a.Tempo:0} BPM, {a.Key.Name}, {a.BeatsPerBar}/4]\n");
        sb.Append(!sung ? "[Instrumental]" : singer == "f" ? "[Female vocals]" : singer == "m" ? "[Male vocals]" : "[Vocals]");
        var counts = new Dictionary<SectionKind, int>();
        var repeated = a.Sections.GroupBy(s => s.Kind).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var s in a.Sections)
        {
            int n = counts[s.Kind] = counts.GetValueOrDefault(s.Kind) + 1;
            string name = s.Kind == SectionKind.PreChorus ? "Pre-Chorus" : s.Kind.ToString();
            sb.Append("\n\n[").Append(name);
            if (repeated.Contains(s.Kind) && s.Kind is SectionKind.Verse) sb.Append(' ').Append(n);
            sb.Append(']');
        }
        return sb.ToString();
    }
}
