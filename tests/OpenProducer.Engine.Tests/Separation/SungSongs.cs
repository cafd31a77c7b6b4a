using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Stems;

namespace OpenProducer.Engine.Tests.Separation;

/// <summary>A sung song with its exact parts: the mix is the sum of the two, sample for sample.</summary>
public sealed record SungSong(string Name, AudioBuffer Mix, AudioBuffer Vocals, AudioBuffer Accompaniment);

/// <summary>
/// Songs made by the engine for judging separation: the mastered stems are the truth (all voices, lead and backing,
/// against everything else), and their sum is the mix handed to the separator, so the truth is exact.
/// </summary>
public static class SungSongs
{
    private const string English = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n"
        + "[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    private const string Night = "[Verse]\nStreet lights humming on the avenue\nI keep on walking and thinking of you\n"
        + "[Chorus]\nHold on hold on to the night\nWe will be dancing till the morning light";

    /// <summary>The first verse (four lines) of a Chinese lyric sheet.</summary>
    public static string FirstVerse(IEnumerable<string> sheet) => string.Join("\n", sheet.Take(5));

    /// <summary>Varied in genre, tempo, language, voice and seed; short, so a test can make all of them.</summary>
    public static IReadOnlyList<(string Name, CompositionRequest Request)> Requests(string chineseSheet) =>
    [
        ("pop-en-f", new CompositionRequest { Prompt = "upbeat pop with piano, strings and drums, 35 seconds", Seed = 12, Lyric = English, VocalGender = "f" }),
        ("rock-en-m", new CompositionRequest { Prompt = "energetic rock with distorted guitar, 35 seconds", Seed = 31, Lyric = Night, VocalGender = "m" }),
        ("jazz-en-f", new CompositionRequest { Prompt = "smooth jazz with saxophone and brushed drums, 40 seconds", Seed = 5, Lyric = Night, VocalGender = "f" }),
        ("ballad-zh-f", new CompositionRequest { Prompt = "pop ballad, 40 seconds", Seed = 9, Lyric = chineseSheet, VocalGender = "f" }),
        ("folk-zh-m", new CompositionRequest { Prompt = "folk song with acoustic guitar, 35 seconds", Seed = 77, Lyric = chineseSheet, VocalGender = "m" }),
        ("funk-en-m", new CompositionRequest { Prompt = "fast funk with slap bass and organ, 35 seconds", Seed = 203, Lyric = English, VocalGender = "m" }),
    ];

    /// <summary>Renders the song and its stems the way the service does (mastered, stems on the master's gain curve).</summary>
    public static SungSong Make(string name, CompositionRequest request, EngineOptions options, CancellationToken ct)
    {
        var song = Composer.Compose(request);
        AudioBuffer mix;
        using (var synth = new FluidSynthRenderer(options.SoundFontFor(song.Preset))) mix = synth.Render(song.Score);
        Voice.Vocals.RenderParts(song, mix, request.LyricsStrength, ct)?.AddInto(mix);
        Mastering.Prepare(mix);
        var report = Mastering.Finish(mix, new AudioBuffer(mix.Frames, mix.SampleRate));
        var stems = new SongEngine(options).Produce(new SongRecipe(request, report), stems: true, ct).Stems!;
        var two = StemRenderer.VocalsAndInstrumental(stems);
        var vocals = two["vocals"];
        var rest = two["instrumental"];
        var sum = new AudioBuffer(vocals.Frames, vocals.SampleRate);
        for (int i = 0; i < sum.Frames; i++)
        {
            sum.Left[i] = vocals.Left[i] + rest.Left[i];
            sum.Right[i] = vocals.Right[i] + rest.Right[i];
        }
        return new SungSong(name, sum, vocals, rest);
    }
}
