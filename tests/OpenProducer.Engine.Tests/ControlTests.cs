using OpenProducer.Engine.Composition;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>Does the delivered audio have the tempo and key the engine says it has? Measured with aubio and a chroma key estimate.</summary>
public class ControlTests(ITestOutputHelper output)
{
    public static readonly string[] VariedPrompts =
    [
        "upbeat pop with piano, 40 seconds",
        "dark rock anthem with distorted guitar, 40 seconds",
        "relaxing jazz for a coffee shop, 40 seconds",
        "一首欢快的流行歌曲，40秒",
        "sad piano ballad, 40 seconds",
        "energetic electronic dance track, 40 seconds",
        "country song with banjo, 40 seconds",
        "funk groove with slap bass, 40 seconds",
        "古风 古筝 笛子，40秒",
        "reggae in G major, 40 seconds",
    ];

    [Fact]
    public async Task Aubio_and_a_chroma_key_estimate_agree_with_the_engine_on_varied_prompts()
    {
        int tempoOk = 0, keyOk = 0;
        string dir = Directory.CreateTempSubdirectory("control-").FullName;
        var engine = new SongEngine(TestSoundFonts.Options);
        for (int i = 0; i < VariedPrompts.Length; i++)
        {
            string audio = Path.Combine(dir, $"{i}.m4a");
            var song = await engine.CreateAsync(new CompositionRequest { Prompt = VariedPrompts[i], Seed = (ulong)(100 + i) },
                audio, Path.Combine(dir, $"{i}.jpg"), null, CancellationToken.None);
            double bpm = Media.AubioTempo(audio);
            var key = KeyEstimator.Estimate(Media.DecodeMono(audio));
            bool t = Media.TempoMatches(bpm, song.Composition.Score.Tempo);
            bool k = KeyEstimator.SameOrRelative(key, KeyEstimator.Parse(song.Composition.KeyName));
            tempoOk += t ? 1 : 0;
            keyOk += k ? 1 : 0;
            output.WriteLine($"{VariedPrompts[i]}: tempo {song.Composition.Score.Tempo} vs aubio {bpm:F1} {(t ? "ok" : "MISS")}; key {song.Composition.KeyName} vs {KeyEstimator.Name(key)} {(k ? "ok" : "MISS")}");
        }
        Assert.True(tempoOk >= 9, $"tempo agreed on {tempoOk}/10");
        Assert.True(keyOk >= 8, $"key agreed on {keyOk}/10");
    }
}
