using System.Text.RegularExpressions;

namespace OpenProducer.Engine.Lyrics;

/// <summary>Where in a song a line is sung: verses tell, hooks (pre-chorus and chorus) call out, bridges turn.</summary>
internal enum Role { Verse, Hook, Bridge }

/// <summary>
/// A line with typed slots: {N} and {N2} nouns, {A} adjective, {V} verb, {P} place, {T} time. The last slot ends
/// the line and takes the rhyme word; the others are filled from the sheet's vocabulary. A template written with a
/// mood prefix ("sad: …") is only used in that mood.
/// </summary>
internal sealed partial record LineTemplate(string Text, Mood? Mood, Part End)
{
    public static LineTemplate Parse(string spec)
    {
        Mood? mood = null;
        int colon = spec.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && Enum.TryParse<Mood>(spec[..colon], ignoreCase: true, out var m)) { mood = m; spec = spec[(colon + 2)..]; }
        var last = Slot().Matches(spec)[^1];
        if (last.Index + last.Length != spec.Length) throw new ArgumentException($"A line template must end with a slot: {spec}");
        return new LineTemplate(spec, mood, PartOf(last.Groups[1].Value));
    }

    public static Part PartOf(string slot) => slot switch
    {
        "N" or "N2" => Part.Noun, "A" => Part.Adj, "V" => Part.Verb, "P" => Part.Place, _ => Part.Time,
    };

    [GeneratedRegex(@"\{(N2|N|A|V|P|T)\}")]
    public static partial Regex Slot();
}

/// <summary>The line templates, by language and role.</summary>
internal static class LyricTemplates
{
    public static IReadOnlyList<LineTemplate> For(bool chinese, Role role) => (chinese, role) switch
    {
        (false, Role.Verse) => EnglishVerse,
        (false, Role.Hook) => EnglishHook,
        (false, _) => EnglishBridge,
        (true, Role.Verse) => ChineseVerse,
        (true, Role.Hook) => ChineseHook,
        _ => ChineseBridge,
    };

    public static int Count => EnglishVerse.Length + EnglishHook.Length + EnglishBridge.Length + ChineseVerse.Length + ChineseHook.Length + ChineseBridge.Length;

    private static LineTemplate[] Parse(params string[] specs) => specs.Select(LineTemplate.Parse).ToArray();

    private static readonly LineTemplate[] EnglishVerse = Parse(
        // ending on a noun
        "I remember the {A} {N}",
        "walking slowly through the {N}",
        "we were young beneath the {N}",
        "there's a story in the {N}",
        "holding on to the {N}",
        "{A} {N2} and the {N}",
        "every road leads to the {N}",
        "light is falling on the {N}",
        "I still think about the {N}",
        "we left our names upon the {N}",
        "you were laughing at the {N}",
        "sad: I still miss the {N}",
        "sad: nothing left but the {N}",
        "sad: I keep dreaming of the {N}",
        "love: I found you in the {N}",
        "love: your hand in mine beneath the {N}",
        "night: neon shining on the {N}",
        "bright: we were laughing in the {N}",
        // ending on an adjective
        "the {N} looked so {A}",
        "everything felt {A}",
        "and the world was {A}",
        "all around us it was {A}",
        "sad: and the room felt {A}",
        "love: and your eyes were {A}",
        "bright: and the day was {A}",
        // ending on a verb
        "watching the {N} {V}",
        "I could feel the {N} {V}",
        "we were learning how to {V}",
        "I saw the {A} {N} {V}",
        "you and I would {V}",
        "sad: I watched the {N} {V}",
        "bright: nothing to do but {V}",
        "love: you taught me how to {V}",
        "night: the {N} began to {V}",
        // ending on a place
        "I was waiting {P}",
        "we were dancing {P}",
        "you were standing {P}",
        "we found the {N} {P}",
        "sad: I left my heart {P}",
        "love: I met you {P}",
        // ending on a time
        "the {N} would {V} {T}",
        "I think about the {N} {T}",
        "we said we'd meet {T}",
        "love: I'll hold you close {T}",
        "sad: I'm still waiting {T}");

    private static readonly LineTemplate[] EnglishHook = Parse(
        "hold on to the {N}",
        "take me to the {N}",
        "all I need is the {N}",
        "running through the {N}",
        "raise your hands up to the {N}",
        "oh, we're dancing in the {N}",
        "you and me and the {N}",
        "we're the {N}",
        "follow me into the {N}",
        "sad: I'm still lost in the {N}",
        "sad: I'm calling out to the {N}",
        "love: you're my {A} {N}",
        "night: lighting up the {N}",
        "bright: feel the {A} {N}",
        "tonight we feel so {A}",
        "everything is {A}",
        "we are young and {A}",
        "sad: and my heart is {A}",
        "love: with you it's always {A}",
        "bright: the world is {A}",
        "let the {N} {V}",
        "we were born to {V}",
        "come on, let's {V}",
        "here we go, we {V}",
        "just let it {V}",
        "sad: I just want to {V}",
        "love: with you I {V}",
        "bright: throw your hands up and {V}",
        "night: under neon lights we {V}",
        "we {V} {T}",
        "oh, we {V} {T}",
        "let the {N} {V} {T}",
        "hold me close {T}",
        "love: I'm yours {T}",
        "sad: I miss you {T}",
        "meet me {P}",
        "we come alive {P}",
        "take me back {P}",
        "sad: I'm still {P}",
        "love: I found you {P}");

    private static readonly LineTemplate[] EnglishBridge = Parse(
        "maybe we are just the {N}",
        "after all the {A} {N}",
        "somewhere past the {N}",
        "and if I lose the {N}",
        "sad: I let go of the {N}",
        "love: you will always be my {N}",
        "nothing stays {A}",
        "still the world is {A}",
        "and the sky turns {A}",
        "maybe we will {V}",
        "one more time we {V}",
        "and I learn to {V}",
        "sad: I try to {V}",
        "I will find you {T}",
        "we will rise {T}",
        "the {N} will {V} {T}",
        "I will wait for you {P}",
        "one day I'll come back {P}",
        "sad: I'm still waiting {P}");

    private static readonly LineTemplate[] ChineseVerse = Parse(
        "我还记得那年的{N}",
        "风吹过{A}的{N}",
        "你是我心中的{N}",
        "抬头看见满天的{N}",
        "那些{A}的{N}",
        "我们一起看过的{N}",
        "心里装满{A}的{N}",
        "梦里又见{A}的{N}",
        "时光带走了{N}",
        "{P}有{A}的{N}",
        "轻轻推开窗看{N}",
        "sad: 我一个人望着{N}",
        "sad: 再也找不回{N}",
        "love: 你是我唯一的{N}",
        "bright: 张开双手拥抱{N}",
        "night: 霓虹灯下的{N}",
        "{N}在{P}{V}",
        "看{N}慢慢地{V}",
        "我们在{T}一起{V}",
        "让{A}的{N}{V}",
        "{N}轻轻地{V}",
        "和你一起{V}",
        "sad: 心跟着{N}{V}",
        "love: 想和你一起{V}",
        "bright: 迎着风我们{V}",
        "{N}依然那么{A}",
        "这世界变得{A}",
        "我的心变得{A}",
        "{T}的风那么{A}",
        "sad: 回忆那么{A}",
        "我把思念留在{P}",
        "我们相遇在{P}",
        "{A}的{N}落在{P}",
        "love: 我想陪你在{P}",
        "{N}陪我到{T}",
        "我们约好在{T}",
        "sad: 一个人等到{T}");

    private static readonly LineTemplate[] ChineseHook = Parse(
        "我愿化作{N}",
        "这是我们的{N}",
        "带着{A}的{N}",
        "守护心中的{N}",
        "永远记得{A}的{N}",
        "love: 你就是我的{N}",
        "sad: 忘不了{A}的{N}",
        "bright: 拥抱{A}的{N}",
        "night: 点亮今夜的{N}",
        "就让{N}{V}",
        "让我们一起{V}",
        "心中的{N}永远不会{V}",
        "让{A}的{N}尽情{V}",
        "sad: 让眼泪随{N}{V}",
        "love: 牵着你的手{V}",
        "bright: 跟着我一起{V}",
        "这一刻多么{A}",
        "我们的{N}那么{A}",
        "世界因你而{A}",
        "带我去{P}",
        "和你一起在{P}",
        "把心留在{P}",
        "love: 我会等你在{P}",
        "陪我到{T}",
        "我们说好在{T}");

    private static readonly LineTemplate[] ChineseBridge = Parse(
        "穿过{A}的{N}",
        "如果还能再见{N}",
        "也许我们都是{N}",
        "sad: 我放开了{N}",
        "也许有一天{N}会{V}",
        "就算{N}已经{V}",
        "总有一天我会{V}",
        "如果{N}不再{A}",
        "愿你永远{A}",
        "我会一直等在{P}",
        "终有一天回到{P}",
        "我会等你到{T}",
        "一直等到{T}");
}
