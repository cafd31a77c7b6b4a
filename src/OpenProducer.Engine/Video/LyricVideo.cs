using System.Globalization;
using System.Text;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Encode;

namespace OpenProducer.Engine.Video;

/// <summary>A sung line and its syllables, in seconds of the song.</summary>
public sealed record TimedLine(string Text, double Start, double End, IReadOnlyList<TimedSyllable> Syllables);

/// <summary>One sung syllable: the melody note that carries it.</summary>
public sealed record TimedSyllable(string Text, double Start, double End);

/// <summary>
/// A song's music video: its cover art beside a blurred, darkened copy of itself, the title, the lyric lines lit
/// syllable by syllable as they are sung (karaoke, rendered by libass), and a waveform that moves with the music.
/// The still parts are drawn once; per frame ffmpeg only draws the waveform and the words, and x264 encodes
/// H.264 while the song's own AAC stream is copied, so the audio is the song's, bit for bit.
/// </summary>
public static class LyricVideo
{
    public const int Width = 1280, Height = 720, Fps = 15;

    public static async Task MakeAsync(string coverPath, string audioPath, string title, IReadOnlyList<TimedLine> lines,
        double duration, string outPath, CancellationToken ct)
    {
        string work = Path.Combine(Path.GetTempPath(), "producer-video-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string background = Path.Combine(work, "background.png"), subtitles = Path.Combine(work, "lyrics.ass");
            await File.WriteAllTextAsync(subtitles, Subtitles(title, lines, duration), new UTF8Encoding(false), ct);
            await Ffmpeg.RunAsync(
                $"-hide_banner -loglevel error -y -i \"{coverPath}\" -filter_complex " +
                $"\"[0:v]split[a][b];[a]scale={Width}:{Height}:force_original_aspect_ratio=increase,crop={Width}:{Height},boxblur=24:2,eq=brightness=-0.3[bg];" +
                $"[b]scale=440:440[art];[bg][art]overlay=60:60\" -frames:v 1 \"{background}\"", ct);
            await Ffmpeg.RunAsync(
                $"-hide_banner -loglevel error -y -i \"{background}\" -i \"{Path.GetFullPath(audioPath)}\" -filter_complex " +
                $"\"[0:v]loop=loop=-1:size=1:start=0,fps={Fps},format=yuv420p[bg];" +
                $"[1:a]showwaves=s=1160x150:mode=cline:rate={Fps}:colors=white@0.8,format=yuva420p[w];" +
                $"[bg][w]overlay=60:540:shortest=1,ass={Path.GetFileName(subtitles)}[v]\" -map \"[v]\" -map 1:a " +
                $"-c:v libx264 -preset veryfast -crf 26 -tune stillimage -c:a copy -shortest " +
                $"-map_metadata -1 -fflags +bitexact -flags +bitexact -movflags +faststart -f mp4 \"{Path.GetFullPath(outPath)}\"", ct,
                workingDirectory: work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A song's sung lines with each syllable's note, in seconds (none for an instrumental).</summary>
    public static List<TimedLine> Lines(ComposedSong song)
    {
        var score = song.Score;
        if (!song.HasLyrics) return [];
        return song.Lines.Select(l => new TimedLine(l.Text, score.TimeOf(l.Start), score.TimeOf(l.End),
            song.Melody.Where(m => m.Start >= l.Start - 1e-6 && m.Start < l.End - 1e-6)
                .Select(m => new TimedSyllable(m.Syllable, score.TimeOf(m.Start), score.TimeOf(m.Start + m.Length))).ToList())).ToList();
    }

    /// <summary>
    /// The title and the lyrics as ASS subtitles: the line being sung fills in syllable by syllable (<c>\kf</c>),
    /// the next one waits dimmed beneath it.
    /// </summary>
    public static string Subtitles(string title, IReadOnlyList<TimedLine> lines, double duration)
    {
        var sb = new StringBuilder();
        sb.Append("[Script Info]\nScriptType: v4.00+\n").Append(CultureInfo.InvariantCulture, $"PlayResX: {Width}\nPlayResY: {Height}\n").Append("WrapStyle: 0\n\n");
        sb.Append("[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        // Colours are &HAABBGGRR: sung syllables turn gold, unsung ones are white; the next line is grey.
        sb.Append("Style: Title,DejaVu Sans,46,&H00FFFFFF,&H00FFFFFF,&H80000000,&H00000000,1,0,0,0,100,100,0,0,1,2,0,7,560,40,70,1\n");
        sb.Append("Style: Lyric,DejaVu Sans,40,&H0000D7FF,&H00FFFFFF,&H80000000,&H00000000,1,0,0,0,100,100,0,0,1,2,0,7,560,40,290,1\n");
        sb.Append("Style: Next,DejaVu Sans,32,&H00A0A0A0,&H00A0A0A0,&H80000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,7,560,40,360,1\n\n");
        sb.Append("[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        Event(sb, 0, duration, "Title", Escape(title));
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            // A line shows a moment before it is sung (not before the previous one ends) and stays a moment after.
            double from = Math.Max(i > 0 ? lines[i - 1].End : 0, line.Start - 0.8);
            double to = Math.Min(i + 1 < lines.Count ? Math.Max(lines[i + 1].Start - 0.8, line.End) : duration, line.End + 1.5);
            Event(sb, from, to, "Lyric", Karaoke(line, from));
            if (i + 1 < lines.Count) Event(sb, from, to, "Next", Escape(lines[i + 1].Text));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The line with a <c>\kf</c> sweep per syllable: each syllable is found in the line's text in order (so spaces
    /// and punctuation stay), waits until its note starts and fills over the note. A line whose syllables cannot be
    /// found in its text (new words sung on old notes) fills evenly over its span.
    /// </summary>
    public static string Karaoke(TimedLine line, double shownFrom)
    {
        var sb = new StringBuilder();
        int pos = 0;
        double t = shownFrom;
        foreach (var s in line.Syllables)
        {
            int at = s.Text.Length == 0 ? -1 : line.Text.IndexOf(s.Text, pos, StringComparison.Ordinal);
            if (at < 0) return Even(line, shownFrom);
            Centis(sb, s.Start - t, 0);
            Centis(sb, s.End - s.Start, 1).Append(Escape(line.Text[pos..(at + s.Text.Length)]));
            pos = at + s.Text.Length;
            t = s.End;
        }
        return line.Syllables.Count == 0 ? Even(line, shownFrom) : sb.Append(Escape(line.Text[pos..])).ToString();
    }

    private static string Even(TimedLine line, double shownFrom)
    {
        var sb = Centis(new StringBuilder(), line.Start - shownFrom, 0);
        return Centis(sb, line.End - line.Start, 1).Append(Escape(line.Text)).ToString();
    }

    /// <summary>A karaoke tag: a wait (<c>\k</c>, nothing drawn) or a fill (<c>\kf</c>) in centiseconds.</summary>
    private static StringBuilder Centis(StringBuilder sb, double seconds, int fill)
    {
        int cs = (int)Math.Round(Math.Max(0, seconds) * 100);
        if (cs > 0 || fill == 1) sb.Append(fill == 1 ? "{\\kf" : "{\\k").Append(cs.ToString(CultureInfo.InvariantCulture)).Append('}');
        return sb;
    }

    private static void Event(StringBuilder sb, double from, double to, string style, string text) =>
        sb.Append(CultureInfo.InvariantCulture, $"Dialogue: 0,{Time(from)},{Time(to)},{style},,0,0,0,,{text}\n");

    private static string Time(double seconds)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(Math.Max(0, seconds) * 100) * 10);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds / 10:00}");
    }

    /// <summary>Text as ASS shows it literally: braces and backslashes would start override tags.</summary>
    private static string Escape(string text) => text.Replace('\\', '/').Replace('{', '(').Replace('}', ')').Replace('\n', ' ');
}
