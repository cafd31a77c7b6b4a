using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine.Tests.Analysis;

/// <summary>A sung note of the truth, in seconds, at the pitch the voice sings it.</summary>
public sealed record TrueNote(double Start, double End, int Pitch);

/// <summary>What the score says a recording holds: the truth an analysis is measured against.</summary>
public sealed record Truth(string Name, double Tempo, int BeatsPerBar, int KeyRoot, bool Minor, IReadOnlyList<double> Downbeats,
    IReadOnlyList<double> SectionStarts, IReadOnlyList<(string Label, SectionKind Kind)> SectionLabels, IReadOnlyList<TrueNote> Sung);

/// <summary>A rendered recording and its truth.</summary>
public sealed record CorpusSong(AudioBuffer Audio, Truth Truth);

/// <summary>
/// Songs made by the engine's composer, rendered through its band mixer, singer and mastering with a chosen General
/// MIDI SoundFont (the tests' small one or the larger FluidR3), with the truth read from the score.
/// </summary>
public static class AnalysisCorpus
{
    public const string Fluid = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    public const string Small = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    /// <summary>The recordings the analysis is measured on: genres, tempos, metres, modes, English, Chinese and no words.</summary>
    public static IReadOnlyList<(string Prompt, bool Sung, ulong Seed, string SoundFont)> Requests { get; } =
    [
        ("upbeat pop song at 120 bpm in G major, 45 seconds", true, 11, Small),
        ("sad ballad at 72 bpm in A minor, 50 seconds", true, 12, Fluid),
        ("rock anthem at 140 bpm in E minor, 40 seconds", true, 13, Small),
        ("a gentle waltz in 3/4 at 96 bpm in F major, 45 seconds", true, 14, Fluid),
        ("funky disco at 116 bpm in D minor, 45 seconds", false, 15, Fluid),
        ("一首关于冬天的歌, 流行, 100 bpm, C major, 45 seconds", true, 16, Small),
        ("folk song in 3/4 at 84 bpm in D minor, 45 seconds", false, 17, Small),
        ("energetic dance track at 128 bpm in B minor, 40 seconds", false, 18, Fluid),
        ("夏天的海边和朋友, 90 bpm, Eb major, 45 seconds", true, 19, Fluid),
        ("country song at 108 bpm in A major, 45 seconds", true, 20, Small),
        ("slow jazz at 80 bpm in Bb major, 45 seconds", false, 21, Small),
        ("punk rock at 160 bpm in C minor, 40 seconds", true, 22, Fluid),
        ("reggae at 76 bpm in G minor, 45 seconds", true, 31, Fluid),
        ("bossa nova at 132 bpm in F major, 45 seconds", false, 32, Small),
        ("a sad waltz in 3/4 at 150 bpm in E minor, 45 seconds", true, 33, Small),
        ("city pop at 112 bpm in Ab major, 50 seconds", true, 34, Fluid),
        ("思念故乡的月亮, 民谣, 3/4, 88 bpm, A minor, 45 seconds", true, 35, Fluid),
        ("upbeat pop song at 124 bpm in D major, 90 seconds", true, 36, Small),
    ];

    public static CorpusSong Make(string prompt, bool sung, ulong seed, string soundFont)
    {
        var request = new CompositionRequest { Prompt = prompt, Seed = seed, WriteLyrics = sung, Instrumental = !sung };
        var song = Composer.Compose(request);
        var score = song.Score;
        AudioBuffer mix;
        using (var synth = new FluidSynthRenderer(soundFont))
        {
            int frames = synth.FramesFor(score);
            var mixer = new BandMixer(score, frames, synth.SampleRate, stems: false);
            synth.Render(score, frames, mixer);
            mix = mixer.Finish().Mix;
        }
        var voices = sung ? Vocals.RenderParts(song, mix, 0.5, CancellationToken.None) : null;
        voices?.AddInto(mix);
        var (master, _) = Mastering.Master(mix);
        return new CorpusSong(master, TruthOf(prompt, song, voices is not null));
    }

    private static Truth TruthOf(string name, ComposedSong song, bool sung)
    {
        var score = song.Score;
        var downbeats = Enumerable.Range(0, score.TotalBars).Select(b => score.TimeOf(b * score.BeatsPerBar)).ToList();
        var starts = score.Sections.Select(s => score.TimeOf(s.StartBar * score.BeatsPerBar)).ToList();
        var labels = score.Sections.Select(s => (s.Label, s.Kind)).ToList();
        int transpose = Singer.Transpose(song.Voice.Gender);
        var notes = new List<TrueNote>();
        if (sung)
            foreach (var line in song.Lines.Where(l => l.Text.Any(char.IsLetter)))
                notes.AddRange(song.Melody.Where(m => m.Start >= line.Start - 1e-6 && m.Start < line.End - 1e-6)
                    .Select(m => new TrueNote(score.TimeOf(m.Start), score.TimeOf(m.Start + m.Length), m.Pitch + transpose)));
        return new Truth(name, score.Tempo, score.BeatsPerBar, score.KeyRoot, score.Minor, downbeats, starts, labels, notes);
    }
}
