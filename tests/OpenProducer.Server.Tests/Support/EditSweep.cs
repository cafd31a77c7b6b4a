using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenProducer.Tests.Support;

/// <summary>
/// Edits of songs a sweep made, one each, as users would ask for them: every editing action of both dialects in
/// turn, at points and spans drawn from the song's length, with new lyrics of one to six lines, new styles from the
/// sweep's genres, and seeds of their own. Case <c>i</c> is a pure function of the song, its length and the base seed.
/// </summary>
public static class EditSweep
{
    private static readonly string[] Lines =
    [
        "Under the streetlight I wait for you", "The river keeps running to the sea", "Hold on tight we are almost home",
        "Every star is a promise we made", "Dancing alone in the kitchen light", "月光洒在窗前", "我们一起走过春天",
        "Nobody knows where the summer goes", "Take my hand and we will fly", "Rain on the roof and a song in my head",
    ];

    private static readonly string[] Styles =
    [
        "dark rock with distorted guitar", "smooth jazz with saxophone", "lofi hip hop", "orchestral strings", "reggae",
        "country with fiddle", "synthwave", "acoustic folk", "funk with slap bass", "bossa nova",
    ];

    private static readonly string[] Kinds = [.. EditActions.Snake, "variation", .. EditActions.Camel, "music_variation"];

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SweepCase Case(int index, string audioId, double seconds, ulong seedBase)
    {
        var rng = new Random(unchecked((int)(seedBase * 7919 + (ulong)index)));
        string kind = Kinds[index % Kinds.Length];
        bool camel = kind.Contains("music");
        string id = camel ? "audioId" : "audio_id";
        string Lyric() => "[Verse]\n" + string.Join("\n", Enumerable.Range(0, rng.Next(1, 7)).Select(_ => Lines[rng.Next(Lines.Length)]));
        double At(double from, double to) => Math.Round(seconds * (from + rng.NextDouble() * (to - from)), 1);
        var body = new Dictionary<string, object> { ["action"] = kind, [id] = audioId, ["seed"] = (long)(seedBase % 1_000_000) + index };
        switch (kind)
        {
            case "extend": body["continue_at"] = At(0.3, 1.0); if (rng.Next(2) == 0) body["lyric"] = Lyric(); break;
            case "extend_music": body["continueAt"] = At(0.3, 1.0); body["extendDuration"] = rng.Next(10, 90); break;
            case "replace_section" or "replace_music":
            {
                // The length measured on the file may run a frame past the song's own (the encoder's padding): the
                // span ends a tenth of a second inside it, as the API asks.
                double start = At(0.05, 0.7), end = Math.Min(Math.Floor(10 * seconds) / 10 - 0.1, Math.Round(start + 2 + rng.NextDouble() * 25, 1));
                body[camel ? "replaceStart" : "replace_section_start"] = start;
                body[camel ? "replaceEnd" : "replace_section_end"] = end;
                if (rng.Next(2) == 0) body[camel ? "lyrics" : "lyric"] = Lyric();
                break;
            }
            case "cover": body["prompt"] = Styles[rng.Next(Styles.Length)]; body["cover_strength"] = Math.Round(0.2 + 0.8 * rng.NextDouble(), 2); break;   // the API's range
            case "cover_music": body["sounds"] = new[] { new { text = Styles[rng.Next(Styles.Length)], strength = 0.8 } }; break;
            case "swap_vocals": body["lyric"] = Lyric(); body["vocal_gender"] = rng.Next(2) == 0 ? "f" : "m"; break;
            case "swap_music_vocals": body["lyrics"] = Lyric(); break;
            case "swap_instrumentals": body["prompt"] = Styles[rng.Next(Styles.Length)]; break;
            case "swap_music_sound": body["sounds"] = new[] { new { text = Styles[rng.Next(Styles.Length)], strength = 0.9 } }; break;
        }
        string json = JsonSerializer.Serialize(body, Options);
        return new SweepCase(index, $"#{index} {kind}", json, Sung: true);
    }
}
