namespace OpenProducer.Engine.Style;

/// <summary>
/// The genre table. Programs are General MIDI (0-based); progressions are scale degrees (0 = I … 6 = vii).
/// Pad -1 means the genre has no pad by default.
/// </summary>
public static class Genres
{
    private static readonly int[][] PopProgressions = [[0, 4, 5, 3], [5, 3, 0, 4], [3, 4, 2, 5], [0, 5, 3, 4]];
    private static readonly int[][] RockProgressions = [[0, 6, 3, 0], [0, 3, 4, 3], [5, 3, 0, 4], [0, 4, 5, 3]];
    private static readonly int[][] JazzProgressions = [[1, 4, 0, 0], [2, 5, 1, 4], [0, 5, 1, 4], [3, 2, 1, 4]];
    private static readonly int[][] BluesProgressions = [[0, 0, 3, 0], [3, 3, 0, 0], [4, 3, 0, 4]];
    private static readonly int[][] EdmProgressions = [[5, 3, 0, 4], [0, 4, 5, 3], [5, 4, 3, 4]];
    private static readonly int[][] FolkProgressions = [[0, 3, 0, 4], [0, 4, 5, 3], [5, 3, 0, 4]];
    private static readonly int[][] ChineseProgressions = [[0, 5, 3, 4], [5, 2, 3, 0], [0, 3, 4, 0]];
    private static readonly int[][] BalladProgressions = [[0, 4, 5, 2, 3, 0, 3, 4], [0, 5, 3, 4], [3, 4, 2, 5]];

    public static readonly Genre Pop = new("pop", ["pop", "流行", "catchy", "radio"], 96, 124, 0.3, "pop",
        Lead: 80, Chords: 0, Pad: 89, Bass: 33, PopProgressions);

    public static readonly IReadOnlyList<Genre> All =
    [
        Pop,
        new("rock", ["rock", "摇滚", "搖滾", "grunge", "alternative", "hard rock"], 110, 150, 0.35, "rock",
            Lead: 29, Chords: 30, Pad: -1, Bass: 34, RockProgressions, Energy: 0.85),
        new("metal", ["metal", "金属", "heavy metal", "thrash"], 140, 180, 0.8, "metal",
            Lead: 30, Chords: 30, Pad: -1, Bass: 34, RockProgressions, Energy: 0.95, Room: 0.35),
        new("jazz", ["jazz", "爵士", "swing", "bebop", "coffee shop", "咖啡"], 88, 140, 0.25, "jazz",
            Lead: 65, Chords: 0, Pad: -1, Bass: 32, JazzProgressions, Swing: 0.6, Sevenths: true, Energy: 0.45),
        new("blues", ["blues", "布鲁斯", "蓝调"], 70, 110, 0.2, "shuffle",
            Lead: 27, Chords: 16, Pad: -1, Bass: 33, BluesProgressions, Swing: 0.65, Sevenths: true),
        new("bossa nova", ["bossa", "bossa nova", "samba", "latin", "拉丁"], 120, 145, 0.3, "bossa",
            Lead: 73, Chords: 24, Pad: -1, Bass: 32, JazzProgressions, Sevenths: true, Energy: 0.4),
        new("electronic", ["electronic", "edm", "电子", "電子", "house", "techno", "dance", "club", "舞曲"], 120, 132, 0.45, "four",
            Lead: 81, Chords: 90, Pad: 91, Bass: 38, EdmProgressions, Energy: 0.9),
        new("hip hop", ["hip hop", "hip-hop", "hiphop", "rap", "说唱", "嘻哈", "boom bap"], 84, 98, 0.6, "hiphop",
            Lead: 4, Chords: 4, Pad: 89, Bass: 38, EdmProgressions, Swing: 0.3, Energy: 0.7),
        new("trap", ["trap"], 130, 150, 0.7, "trap",
            Lead: 80, Chords: 88, Pad: 89, Bass: 38, EdmProgressions, Energy: 0.8),
        new("lofi", ["lofi", "lo-fi", "chillhop", "study"], 70, 88, 0.4, "lofi",
            Lead: 4, Chords: 4, Pad: 89, Bass: 33, JazzProgressions, Swing: 0.4, Sevenths: true, Energy: 0.35),
        new("rnb", ["r&b", "rnb", "soul", "节奏布鲁斯", "灵魂乐"], 68, 96, 0.45, "rnb",
            Lead: 4, Chords: 4, Pad: 89, Bass: 33, PopProgressions, Swing: 0.25, Sevenths: true, Energy: 0.5),
        new("funk", ["funk", "放克", "groove"], 100, 118, 0.35, "funk",
            Lead: 61, Chords: 27, Pad: -1, Bass: 36, BluesProgressions, Sevenths: true, Energy: 0.8),
        new("disco", ["disco", "迪斯科", "迪斯可"], 115, 126, 0.3, "disco",
            Lead: 48, Chords: 27, Pad: 49, Bass: 36, PopProgressions, Energy: 0.85),
        new("reggae", ["reggae", "雷鬼", "ska", "dub"], 70, 90, 0.3, "reggae",
            Lead: 16, Chords: 27, Pad: -1, Bass: 33, FolkProgressions, Energy: 0.55),
        new("country", ["country", "乡村", "鄉村", "bluegrass", "americana"], 96, 130, 0.15, "country",
            Lead: 110, Chords: 25, Pad: -1, Bass: 32, FolkProgressions, Energy: 0.6),
        new("folk", ["folk", "民谣", "民謠", "acoustic", "singer-songwriter", "原声"], 84, 112, 0.3, "folk",
            Lead: 73, Chords: 25, Pad: -1, Bass: 32, FolkProgressions, Energy: 0.45),
        new("ballad", ["ballad", "抒情", "情歌", "slow song"], 64, 80, 0.45, "ballad",
            Lead: 0, Chords: 0, Pad: 48, Bass: 33, BalladProgressions, Energy: 0.4, Room: 0.8),
        new("classical", ["classical", "古典", "orchestral", "symphony", "交响", "cinematic", "film score", "电影配乐"], 70, 100, 0.45, "orchestral",
            Lead: 40, Chords: 45, Pad: 49, Bass: 43, BalladProgressions, Energy: 0.4, Room: 0.75),
        new("ambient", ["ambient", "氛围", "meditation", "冥想", "drone", "relaxing", "放松"], 60, 80, 0.5, "pulse",
            Lead: 88, Chords: 88, Pad: 91, Bass: 38, EdmProgressions, Energy: 0.2, Room: 0.8),
        new("chinese traditional", ["古风", "中国风", "中國風", "国风", "chinese", "oriental", "guzheng", "古筝", "二胡"], 70, 96, 0.2, "soft",
            Lead: 107, Chords: 46, Pad: 48, Bass: 32, ChineseProgressions, Energy: 0.4, Room: 0.85),
        new("waltz", ["waltz", "华尔兹", "圆舞曲", "3/4"], 84, 108, 0.3, "waltz",
            Lead: 40, Chords: 0, Pad: 48, Bass: 32, FolkProgressions, BeatsPerBar: 3, Energy: 0.45),
        new("christmas", ["christmas", "xmas", "圣诞", "聖誕", "holiday", "jingle"], 100, 124, 0.1, "pop",
            Lead: 9, Chords: 0, Pad: 48, Bass: 33, PopProgressions, Energy: 0.65),
        new("gospel", ["gospel", "福音", "church", "choir music"], 70, 100, 0.2, "rnb",
            Lead: 52, Chords: 19, Pad: 52, Bass: 33, PopProgressions, Swing: 0.3, Sevenths: true, Energy: 0.6, Room: 0.85),
        new("latin", ["salsa", "cumbia", "reggaeton", "萨尔萨"], 90, 100, 0.4, "bossa",
            Lead: 56, Chords: 0, Pad: -1, Bass: 33, FolkProgressions, Energy: 0.8),
        new("tango", ["tango", "探戈"], 110, 125, 0.8, "tango",
            Lead: 21, Chords: 0, Pad: 48, Bass: 32, BalladProgressions, Energy: 0.65),
        new("flamenco", ["flamenco", "弗拉门戈", "spanish guitar"], 100, 130, 0.85, "soft",
            Lead: 24, Chords: 24, Pad: -1, Bass: 32, FolkProgressions, Energy: 0.7),
        new("afrobeat", ["afrobeat", "afrobeats", "非洲"], 100, 118, 0.35, "funk",
            Lead: 56, Chords: 27, Pad: -1, Bass: 33, BluesProgressions, Energy: 0.8),
        new("drum and bass", ["drum and bass", "drum & bass", "dnb", "jungle"], 168, 176, 0.6, "dnb",
            Lead: 81, Chords: 90, Pad: 89, Bass: 38, EdmProgressions, Energy: 0.95, Room: 0.4),
        new("dubstep", ["dubstep", "bass music"], 138, 142, 0.7, "trap",
            Lead: 81, Chords: 90, Pad: 91, Bass: 38, EdmProgressions, Energy: 0.9, Room: 0.4),
        new("synthwave", ["synthwave", "80s", "retrowave", "outrun", "vaporwave", "复古"], 95, 118, 0.5, "pop",
            Lead: 81, Chords: 90, Pad: 89, Bass: 38, PopProgressions, Energy: 0.7, Room: 0.75),
        new("indie", ["indie", "独立", "indie rock", "dream pop", "shoegaze"], 100, 130, 0.4, "rock",
            Lead: 27, Chords: 27, Pad: 89, Bass: 33, RockProgressions, Energy: 0.65, Room: 0.7),
        new("punk", ["punk", "朋克", "pop punk", "hardcore"], 160, 190, 0.3, "rock",
            Lead: 30, Chords: 30, Pad: -1, Bass: 34, RockProgressions, Energy: 1.0, Room: 0.3),
        new("cantopop", ["cantopop", "粤语", "華語", "华语", "mandopop", "国语"], 72, 100, 0.4, "ballad",
            Lead: 0, Chords: 0, Pad: 48, Bass: 33, BalladProgressions, Energy: 0.5),
        new("lullaby", ["lullaby", "摇篮曲", "搖籃曲", "bedtime", "children", "儿歌", "kids"], 60, 84, 0.1, "pulse",
            Lead: 10, Chords: 46, Pad: 89, Bass: 32, FolkProgressions, Energy: 0.2, Room: 0.65),
        new("march", ["march", "进行曲", "military", "marching band"], 108, 124, 0.2, "pop",
            Lead: 56, Chords: 61, Pad: -1, Bass: 58, FolkProgressions, Energy: 0.8),
        new("new age", ["new age", "新世纪", "spa", "healing", "治愈"], 60, 78, 0.3, "pulse",
            Lead: 73, Chords: 46, Pad: 88, Bass: 32, FolkProgressions, Energy: 0.2, Room: 0.8),
        new("soundtrack", ["game", "游戏", "8-bit", "chiptune", "video game"], 120, 150, 0.4, "pop",
            Lead: 80, Chords: 80, Pad: -1, Bass: 38, PopProgressions, Energy: 0.8, Room: 0.3),
        new("kpop", ["k-pop", "kpop", "j-pop", "jpop", "anime", "动漫"], 118, 136, 0.35, "pop",
            Lead: 81, Chords: 0, Pad: 89, Bass: 38, PopProgressions, Energy: 0.85),
    ];
}
