namespace OpenProducer.Engine.Style;

/// <summary>The feeling a song's words take: what the lyric writer writes about, and in which register.</summary>
public enum Feeling { Sad, Love, Night, Bright }

/// <summary>
/// The one vocabulary of mood words: what each does to tempo, energy and mode, and to the feeling of the words the
/// lyric writer writes. Some words only colour the words (a "goodbye" song, a "summer" song) and leave the music as
/// it is. Latin words match whole words, Chinese ones anywhere.
/// </summary>
public static class Moods
{
    private sealed record Mood(string[] Keywords, double TempoShift, double EnergyShift, bool? Minor, Feeling? Feeling = null);

    public static int Count => All.Length;

    private static readonly Mood[] All =
    [
        new(["sad", "melancholy", "melancholic", "heartbreak", "悲伤", "悲傷", "忧伤", "伤感", "难过", "lonely", "孤独"], -0.3, -0.2, true, Feeling.Sad),
        new(["dark", "moody", "黑暗", "ominous", "epic", "史诗"], 0, 0.1, true),
        new(["happy", "joyful", "cheerful", "upbeat", "欢快", "歡快", "快乐", "快樂", "开心", "bright", "sunny"], 0.3, 0.15, false, Feeling.Bright),
        new(["energetic", "powerful", "driving", "intense", "high-energy", "激昂", "热血", "explosive"], 0.4, 0.3, null),
        new(["calm", "gentle", "soft", "chill", "relaxing", "peaceful", "温柔", "溫柔", "安静", "轻柔", "舒缓"], -0.3, -0.25, null),
        new(["romantic", "love", "浪漫", "爱情"], -0.1, -0.05, null, Feeling.Love),
        new(["emotional", "nostalgic", "怀旧", "回忆"], -0.15, -0.05, null),
        new(["angry", "aggressive", "rage", "愤怒", "狂暴"], 0.4, 0.35, true),
        new(["mysterious", "eerie", "spooky", "神秘", "诡异"], -0.1, -0.05, true),
        new(["hopeful", "uplifting", "inspiring", "triumphant", "希望", "励志"], 0.2, 0.2, false, Feeling.Bright),
        new(["groovy", "funky", "bouncy", "律动"], 0.1, 0.15, null),
        new(["dreamy", "ethereal", "梦幻", "空灵"], -0.25, -0.2, null),
        new(["playful", "cute", "whimsical", "可爱", "俏皮"], 0.2, 0.05, false),
        // Words that set the feeling of the words only.
        new(["sadness", "melancholia", "heartbreaks", "heartbreaking", "heartbroken", "blues", "tear", "tears", "grief", "sorrow",
            "sorrows", "sorrowful", "goodbye", "farewell", "crying", "miss", "missing",
            "悲", "伤", "寂寞", "孤单", "失恋", "眼泪", "离别", "告别", "思念", "想念", "分手", "心碎"], 0, 0, null, Feeling.Sad),
        new(["loving", "romance", "wedding", "valentine", "valentines", "sweet", "sweets", "sweetheart", "sweetness", "darling",
            "crush", "爱", "甜", "心动", "恋"], 0, 0, null, Feeling.Love),
        new(["night", "nights", "nightlife", "nighttime", "nightclub", "city", "club", "neon", "midnight", "disco", "edm", "techno",
            "synthwave", "夜", "城市", "霓虹"], 0, 0, null, Feeling.Night),
        new(["summer", "joy", "joys", "joyous", "party", "fun", "energetic", "阳光", "夏天", "欢乐"], 0, 0, null, Feeling.Bright),
    ];

    public static (double TempoShift, double EnergyShift, bool? Minor) Read(string text)
    {
        double tempo = 0, energy = 0;
        bool? minor = null;
        foreach (var m in All)
        {
            if (StyleParser.FindKeyword(text, m.Keywords) < 0) continue;
            tempo += m.TempoShift;
            energy += m.EnergyShift;
            minor ??= m.Minor;
        }
        return (Math.Clamp(tempo, -0.5, 0.5), Math.Clamp(energy, -0.4, 0.4), minor);
    }

    /// <summary>
    /// The feeling the text asks for in so many words, or null when it names none. Sadness outweighs love, love the
    /// night, the night brightness: "a sad summer love song" is a sad one.
    /// </summary>
    public static Feeling? FeelingOf(string text)
    {
        string lower = text.ToLowerInvariant();
        foreach (var feeling in (Feeling[])[Feeling.Sad, Feeling.Love, Feeling.Night, Feeling.Bright])
            if (All.Any(m => m.Feeling == feeling && StyleParser.FindKeyword(lower, m.Keywords) >= 0)) return feeling;
        return null;
    }
}
