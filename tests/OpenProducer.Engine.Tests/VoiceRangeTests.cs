using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Style;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>Male and female voices: where they sing, and whether the female voice has a female vocal tract.</summary>
public class VoiceRangeTests(ITestOutputHelper output)
{
    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    private static CompositionRequest Request(string? gender, string prompt = "pop") =>
        new() { Prompt = prompt, Seed = 5, Lyric = Lyric, VocalGender = gender };

    [Fact]
    public async Task Male_and_female_voices_sing_in_their_ranges_an_octave_apart()
    {
        double male = await MedianF0(Request("m")), female = await MedianF0(Request("f"));
        output.WriteLine($"median F0 of the lead vocal: male {male:F1} Hz, female {female:F1} Hz, ratio {female / male:F2}");
        Assert.InRange(male, 90, 260);
        Assert.InRange(female, 170, 520);
        Assert.True(female / male >= 1.4, $"female/male {female / male:F2}");
    }

    [Theory]
    [InlineData("pop, female vocals", VoiceGender.Female)]
    [InlineData("流行 女声", VoiceGender.Female)]
    [InlineData("rock with a deep baritone", VoiceGender.Male)]
    [InlineData("民谣 男声", VoiceGender.Male)]
    public void The_prompt_names_the_singer(string prompt, VoiceGender expected) =>
        Assert.Equal(expected, Composer.Compose(Request(null, prompt)).Voice.Gender);

    [Fact]
    public void Vocal_gender_overrides_the_prompt_and_the_seed_picks_when_nothing_is_said()
    {
        Assert.Equal(VoiceGender.Male, Composer.Compose(Request("m", "female vocals")).Voice.Gender);
        var picked = Enumerable.Range(0, 16).Select(seed => Composer.Compose(Request(null) with { Seed = (ulong)seed }).Voice.Gender).ToList();
        Assert.Contains(VoiceGender.Male, picked);
        Assert.Contains(VoiceGender.Female, picked);
    }

    /// <summary>
    /// The spectral envelope (cepstrally smoothed, so harmonics do not count) of the female voice is the male's
    /// stretched along the frequency axis: that stretch is the formant scale. Pitch alone would leave it at 1.
    /// </summary>
    [Fact]
    public void The_female_voice_has_higher_formants_not_only_a_higher_pitch()
    {
        double[] Envelope(string gender)
        {
            var song = Composer.Compose(Request(gender));
            int frames = (int)((song.Score.TimeOf(song.Lines[^1].End) + 1) * 44100);
            return LongTermEnvelope(Singer.Sing(song, frames, 44100, CancellationToken.None).Left);
        }
        var male = Envelope("m");
        var female = Envelope("f");
        double best = 1, bestCorr = double.MinValue;
        for (double scale = 0.85; scale <= 1.35; scale += 0.01)
        {
            double c = Correlation(male, female, scale);
            if (c > bestCorr) { bestCorr = c; best = scale; }
        }
        output.WriteLine($"female envelope = male envelope stretched by {best:F2} (correlation {bestCorr:F3}); at 1.00: {Correlation(male, female, 1):F3}");
        Assert.InRange(best, 1.06, 1.25);
    }

    private static async Task<double> MedianF0(CompositionRequest request)
    {
        string dir = Directory.CreateTempSubdirectory("range-").FullName;
        try
        {
            var song = await new SongEngine(TestSoundFonts.Options).CreateAsync(request, Path.Combine(dir, "a.m4a"), Path.Combine(dir, "a.jpg"), null, CancellationToken.None);
            var lead = new SongEngine(TestSoundFonts.Options).Produce(song.Recipe, stems: true, CancellationToken.None).Stems![StemGroups.Vocals];
            var hz = Media.AubioPitch(lead, "Hz").Select(p => p.Value).Order().ToList();
            Assert.True(hz.Count > 100, "too few pitched frames");
            return hz[hz.Count / 2];
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private const int N = 2048;

    /// <summary>Mean log-magnitude envelope (dB per FFT bin) over the loud frames, liftered to 40 cepstral bins.</summary>
    private static double[] LongTermEnvelope(float[] x)
    {
        var sum = new double[N / 2];
        double peak = 0;
        for (int s = 0; s + N <= x.Length; s += N / 2) peak = Math.Max(peak, Media.RmsDb(x.AsSpan(s, N)));
        int count = 0;
        for (int s = 0; s + N <= x.Length; s += N / 2)
        {
            if (Media.RmsDb(x.AsSpan(s, N)) < peak - 25) continue;
            var re = new double[N];
            var im = new double[N];
            for (int i = 0; i < N; i++) re[i] = x[s + i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / N));
            KeyEstimator.Fft(re, im);
            for (int i = 0; i < N; i++) { re[i] = Math.Log(Math.Max(1e-9, Math.Sqrt(re[i] * re[i] + im[i] * im[i]))); im[i] = 0; }
            KeyEstimator.Fft(re, im); // real cepstrum (up to scale and sign of the quefrency axis, both irrelevant here)
            for (int i = 40; i < N - 40; i++) { re[i] = 0; im[i] = 0; }
            for (int i = 0; i < N; i++) im[i] = -im[i];
            KeyEstimator.Fft(re, im);
            for (int i = 0; i < N / 2; i++) sum[i] += re[i] / N;
            count++;
        }
        return sum.Select(v => v / Math.Max(1, count)).ToArray();
    }

    /// <summary>Correlation of the female envelope with the male one stretched by <paramref name="scale"/>, 300–4000 Hz.</summary>
    private static double Correlation(double[] male, double[] female, double scale)
    {
        var a = new List<double>();
        var b = new List<double>();
        for (double hz = 300; hz <= 4000; hz *= 1.01)
        {
            a.Add(Interpolate(female, hz));
            b.Add(Interpolate(male, hz / scale));
        }
        double ma = a.Average(), mb = b.Average(), num = 0, da = 0, db = 0;
        for (int i = 0; i < a.Count; i++) { num += (a[i] - ma) * (b[i] - mb); da += (a[i] - ma) * (a[i] - ma); db += (b[i] - mb) * (b[i] - mb); }
        return num / Math.Sqrt(da * db);
    }

    private static double Interpolate(double[] env, double hz)
    {
        double bin = hz * N / 44100.0;
        int i = Math.Clamp((int)bin, 0, env.Length - 2);
        return env[i] + (env[i + 1] - env[i]) * (bin - i);
    }
}
