using System.IO.Compression;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Stems;

/// <summary>
/// Stem files. The stems themselves come from <see cref="SongEngine.Produce(Edit.SongRecipe, bool, CancellationToken)"/>: every part captured from the
/// render of the mix and mastered with the master's own gain curve, so they sum to the master.
/// </summary>
public static class StemRenderer
{
    /// <summary>
    /// Writes a zip of WAV files at its root; entries in a fixed order with a fixed date, so the bytes repeat. Stored,
    /// not deflated: audio barely compresses, and deflating two 3-minute stems took 1.9 s of the 3.3 s a stems request
    /// on kept audio took.
    /// </summary>
    public static void WriteZip(IReadOnlyDictionary<string, AudioBuffer> files, string path) =>
        WriteZip(files.ToDictionary(f => f.Key, f => (IReadOnlyList<AudioBuffer>)[f.Value]), path);

    /// <summary>
    /// The zip of two stems (see <see cref="VocalsAndInstrumental"/>), each summed as it is written: no buffer is
    /// made for either sum, and the files are the same.
    /// </summary>
    public static void WriteVocalsAndInstrumentalZip(IReadOnlyDictionary<string, AudioBuffer> stems, string path) => WriteZip(TwoStems(stems), path);

    /// <summary>A zip of WAV files, each the sum of its parts (see <see cref="WavWriter.Write(IReadOnlyList{AudioBuffer}, Stream, int)"/>).</summary>
    private static void WriteZip(IReadOnlyDictionary<string, IReadOnlyList<AudioBuffer>> files, string path)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var (name, parts) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var entry = zip.CreateEntry(name + ".wav", CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            WavWriter.Write(parts, stream, 16);
        }
    }

    /// <summary>Two stems: all voices, and everything else summed.</summary>
    public static Dictionary<string, AudioBuffer> VocalsAndInstrumental(IReadOnlyDictionary<string, AudioBuffer> stems)
    {
        var like = stems[StemGroups.Vocals];
        return TwoStems(stems).ToDictionary(e => e.Key, e => AudioBuffer.Sum(e.Value, like));
    }

    /// <summary>The stems each of the two is the sum of, in one fixed order (so the same stems always give the same bits).</summary>
    private static Dictionary<string, IReadOnlyList<AudioBuffer>> TwoStems(IReadOnlyDictionary<string, AudioBuffer> stems)
    {
        var like = stems[StemGroups.Vocals];
        var ordered = stems.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        List<AudioBuffer> Of(bool voice)
        {
            var parts = ordered.Where(p => IsVoice(p.Key) == voice).Select(p => p.Value).ToList();
            return parts.Count > 0 ? parts : [new AudioBuffer(like.Frames, like.SampleRate)];
        }
        return new Dictionary<string, IReadOnlyList<AudioBuffer>> { ["vocals"] = Of(true), ["instrumental"] = Of(false) };
    }

    private static bool IsVoice(string name) => name is StemGroups.Vocals or StemGroups.BackingVocals;
}
