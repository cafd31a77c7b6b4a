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
    public static void WriteZip(IReadOnlyDictionary<string, AudioBuffer> files, string path)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var (name, audio) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var entry = zip.CreateEntry(name + ".wav", CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            WavWriter.Write16(audio, stream);
        }
    }

    /// <summary>Two stems: all voices, and everything else summed.</summary>
    public static Dictionary<string, AudioBuffer> VocalsAndInstrumental(IReadOnlyDictionary<string, AudioBuffer> stems)
    {
        var vocals = stems[StemGroups.Vocals];
        var instrumental = new AudioBuffer(vocals.Frames, vocals.SampleRate);
        var voice = new AudioBuffer(vocals.Frames, vocals.SampleRate);
        // Summed in one fixed order, so the same stems always give the same bits.
        foreach (var (name, s) in stems.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var target = name is StemGroups.Vocals or StemGroups.BackingVocals ? voice : instrumental;
            target.Add(s);
        }
        return new Dictionary<string, AudioBuffer> { ["vocals"] = voice, ["instrumental"] = instrumental };
    }
}
