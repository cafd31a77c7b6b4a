using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenProducer.Tests.Support;

/// <summary>One request of the sweep: a short label for reports and the JSON body for <c>POST /producer/audios</c>.</summary>
public sealed record SweepCase(int Index, string Label, string Json, bool Sung);

/// <summary>
/// Requests as users write them, spread over the space the engine must cover: 48 genre words (including ones the
/// style table does not know), moods, instruments, English and Chinese prompts, tempo, key, meter and length
/// phrases, every model, sung and instrumental, custom lyric sheets of many shapes, the create_music dialect with
/// positive, negative and time-ranged sounds, and weirdness at both ends. Case <c>i</c> is a pure function of
/// <c>i</c> and the base seed, and every case has a seed of its own.
/// </summary>
public static class PromptSweep
{
    private static readonly string[] GenresEn =
    [
        "pop", "rock", "heavy metal", "jazz", "blues", "bossa nova", "house", "techno", "hip hop", "trap", "lofi", "r&b",
        "soul", "funk", "disco", "reggae", "country", "bluegrass", "folk", "acoustic", "ballad", "classical", "orchestral",
        "ambient", "waltz", "christmas", "gospel", "salsa", "reggaeton", "tango", "flamenco", "afrobeat", "drum and bass",
        "dubstep", "synthwave", "indie rock", "punk", "lullaby", "march", "new age", "chiptune", "k-pop", "grunge",
        "celtic", "bollywood", "shoegaze", "swing", "motown",
    ];

    private static readonly string[] GenresZh =
    [
        "流行", "摇滚", "爵士", "民谣", "电子舞曲", "说唱", "古风", "中国风", "抒情", "古典", "乡村", "蓝调", "雷鬼", "放克",
        "华尔兹", "圣诞", "摇篮曲", "朋克", "氛围音乐", "国风",
    ];

    private static readonly string[] MoodsEn =
    [
        "happy", "sad", "dark", "uplifting", "chill", "energetic", "melancholic", "romantic", "angry", "dreamy",
        "nostalgic", "epic", "peaceful", "playful", "mysterious", "hopeful", "relaxing", "aggressive", "warm", "lonely",
    ];

    private static readonly string[] MoodsZh = ["欢快的", "悲伤的", "安静的", "浪漫的", "热血的", "温柔的", "怀旧的", "梦幻的"];

    private static readonly string[] InstrumentsEn =
    [
        "piano", "acoustic guitar", "electric guitar", "distorted guitar", "nylon guitar", "violin", "cello", "saxophone",
        "trumpet", "flute", "harmonica", "accordion", "banjo", "synths", "strings", "organ", "rhodes", "slap bass",
        "808", "harp", "marimba", "music box", "choir", "brass", "ukulele", "sitar",
    ];

    private static readonly string[] InstrumentsZh = ["钢琴", "吉他", "古筝", "二胡", "笛子", "琵琶", "小提琴", "萨克斯", "鼓", "弦乐"];

    private static readonly string[] Topics =
    [
        "about a summer road trip", "for a rainy Sunday", "about first love", "for studying late at night",
        "about leaving home", "for a wedding", "about the ocean", "for a birthday party", "about city lights",
        "for a workout", "about my dog", "about winter", "", "", "",
    ];

    private static readonly string[] TopicsZh = ["关于夏天的回忆", "写给远方的朋友", "关于月亮", "关于故乡", "关于毕业", "", ""];

    private static readonly string[] Numbers =
    [
        "92 bpm", "140 bpm", "in D minor", "in A major", "in 3/4", "6/8 time", "2 minutes", "90 seconds", "45 seconds",
        "3 minutes", "70 bpm", "in F# minor", "waltz time", "1 minute", "in Bb major", "120 bpm",
    ];

    private static readonly string[] NumbersZh = ["90拍", "2分钟", "1分钟", "D小调", "C大调", "3/4拍"];

    public static readonly string[] Models =
        ["FUZZ-2.0 Pro", "FUZZ-2.0", "FUZZ-2.0 Raw", "FUZZ-1.1 Pro", "FUZZ-1.1", "FUZZ-1.0 Pro", "FUZZ-1.0", "FUZZ-0.8"];

    private static readonly string[] EnglishLines =
    [
        "Walking down the empty street tonight", "Every light is shining just for you", "I can feel the morning coming slow",
        "Hold me close until the fire is gone", "We were young and we were never scared", "Count the stars above the quiet town",
        "Say my name like you did before", "Running through the rain without a care", "All the roads are leading back to you",
        "Sing it loud and let the whole world know", "Turn the music up and close your eyes", "Nothing lasts but this will stay with me",
    ];

    private static readonly string[] ChineseLines =
    [
        "窗外的雨轻轻落下", "我们走过那条小路", "月光洒在你的肩上", "风吹散了旧的回忆", "心里装满小小希望",
        "今夜的星星格外明亮", "你的笑容像是阳光", "带我回到那个夏天",
    ];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The first <paramref name="count"/> cases; <paramref name="shortSongs"/> asks most of them for under a minute (for the test command).</summary>
    public static IEnumerable<SweepCase> Cases(int count, ulong seedBase, bool shortSongs = false)
    {
        for (int i = 0; i < count; i++) yield return Case(i, seedBase, shortSongs);
    }

    public static SweepCase Case(int i, ulong seedBase, bool shortSongs = false)
    {
        var rng = new Random(unchecked((int)(seedBase * 7919 + (ulong)i * 104729)));
        T Pick<T>(IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];
        string seed = (seedBase + (ulong)i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string model = Models[i % Models.Length];
        // Kinds rotate so every slice of the sweep has each of them; genres walk the table so 48 cases cover it.
        int kind = i % 8;
        bool chinese = kind is 1 or 5 || (kind == 6 && i % 3 == 0);
        string genre = chinese ? GenresZh[i / 8 % GenresZh.Length] : GenresEn[i * 7 % GenresEn.Length];
        string length = shortSongs && rng.NextDouble() < 0.8 ? (chinese ? Pick(["40秒", "50秒", "1分钟"]) : Pick(["40 seconds", "50 seconds", "1 minute"])) : "";
        string Prompt()
        {
            if (chinese)
            {
                var partsZh = new List<string> { Pick(MoodsZh) + genre };
                if (rng.NextDouble() < 0.6) partsZh.Add(Pick(InstrumentsZh));
                if (rng.NextDouble() < 0.5) partsZh.Add(Pick(TopicsZh));
                if (rng.NextDouble() < 0.4) partsZh.Add(Pick(NumbersZh.Where(n => length.Length == 0 || !n.Contains('分')).ToList()));
                if (length.Length > 0) partsZh.Add(length);
                return string.Join("，", partsZh.Where(p => p.Length > 0));
            }
            var parts = new List<string>();
            string head = rng.NextDouble() < 0.7 ? $"{Pick(MoodsEn)} {genre}" : genre;
            head += Pick([" song", " track", " tune", "", " instrumental", " anthem"]);
            if (rng.NextDouble() < 0.6) head += $" with {Pick(InstrumentsEn)}" + (rng.NextDouble() < 0.3 ? $" and {Pick(InstrumentsEn)}" : "");
            parts.Add(head);
            string topic = Pick(Topics);
            if (topic.Length > 0) parts.Add(topic);
            if (rng.NextDouble() < 0.5) parts.Add(Pick(Numbers.Where(n => length.Length == 0 || !(n.Contains("minute") || n.Contains("second"))).ToList()));
            if (length.Length > 0) parts.Add(length);
            return string.Join(", ", parts);
        }
        string Sheet()
        {
            // One line, untagged lines, Chinese tags, a very long sheet, or an ordinary tagged song.
            int shape = rng.Next(5);
            var lines = chinese ? ChineseLines : EnglishLines;
            string L() => Pick(lines);
            return shape switch
            {
                0 => L(),
                1 => string.Join("\n", Enumerable.Range(0, 4 + rng.Next(5)).Select(_ => L())),
                2 => $"【主歌】\n{Pick(ChineseLines)}\n{Pick(ChineseLines)}\n\n【副歌】\n{Pick(ChineseLines)}\n{Pick(ChineseLines)}",
                3 => string.Join("\n\n", Enumerable.Range(0, shortSongs ? 4 : 10).Select(k =>
                    $"[{(k % 2 == 0 ? "Verse" : "Chorus")}]\n{L()}\n{L()}\n{L()}\n{L()}")),
                _ => $"[Verse]\n{L()}\n{L()}\n[Chorus]\n{L()}\n{L()}\n[Bridge]\n{L()}\n[Outro]\n{L()}",
            };
        }
        JsonObject body;
        string label;
        switch (kind)
        {
            case 0 or 1: // inspiration mode, sung, English and Chinese
                body = new JsonObject { ["action"] = "generate", ["prompt"] = Prompt() };
                label = "inspiration";
                break;
            case 2: // instrumental
                body = new JsonObject { ["action"] = "generate", ["prompt"] = Prompt(), ["instrumental"] = true };
                label = "instrumental";
                break;
            case 3 or 5: // custom lyrics
                body = new JsonObject { ["action"] = "generate", ["custom"] = true, ["prompt"] = Prompt(), ["lyric"] = Sheet(), ["title"] = $"Sweep {i}" };
                if (rng.NextDouble() < 0.5) body["vocal_gender"] = Pick(["m", "f"]);
                label = "custom";
                break;
            case 4 or 6: // create_music with sounds[]
            {
                var sounds = new JsonArray { new JsonObject { ["text"] = Prompt(), ["strength"] = Math.Round(0.3 + rng.NextDouble() * 0.7, 2) } };
                if (rng.NextDouble() < 0.6) sounds.Add(new JsonObject { ["text"] = Pick(["drums", "piano", "guitar", "bass", "strings", "jazz", "rock"]), ["strength"] = -Math.Round(0.2 + rng.NextDouble() * 0.8, 2) });
                if (rng.NextDouble() < 0.5) sounds.Add(new JsonObject { ["text"] = Pick(InstrumentsEn), ["strength"] = Math.Round(0.5 + rng.NextDouble() * 0.5, 2), ["timeStart"] = 5, ["timeEnd"] = 25 });
                body = new JsonObject { ["action"] = "create_music", ["sounds"] = sounds };
                if (rng.NextDouble() < 0.4) body["lyrics"] = Sheet();
                if (rng.NextDouble() < 0.3) body["makeInstrumental"] = true;
                label = "create_music";
                break;
            }
            default: // weirdness at the ends
                body = new JsonObject { ["action"] = "generate", ["prompt"] = Prompt(), ["weirdness"] = i % 16 == 7 ? 0 : 1 };
                if (rng.NextDouble() < 0.3) body["instrumental"] = true;
                label = "weirdness";
                break;
        }
        body["model"] = model;
        body["seed"] = seed;
        bool sung = body["instrumental"] is null && body["makeInstrumental"] is null;
        string text = body["prompt"]?.GetValue<string>() ?? body["sounds"]![0]!["text"]!.GetValue<string>();
        // Sent as clients send it: UTF-8 text, not \u escapes.
        return new SweepCase(i, $"#{i} {label} [{model}] {text}", body.ToJsonString(Relaxed), sung);
    }
}
