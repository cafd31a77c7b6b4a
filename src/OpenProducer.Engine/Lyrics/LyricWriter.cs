using System.Text;
using System.Text.RegularExpressions;

namespace OpenProducer.Engine.Lyrics;

/// <summary>
/// The built-in lyric writer for songs asked for by prompt alone: rhyming couplets chosen by the prompt's
/// mood and language (Chinese when the prompt is written in Chinese), one chorus sung the same each time.
/// It is small on purpose: lines from hand-written rhyme sets, picked and ordered by the seed.
/// </summary>
public static partial class LyricWriter
{
    /// <summary>A mood's rhyme sets: each set's lines end on the same rhyme.</summary>
    private sealed record Theme(string Name, string[][] English, string[][] Chinese);

    private static readonly Theme[] Themes =
    [
        new("bright",
            [
                ["Morning sun is on my face", "Every worry leaves no trace", "We are running at our pace", "Laughing all around the place", "Nothing here we can't embrace"],
                ["Turn it up and let it play", "We were born to seize the day", "All the clouds have rolled away", "Nothing stands within our way", "Sing it loud and let us stay"],
                ["Hands up high into the sky", "Feel the summer passing by", "We can learn to fly so high", "Never stop to wonder why", "Wave the heavy days goodbye"],
                ["Open every door we know", "Let the music start to flow", "Feel the golden city glow", "Stealing time and moving slow", "Take my hand and let us go"],
            ],
            [
                ["阳光洒在我的脸庞", "我们一起大声歌唱", "风吹过那金色麦浪", "心里装满小小希望", "奔跑在那宽阔路上"],
                ["今天的天空特别蓝", "快乐其实很简单", "和你走过每个夏天", "笑声飘到白云边", "梦想就在我们眼前"],
                ["跟着节奏一起摇摆", "所有烦恼抛到天外", "青春就要放声喝彩", "美好时光已经到来", "打开窗让阳光进来"],
            ]),
        new("sad",
            [
                ["Empty rooms and fading light", "Every shadow holds me tight", "I still wake up in the night", "Nothing here is feeling right", "Counting stars till they burn white"],
                ["Rain keeps falling on the glass", "Watching all the seasons pass", "Words I never said at last", "Memories that will not last", "Holding on to what is past"],
                ["Letters that I never sent", "Wondering where the summer went", "All the time that we have spent", "Every promise slowly bent", "Still I miss you and lament"],
                ["Walking home along the shore", "You don't love me anymore", "Silence right behind the door", "Tears are falling to the floor", "I still want you like before"],
            ],
            [
                ["窗外的雨下个不停", "思念落满我的心", "你的背影越来越轻", "留下我一个人伤心", "再也听不到你声音"],
                ["夜深了街灯还在亮", "我一个人走在路上", "回忆像风吹过心房", "眼泪落在旧的地方", "是否你也把我遗忘"],
                ["那年夏天我们分手", "你没有回头就走", "我还留着你的温柔", "时间慢慢带走所有", "只剩下我独自守候"],
            ]),
        new("love",
            [
                ["Every time you call my name", "Nothing ever feels the same", "You are like a gentle flame", "Love is not a simple game", "Take my heart and stake your claim"],
                ["Hold me close and hold me near", "Every word I want to hear", "All the skies are crystal clear", "Nothing left for us to fear", "Stay with me another year"],
                ["You and me beneath the moon", "Dancing to a silver tune", "Summer nights will end too soon", "Kiss me softly in the dune", "Love me in the afternoon"],
                ["In your arms I found my home", "I will never walk alone", "You are all I've ever known", "Every seed of love we've sown", "Give my heart to you to own"],
            ],
            [
                ["遇见你是最美的意外", "你的笑容让我期待", "牵着手走过山和海", "这份心情不会更改", "我的心只为你而在"],
                ["月光洒满你的眼睛", "听见你的温柔声音", "全世界都变得安静", "你是我唯一的风景", "我愿守护这份真心"],
                ["想和你看每个日落", "听你说着你的快乐", "我们一起唱一首歌", "爱在心里慢慢发热", "有你就是我的选择"],
            ]),
        new("night",
            [
                ["City lights are burning bright", "We are dancing through the night", "Every neon sign in sight", "Hold the moment, hold it tight", "Till the morning comes in white"],
                ["Streets are humming with the beat", "Feel the fire in our feet", "Strangers dancing when they meet", "Summer air and midnight heat", "Nothing here is incomplete"],
                ["Take the highway to the stars", "Windows down in speeding cars", "Music spilling out of bars", "Tonight the world is ours", "We forget our oldest scars"],
                ["Underneath the city glow", "Only you and I will know", "Turn the lights and music low", "Feel the rhythm start to flow", "Never want to let it go"],
            ],
            [
                ["城市的灯火在闪亮", "霓虹照在街道上", "我们跳舞不管方向", "音乐响彻整个晚上", "今夜陪你走到天亮"],
                ["深夜的街头车来车往", "耳机里放着那首歌唱", "风吹过高楼的肩膀", "我们笑着一起流浪", "星星陪着月亮发光"],
                ["午夜的钟声已敲响", "舞池里灯光在摇晃", "节奏撞进我的心房", "所有疲惫都被遗忘", "跟着音乐自由飞翔"],
            ]),
    ];

    /// <summary>
    /// Lines for each vocal section: <paramref name="sections"/> gives each section's kind and how many lines it
    /// holds; every chorus gets the same lines. Returns the lines per section, in order.
    /// </summary>
    public static List<List<string>> Write(string prompt, IReadOnlyList<(string Kind, int Lines)> sections, Rng rng)
    {
        bool chinese = prompt.Any(c => c is >= '\u3400' and <= '\u9FFF');
        var theme = ThemeOf(prompt) ?? rng.Pick(Themes);
        var sets = (chinese ? theme.Chinese : theme.English).ToList();
        // Each section kind gets its own rhyme set (verses take turns); the chorus keeps its set and its lines.
        var order = sets.OrderBy(_ => rng.NextDouble()).ToList();
        int next = 0;
        string[] NextSet() => order[next++ % order.Count];
        var chorusSet = NextSet();
        var chorus = new List<string>();
        var result = new List<List<string>>();
        var used = new HashSet<string>();
        foreach (var (kind, count) in sections)
        {
            if (kind == "Chorus")
            {
                while (chorus.Count < count) chorus.Add(chorusSet[chorus.Count % chorusSet.Length]);
                result.Add(chorus.Take(count).ToList());
                continue;
            }
            var set = NextSet();
            var fresh = set.Where(l => !used.Contains(l) && !chorus.Contains(l)).OrderBy(_ => rng.NextDouble()).ToList();
            if (fresh.Count < count) fresh = [.. fresh, .. set.OrderBy(_ => rng.NextDouble())];
            var lines = fresh.Take(count).ToList();
            used.UnionWith(lines);
            result.Add(lines);
        }
        return result;
    }

    /// <summary>Writes a sheet in the usual tagged form.</summary>
    public static string Sheet(IReadOnlyList<(string Label, IReadOnlyList<string> Lines)> sections)
    {
        var sb = new StringBuilder();
        foreach (var (label, lines) in sections)
        {
            if (lines.Count == 0) continue;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append('[').Append(label).Append("]\n");
            foreach (var l in lines) sb.Append(l).Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }

    private static Theme? ThemeOf(string prompt)
    {
        string p = prompt.ToLowerInvariant();
        if (Sad().IsMatch(p)) return Themes[1];
        if (Love().IsMatch(p)) return Themes[2];
        if (Night().IsMatch(p)) return Themes[3];
        if (Bright().IsMatch(p)) return Themes[0];
        return null;
    }

    [GeneratedRegex(@"\b(sad|melanchol\w*|lonely|heartbreak\w*|blues|tears?|grief|sorrow\w*|goodbye)\b|悲|伤|寂寞|孤独|失恋|眼泪")]
    private static partial Regex Sad();

    [GeneratedRegex(@"\b(love|romantic|romance|wedding|valentine|sweet\w*)\b|爱|情|浪漫|甜")]
    private static partial Regex Love();

    [GeneratedRegex(@"\b(night\w*|city|club|neon|midnight|disco|dance|edm|house|techno|synthwave)\b|夜|城市|霓虹|舞")]
    private static partial Regex Night();

    [GeneratedRegex(@"\b(happy|sunny|summer|upbeat|joy\w*|bright|cheerful|party|fun)\b|快乐|阳光|夏天|开心|欢乐")]
    private static partial Regex Bright();
}
