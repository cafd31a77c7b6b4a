using System.Text;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Lyrics;

/// <summary>
/// The built-in lyric writer for songs asked for by prompt alone: lines about the prompt's theme, in Chinese when
/// the prompt is written in Chinese, one chorus sung the same each time. The writing itself is
/// <see cref="SheetWriter"/>'s; this is the composer's entry point and the sheet formatter.
/// </summary>
public static class LyricWriter
{
    /// <summary>
    /// Lines for each vocal section: <paramref name="sections"/> gives each section's kind and how many lines it
    /// holds; every chorus gets the same lines. Returns the lines per section, in order.
    /// </summary>
    public static List<List<string>> Write(string prompt, IReadOnlyList<(string Kind, int Lines)> sections, Rng rng) =>
        SheetWriter.WriteSections(prompt, sections, rng);

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
}
