using System.IO.Compression;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine.Stems;

/// <summary>
/// Exact stems: the score is rendered again (deterministic, so the mix is the released one) with every part
/// captured from the same pass; each stem goes through the master's EQ and then the master's own gain curve,
/// computed from the full mix. Summed, the stems equal the master.
/// </summary>
public sealed class StemRenderer(EngineOptions options)
{
    /// <summary>The mastered stems of a song by group name (vocals and backing vocals always present).</summary>
    public Dictionary<string, AudioBuffer> Render(Composition.Composition song, MasterReport master, double lyricsStrength = 0.5)
    {
        using var synth = new FluidSynthRenderer(options.SoundFontFor(song.Preset), options.SampleRate);
        int frames = synth.FramesFor(song.Score);
        var capture = new StemCapture(song.Score.Tracks.Select(t => (t.Channel, StemGroups.Of(t), t.Reverb)), frames, options.SampleRate);
        var mix = synth.Render(song.Score, frames, capture);
        var voices = Vocals.RenderParts(song, mix, lyricsStrength, CancellationToken.None);
        voices?.AddInto(mix);
        var gain = Mastering.GainCurve(mix, master);
        var stems = new Dictionary<string, AudioBuffer>
        {
            [StemGroups.Vocals] = voices?.Lead ?? new AudioBuffer(frames, options.SampleRate),
            [StemGroups.BackingVocals] = voices?.Backing ?? new AudioBuffer(frames, options.SampleRate),
        };
        foreach (var voice in new[] { voices?.Lead, voices?.Backing })
        {
            if (voice is null) continue;
            Mastering.Equalize(voice);
            for (int i = 0; i < frames; i++) { voice.Left[i] *= gain[i]; voice.Right[i] *= gain[i]; }
        }
        foreach (var (group, part) in capture.Stems)
        {
            Mastering.Equalize(part);
            for (int i = 0; i < frames; i++) { part.Left[i] *= gain[i]; part.Right[i] *= gain[i]; }
            stems[group] = part;
        }
        return stems;
    }

    /// <summary>Writes a zip of WAV files at its root; entries in a fixed order with a fixed date, so the bytes repeat.</summary>
    public static void WriteZip(IReadOnlyDictionary<string, AudioBuffer> files, string path)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var (name, audio) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var entry = zip.CreateEntry(name + ".wav", CompressionLevel.Fastest);
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
        foreach (var (name, s) in stems)
        {
            var target = name is StemGroups.Vocals or StemGroups.BackingVocals ? voice : instrumental;
            for (int i = 0; i < s.Frames; i++) { target.Left[i] += s.Left[i]; target.Right[i] += s.Right[i]; }
        }
        return new Dictionary<string, AudioBuffer> { ["vocals"] = voice, ["instrumental"] = instrumental };
    }
}
