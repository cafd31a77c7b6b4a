using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenProducer.Engine.Style;

/// <summary>Reads a free-text prompt (English or Chinese) into a <see cref="SongStyle"/>.</summary>
public static partial class StyleParser
{
    private static readonly string[] NoteNames = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    public static SongStyle Parse(string? prompt)
    {
        string text = (prompt ?? "").ToLowerInvariant();
        var genre = PickGenre(text, null) ?? Genres.Pop;
        var mood = Moods.Read(text);
        var named = new List<(int Pos, InstrumentWord Word)>();
        string rest = text;
        foreach (var word in Instruments.Words)
        {
            int pos = FindKeyword(rest, word.Keywords);
            if (pos < 0) continue;
            named.Add((pos, word));
            // Blank out the match so "guitar" does not also fire inside "electric guitar".
            foreach (var k in word.Keywords) rest = rest.Replace(k, new string(' ', k.Length));
        }
        named.Sort((a, b) => a.Pos.CompareTo(b.Pos));

        int? lead = null, chords = null, pad = null, bass = null;
        foreach (var (_, w) in named)
        {
            switch (w.Slot)
            {
                case InstrumentSlot.Lead: lead ??= w.Program; break;
                case InstrumentSlot.Chords: if (chords is null) chords = w.Program; else lead ??= w.Program; break;
                case InstrumentSlot.Pad: pad ??= w.Program; break;
                case InstrumentSlot.Bass: bass ??= w.Program; break;
            }
        }

        var (root, minor) = ReadKey(text);
        minor ??= mood.Minor;
        double energy = Math.Clamp(genre.Energy + mood.EnergyShift, 0, 1);
        return new SongStyle
        {
            Genre = genre,
            Tempo = ReadTempo(text),
            TempoShift = mood.TempoShift,
            KeyRoot = root,
            Minor = minor,
            BeatsPerBar = ReadMeter(text) ?? genre.BeatsPerBar,
            LeadProgram = lead,
            ChordsProgram = chords,
            PadProgram = pad,
            BassProgram = bass,
            Drums = genre.Drums != "none" && !AsksNoDrums(text),
            Energy = energy,
            TargetSeconds = ReadSeconds(text),
            NamedPrograms = named.Select(n => n.Word.Program).ToList(),
        };
    }

    /// <summary>
    /// The whole song's description: the prompt, then the positive <c>sounds[]</c> that apply to all of it, strongest
    /// first. The style, the singer and the written lyric are all read from this one text.
    /// </summary>
    public static string StyleText(string? prompt, IReadOnlyList<SoundPrompt>? sounds) =>
        string.Join(", ", new[] { prompt ?? "" }.Concat(Positive(sounds).Select(x => x.Text)).Where(t => !string.IsNullOrWhiteSpace(t)));

    private static IEnumerable<SoundPrompt> Positive(IReadOnlyList<SoundPrompt>? sounds) =>
        (sounds ?? []).Where(x => !x.Ranged && x.Strength > 0 && !string.IsNullOrWhiteSpace(x.Text)).OrderByDescending(x => x.Strength);

    /// <summary>
    /// The style of a request: the prompt and the positive <c>sounds[]</c> read as one description (strongest
    /// first), weighed against the genre's defaults by <paramref name="soundStrength"/>; negative sounds push
    /// away what they name; ranged sounds become span styles.
    /// </summary>
    public static SongStyle FromRequest(string? prompt, IReadOnlyList<SoundPrompt>? sounds, double soundStrength = 0.5)
    {
        sounds ??= [];
        var positive = Positive(sounds);
        string text = StyleText(prompt, sounds);
        var style = Parse(text);
        // The genre comes from the strongest description that names one (the prompt, then sounds by strength).
        var pulls = new[] { prompt ?? "" }.Concat(positive.Select(x => x.Text)).Select(t => PickGenre(t.ToLowerInvariant(), null));
        if (pulls.FirstOrDefault(g => g is not null) is { } strongest && strongest != style.Genre)
            style = style with { Genre = strongest, Drums = strongest.Drums != "none" && !AsksNoDrums(text.ToLowerInvariant()) };
        // A weak sound_strength keeps the genre's own arrangement and lets the prompt choose only the lead.
        style = soundStrength < 0.35
            ? style with { ChordsProgram = null, PadProgram = null, BassProgram = null, TempoShift = style.TempoShift * 0.5 }
            : style with { TempoShift = Math.Clamp(style.TempoShift * (0.5 + soundStrength), -0.5, 0.5) };

        var banned = new HashSet<int>();
        bool drums = style.Drums, noBass = false;
        var genre = style.Genre;
        foreach (var n in sounds.Where(x => !x.Ranged && x.Strength < 0))
        {
            string t = n.Text.ToLowerInvariant();
            if (MentionsDrums(t)) drums = false;
            foreach (var w in NamedInstruments(t))
            {
                if (w.Slot == InstrumentSlot.Bass && w.Keywords.Contains("bass")) noBass = true;
                else banned.UnionWith(w.Programs);
            }
            if (PickGenre(t, null) is { } pushed && pushed == genre) genre = PickGenre(text, pushed) ?? (pushed == Genres.Pop ? Genres.All[1] : Genres.Pop);
        }
        var spans = sounds.Where(x => x.Ranged && !string.IsNullOrWhiteSpace(x.Text)).Select(x =>
        {
            string t = x.Text.ToLowerInvariant();
            return new SpanStyle(x.TimeStart ?? 0, x.TimeEnd ?? double.MaxValue, x.Strength < 0, MentionsDrums(t), NamedInstruments(t));
        }).ToList();
        int? Allowed(int? program) => program is int p && banned.Contains(p) ? null : program;
        return style with
        {
            Genre = genre,
            // A genre pushed away brings the replacement genre's drum habit, unless drums were pushed away too.
            Drums = drums && (genre == style.Genre || genre.Drums != "none"),
            LeadProgram = Allowed(style.LeadProgram), ChordsProgram = Allowed(style.ChordsProgram),
            PadProgram = Allowed(style.PadProgram), BassProgram = Allowed(style.BassProgram),
            BannedPrograms = banned, NoBass = noBass, Spans = spans,
        };
    }

    /// <summary>No drums asked for in words, or music that is beatless by nature (a drone, "beatless", "free time").</summary>
    private static bool AsksNoDrums(string text) => NoDrums().IsMatch(text) || text.Contains("无鼓") || text.Contains("不要鼓")
        || FindKeyword(text, ["drone", "beatless", "free time", "rubato"]) >= 0;

    private static bool MentionsDrums(string text) =>
        FindKeyword(text, ["drums", "drum", "percussion", "beat", "beats", "kick", "snare", "hi-hat", "hihat", "鼓", "鼓点", "打击乐"]) >= 0;

    private static List<InstrumentWord> NamedInstruments(string text)
    {
        var found = new List<InstrumentWord>();
        foreach (var w in Instruments.Words)
        {
            if (FindKeyword(text, w.Keywords) < 0) continue;
            found.Add(w);
            foreach (var k in w.Keywords) text = text.Replace(k, new string(' ', k.Length));
        }
        return found;
    }

    public static string KeyName(int root, bool minor) => $"{NoteNames[((root % 12) + 12) % 12]} {(minor ? "minor" : "major")}";

    /// <summary>The genre the text names most (earliest on a tie), or null when it names none.</summary>
    /// <summary>
    /// Keywords that suggest a genre without naming it (a mood, a scene, a setting): they decide when nothing else
    /// does, but a named genre wins over them ("relaxing disco" is disco, "relaxing piano" is ambient).
    /// </summary>
    private static readonly HashSet<string> Suggestions =
    [
        "relaxing", "放松", "study", "coffee shop", "咖啡", "catchy", "radio", "dance", "club", "groove", "acoustic", "holiday",
        "children", "kids", "bedtime", "healing", "spa", "治愈", "meditation", "cinematic", "game", "video game", "80s", "church",
        "jingle", "slow song", "oriental", "chinese", "military",
    ];

    private static Genre? PickGenre(string text, Genre? exclude)
    {
        Genre? best = null;
        double bestScore = 0;
        int bestPos = int.MaxValue;
        foreach (var g in Genres.All)
        {
            if (g == exclude) continue;
            double score = 0;
            int first = int.MaxValue;
            foreach (var k in g.Keywords)
            {
                int pos = FindKeyword(text, [k]);
                if (pos < 0) continue;
                score += Suggestions.Contains(k) ? 0.4 : 1;
                first = Math.Min(first, pos);
            }
            if (score > bestScore || (score == bestScore && score > 0 && first < bestPos))
            {
                best = g; bestScore = score; bestPos = first;
            }
        }
        return best;
    }

    /// <summary>Position of the first keyword found: whole words for Latin text, substrings for CJK.</summary>
    internal static int FindKeyword(string text, IEnumerable<string> keywords)
    {
        int best = -1;
        foreach (var k in keywords)
        {
            int pos;
            if (k.Any(c => c > 0x2E80)) pos = text.IndexOf(k, StringComparison.Ordinal);
            else
            {
                var m = WholeWord.GetOrAdd(k, w => new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(w)}(?![\p{{L}}\p{{N}}])")).Match(text);
                pos = m.Success ? m.Index : -1;
            }
            if (pos >= 0 && (best < 0 || pos < best)) best = pos;
        }
        return best;
    }

    /// <summary>
    /// The whole-word pattern of each keyword, made once: the vocabularies hold hundreds of words, far more than the
    /// runtime's cache of 15 patterns, so each lookup used to build its pattern again.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> WholeWord = new(StringComparer.Ordinal);

    private static double? ReadTempo(string text)
    {
        var m = Bpm().Match(text);
        if (!m.Success) return null;
        double bpm = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return bpm is >= 40 and <= 220 ? bpm : null;
    }

    private static (int? Root, bool? Minor) ReadKey(string text)
    {
        var m = KeyPattern().Match(text);
        if (!m.Success) return (null, null);
        int root = "c d ef g a b".IndexOf(m.Groups[1].Value[0]);
        string acc = m.Groups[2].Value;
        if (acc is "#" or "sharp" or "♯") root++;
        if (acc is "b" or "flat" or "♭") root--;
        string mode = m.Groups[3].Value;
        return ((root + 12) % 12, mode.StartsWith("min") || mode == "m" || mode == "小调");
    }

    private static int? ReadMeter(string text)
    {
        if (text.Contains("3/4") || text.Contains("6/8") || FindKeyword(text, ["waltz", "华尔兹", "圆舞曲"]) >= 0) return 3;
        if (text.Contains("4/4")) return 4;
        return null;
    }

    private static double? ReadSeconds(string text)
    {
        var m = SecondsPattern().Match(text);
        if (m.Success) return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        m = MinutesPattern().Match(text);
        if (m.Success) return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 60;
        return null;
    }

    [GeneratedRegex(@"(\d{2,3}(?:\.\d+)?)\s*-?\s*(?:bpm|beats per minute|拍每分钟|拍/分)")]
    private static partial Regex Bpm();

    [GeneratedRegex(@"(?<![a-z])(?:in|key of|key:|调)?\s*([a-g])\s*(#|♯|b|♭|sharp|flat)?[\s-]*(major|minor|maj|min|大调|小调)(?![a-z])")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"(\d{1,3}(?:\.\d+)?)\s*-?\s*(?:s|sec|secs|second|seconds|秒)(?![a-z])")]
    private static partial Regex SecondsPattern();

    [GeneratedRegex(@"(\d(?:\.\d+)?)\s*-?\s*(?:min|mins|minute|minutes|分钟|分鐘)(?![a-z])")]
    private static partial Regex MinutesPattern();

    [GeneratedRegex(@"(?:no|without|zero)\s+(?:drums|percussion|beat)")]
    private static partial Regex NoDrums();
}
