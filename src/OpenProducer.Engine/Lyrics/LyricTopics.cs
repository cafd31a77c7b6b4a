namespace OpenProducer.Engine.Lyrics;

/// <summary>The feeling a sheet is written in: it picks adjectives and which line templates may be used.</summary>
internal enum Mood { Neutral, Bright, Sad, Love, Night }

/// <summary>
/// Words for a topic in one language, by the slot they fill: nouns (used after "the"), adjectives, verbs (bare,
/// used intransitively: "we glow", "let the snow fall"), places (whole phrases: "by the fire") and times
/// ("in December"). Written as comma-separated lists.
/// </summary>
internal sealed record Vocab(string[] Nouns, string[] Adjs, string[] Verbs, string[] Places, string[] Times)
{
    public Vocab(string nouns, string adjs, string verbs, string places, string times)
        : this(Split(nouns), Split(adjs), Split(verbs), Split(places), Split(times)) { }

    public string[] Of(Part part) => part switch
    {
        Part.Noun => Nouns, Part.Adj => Adjs, Part.Verb => Verbs, Part.Place => Places, _ => Times,
    };

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A theme a prompt can ask for: the words that trigger it (English whole words, plural allowed; Chinese
/// substrings), the mood it leans to, and its vocabulary in both languages.
/// </summary>
internal sealed record Topic(string Name, Mood Mood, string[] Keys, string[] ChineseKeys, Vocab English, Vocab Chinese);

/// <summary>The lyric writer's topic lexicon and its mood words.</summary>
internal static partial class LyricTopics
{
    private static Topic T(string name, Mood mood, string keys, string chineseKeys, Vocab english, Vocab chinese) =>
        new(name, mood, keys.Split(',', StringSplitOptions.TrimEntries), chineseKeys.Split(',', StringSplitOptions.TrimEntries), english, chinese);

    /// <summary>Every topic, in the order prompts are matched against them (earlier wins a tie).</summary>
    public static readonly Topic[] All = [.. Seasons(), .. Life()];

    /// <summary>The topic a mood falls back to when the prompt names no topic.</summary>
    public static Topic ForMood(Mood mood) => All.First(t => t.Name == mood switch
    {
        Mood.Sad => "loneliness",
        Mood.Love => "love",
        Mood.Night => "night",
        _ => "hope",
    });

    /// <summary>Adjectives that colour a sheet in each mood (English).</summary>
    public static string[] MoodAdjectives(Mood mood) => mood switch
    {
        Mood.Bright => ["golden", "shining", "electric", "happy", "glowing", "sunny"],
        Mood.Sad => ["lonely", "empty", "broken", "fading", "silent", "distant", "hollow", "heavy"],
        Mood.Love => ["tender", "gentle", "sweet", "precious", "warm", "velvet"],
        Mood.Night => ["neon", "restless", "silver", "electric", "shadowed", "midnight"],
        _ => ["quiet", "open", "endless", "simple", "gentle"],
    };

    /// <summary>Adjectives that colour a sheet in each mood (Chinese).</summary>
    public static string[] MoodAdjectivesChinese(Mood mood) => mood switch
    {
        Mood.Bright => ["灿烂", "明亮", "闪亮", "快乐", "耀眼", "热烈"],
        Mood.Sad => ["孤单", "寂寞", "冰冷", "破碎", "沉默", "遥远", "苍白", "模糊"],
        Mood.Love => ["温柔", "甜蜜", "温暖", "心动", "美好"],
        Mood.Night => ["迷离", "闪烁", "深沉", "朦胧", "喧嚣"],
        _ => ["安静", "温暖", "简单", "美好"],
    };
}
