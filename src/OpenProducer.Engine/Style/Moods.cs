namespace OpenProducer.Engine.Style;

/// <summary>Mood words and what they do to tempo, energy and mode.</summary>
public static class Moods
{
    private sealed record Mood(string[] Keywords, double TempoShift, double EnergyShift, bool? Minor);

    public static int Count => All.Length;

    private static readonly Mood[] All =
    [
        new(["sad", "melancholy", "melancholic", "heartbreak", "悲伤", "悲傷", "忧伤", "伤感", "难过", "lonely", "孤独"], -0.3, -0.2, true),
        new(["dark", "moody", "黑暗", "ominous", "epic", "史诗"], 0, 0.1, true),
        new(["happy", "joyful", "cheerful", "upbeat", "欢快", "歡快", "快乐", "快樂", "开心", "bright", "sunny"], 0.3, 0.15, false),
        new(["energetic", "powerful", "driving", "intense", "high-energy", "激昂", "热血", "explosive"], 0.4, 0.3, null),
        new(["calm", "gentle", "soft", "chill", "relaxing", "peaceful", "温柔", "溫柔", "安静", "轻柔", "舒缓"], -0.3, -0.25, null),
        new(["romantic", "love", "浪漫", "爱情"], -0.1, -0.05, null),
        new(["emotional", "nostalgic", "怀旧", "回忆"], -0.15, -0.05, null),
        new(["angry", "aggressive", "rage", "愤怒", "狂暴"], 0.4, 0.35, true),
        new(["mysterious", "eerie", "spooky", "神秘", "诡异"], -0.1, -0.05, true),
        new(["hopeful", "uplifting", "inspiring", "triumphant", "希望", "励志"], 0.2, 0.2, false),
        new(["groovy", "funky", "bouncy", "律动"], 0.1, 0.15, null),
        new(["dreamy", "ethereal", "梦幻", "空灵"], -0.25, -0.2, null),
        new(["playful", "cute", "whimsical", "可爱", "俏皮"], 0.2, 0.05, false),
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
}
