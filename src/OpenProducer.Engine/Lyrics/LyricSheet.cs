using System.Text.RegularExpressions;

namespace OpenProducer.Engine.Lyrics;

/// <summary>A tagged section of a lyric sheet: its tag as written and its sung lines.</summary>
public sealed record LyricSection(string Label, SectionKind Kind, IReadOnlyList<string> Lines, bool Tagged);

/// <summary>Splits a lyric sheet into sections by its tags ([Verse 2], 【副歌】, …); untagged text is a verse.</summary>
public static partial class LyricSheet
{
    public static IReadOnlyList<LyricSection> Parse(string? lyric)
    {
        var sections = new List<LyricSection>();
        if (string.IsNullOrWhiteSpace(lyric)) return sections;
        // Clients sometimes send the two characters "\n" instead of a newline (seed 002 shows one).
        string text = lyric.Replace("\\n", "\n").Replace("\r\n", "\n");
        // A tag may run straight into text ("[Verse]Woke up…"): break the line after each tag.
        text = Tag().Replace(text, m => "\n" + m.Value + "\n");

        string? label = null;
        var kind = SectionKind.Verse;
        bool tagged = false;
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            var m = Tag().Match(line);
            if (m.Success && m.Length == line.Length)
            {
                Flush();
                label = m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value.Trim() : m.Groups[2].Value.Trim();
                kind = KindOf(label);
                tagged = true;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
        }
        Flush();
        return sections;

        void Flush()
        {
            if (label is null && lines.Count == 0) return;
            // A tag with no lines (e.g. [Instrumental], [Intro]) is still a section.
            sections.Add(new LyricSection(label ?? "Verse", kind, lines.ToArray(), tagged));
            lines.Clear();
            label = null;
            kind = SectionKind.Verse;
            tagged = false;
        }
    }

    public static SectionKind KindOf(string label)
    {
        string l = label.ToLowerInvariant();
        if (l.Contains("pre-chorus") || l.Contains("prechorus") || l.Contains("pre chorus") || l.Contains("导歌") || l.Contains("預副歌") || l.Contains("预副歌")) return SectionKind.PreChorus;
        if (l.Contains("chorus") || l.Contains("副歌") || l.Contains("hook") || l.Contains("refrain")) return SectionKind.Chorus;
        if (l.Contains("bridge") || l.Contains("桥段") || l.Contains("橋段")) return SectionKind.Bridge;
        if (l.Contains("intro") || l.Contains("前奏") || l.Contains("引子")) return SectionKind.Intro;
        if (l.Contains("outro") || l.Contains("尾声") || l.Contains("尾聲") || l.Contains("ending") || l.Contains("结尾")) return SectionKind.Outro;
        if (l.Contains("instrumental") || l.Contains("间奏") || l.Contains("間奏") || l.Contains("solo") || l.Contains("interlude") || l.Contains("break")) return SectionKind.Instrumental;
        return SectionKind.Verse;
    }

    [GeneratedRegex(@"\[([^\[\]\n]{1,40})\]|【([^【】\n]{1,40})】")]
    private static partial Regex Tag();
}
