using System.Diagnostics;
using System.Globalization;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Separation;

namespace OpenProducer.Bench;

/// <summary>
/// The delivered AAC against other encoder settings, on masters of different genres: how far each one's noise sits
/// under the masking threshold the music sets (noise-to-mask ratio), what the encoder costs, and the file's size.
/// Each master is encoded by FFmpeg's command line with each setting, decoded, and compared with the master.
/// </summary>
/// <remarks>
/// The mask is a simple psychoacoustic model (Johnston's): spectra of 2048-point Hann frames, hop 1024, summed in
/// half-Bark bands up to 16 kHz; each band's energy spread over its neighbours (27 dB per Bark downwards, 12 upwards)
/// and lowered by an offset that goes from 5.5 dB for noise-like bands to 14.5 dB plus the band's Bark number for
/// tonal ones (tonality from the band's spectral flatness, −60 dB flat being fully tonal); never under the threshold
/// in quiet (Terhardt's, a full-scale sine taken as 92 dB SPL). Frames under −60 dBFS are left out. The ratio is the
/// noise energy over the mask, averaged over bands and frames, in dB (lower is better; under 0 the noise is masked
/// on average); "disturbed" is the share of frames whose worst band's noise is over its mask by 1.5 dB or more. It
/// is measured on the left and right channels together and again on their sum and difference (mid and side).
/// </remarks>
internal static class CodecBench
{
    private static readonly string[] Prompts =
    [
        "hard rock with distorted guitars", "acoustic folk with fingerpicked guitar and harmonica", "edm festival anthem with big synths",
        "jazz trio with upright bass and brushes", "k-pop dance song", "pop ballad with piano", "classical string quartet", "lofi hip hop beat",
    ];

    /// <summary>The settings compared: the delivered one first (see <see cref="Ffmpeg.AacOptions"/>), then FFmpeg's default coder at the bit rates around it.</summary>
    private static readonly (string Name, string Args)[] Settings =
    [
        ("delivered", Ffmpeg.Aac),
        ("two-loop 192k", "-c:a aac -b:a 192k -aac_pns 0 -aac_is 0"),
        ("two-loop 256k", "-c:a aac -b:a 256k -aac_pns 0 -aac_is 0"),
    ];

    public static async Task RunAsync(int songs, string outDir)
    {
        var engine = new SongEngine(new EngineOptions());
        var model = new MaskModel(44100);
        var totals = Settings.ToDictionary(s => s.Name, _ => new List<double>());
        for (int i = 0; i < Math.Min(songs, Prompts.Length); i++)
        {
            var made = await engine.CreateAsync(new CompositionRequest { Prompt = Prompts[i], Seed = (ulong)(900 + i), Model = "FUZZ-2.0 Pro" },
                Path.Combine(outDir, "codec.m4a"), Path.Combine(outDir, "codec.jpg"), null, CancellationToken.None);
            var master = made.Audio!;
            foreach (var (name, args) in Settings)
            {
                string m4a = Path.Combine(outDir, "codec-compare.m4a");
                double cpu = ProcessUsage.Read("self").Cpu;
                var sw = Stopwatch.StartNew();
                await Ffmpeg.RunAsync($"-hide_banner -loglevel error -y -f f32le -ar {master.SampleRate} -ac 2 -i pipe:0 {args} -fflags +bitexact -f mp4 \"{m4a}\"",
                    stdin => Ffmpeg.WriteInterleaved(master, 0, master.Frames, stdin, CancellationToken.None), CancellationToken.None);
                double wall = sw.Elapsed.TotalSeconds, encodeCpu = ProcessUsage.Read("self").Cpu - cpu;
                long size = new FileInfo(m4a).Length;
                var decoded = await Ffmpeg.DecodeAsync(m4a, master.SampleRate, master.Frames, CancellationToken.None);
                var lr = model.Measure(master, decoded, midSide: false);
                var ms = model.Measure(master, decoded, midSide: true);
                totals[name].Add(lr.Total);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"codec: {Prompts[i]} ({made.DurationSeconds:F0} s) {name}: NMR L/R {lr} | mid/side {ms} | encoder {encodeCpu:F2} s of CPU ({wall:F2} s), {size / 1048576.0:F2} MiB"));
            }
        }
        Console.WriteLine("codec: median NMR L/R " + string.Join(", ", totals.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {Median(t.Value):F2} dB"))));
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>A noise-to-mask ratio, overall and by region (under 4 kHz, 4–8 kHz, 8–16 kHz), and the share of disturbed frames.</summary>
    internal readonly record struct Nmr(double Total, double Low, double Mid, double High, double Disturbed)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Total:F2} dB (<4k {Low:F2}, 4-8k {Mid:F2}, 8-16k {High:F2}), disturbed {Disturbed:F1} %");
    }

    /// <summary>The masking model of the remarks above, for one sample rate.</summary>
    internal sealed class MaskModel
    {
        private const int N = 2048, Hop = 1024;
        private readonly float[] _window = new float[N];
        private readonly int[] _band;
        private readonly int _bands;
        private readonly double[] _centre, _centreHz, _quiet;
        private readonly double[,] _spread;
        private readonly double _fullScale;

        public MaskModel(int sampleRate)
        {
            for (int i = 0; i < N; i++) _window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (N - 1)));
            int bins = N / 2 + 1;
            _band = new int[bins];
            var bark = new double[bins];
            for (int k = 0; k < bins; k++)
            {
                double f = k * (double)sampleRate / N;
                bark[k] = 13 * Math.Atan(0.00076 * f) + 3.5 * Math.Atan(Math.Pow(f / 7500, 2));
                _band[k] = f <= 16000 ? (int)(bark[k] / 0.5) : -1;
            }
            _bands = _band.Max() + 1;
            _centre = new double[_bands];
            _centreHz = new double[_bands];
            _quiet = new double[_bands];
            double sum = _window.Sum(w => (double)w);
            _fullScale = sum / 2 * (sum / 2);
            for (int b = 0; b < _bands; b++)
            {
                var ks = Enumerable.Range(0, bins).Where(k => _band[k] == b).ToList();
                if (ks.Count == 0) continue;
                _centre[b] = ks.Average(k => bark[k]);
                _centreHz[b] = ks.Average(k => k * (double)sampleRate / N);
                // Terhardt's threshold in quiet, at the band's quietest bin, for each of its bins.
                _quiet[b] = ks.Min(k =>
                {
                    double khz = Math.Max(k * (double)sampleRate / N, 20) / 1000;
                    double db = 3.64 * Math.Pow(khz, -0.8) - 6.5 * Math.Exp(-0.6 * Math.Pow(khz - 3.3, 2)) + 1e-3 * Math.Pow(khz, 4);
                    return _fullScale * Math.Pow(10, (db - 92) / 10);
                }) * ks.Count;
            }
            _spread = new double[_bands, _bands];
            for (int i = 0; i < _bands; i++)
                for (int j = 0; j < _bands; j++)
                {
                    double d = _centre[i] - _centre[j];
                    _spread[i, j] = Math.Pow(10, (d < 0 ? 27 * d : -12 * d) / 10);
                }
        }

        public Nmr Measure(AudioBuffer reference, AudioBuffer decoded, bool midSide)
        {
            int n = Math.Min(reference.Frames, decoded.Frames);
            float[] Channel(AudioBuffer a, int c) => Enumerable.Range(0, n).Select(i => midSide
                ? (c == 0 ? (a.Left[i] + a.Right[i]) / 2 : (a.Left[i] - a.Right[i]) / 2)
                : (c == 0 ? a.Left[i] : a.Right[i])).ToArray();
            double total = 0, low = 0, mid = 0, high = 0;
            long cells = 0, lowCells = 0, midCells = 0, highCells = 0, frames = 0, disturbed = 0;
            var fft = new Fft(N);
            var re = new float[N];
            var im = new float[N];
            var x = new double[N / 2 + 1];
            var e = new double[N / 2 + 1];
            var xb = new double[_bands];
            var eb = new double[_bands];
            var logSum = new double[_bands];
            var count = new int[_bands];
            for (int c = 0; c < 2; c++)
            {
                var reference1 = Channel(reference, c);
                var decoded1 = Channel(decoded, c);
                for (int at = 0; at + N <= n; at += Hop)
                {
                    void Power(Func<int, float> sample, double[] into)
                    {
                        for (int i = 0; i < N; i++)
                        {
                            re[i] = sample(at + i) * _window[i];
                            im[i] = 0;
                        }
                        fft.Transform(re, im, inverse: false);
                        for (int k = 0; k < into.Length; k++) into[k] = re[k] * (double)re[k] + im[k] * (double)im[k];
                    }
                    Power(i => reference1[i], x);
                    Power(i => decoded1[i] - reference1[i], e);
                    Array.Clear(xb);
                    Array.Clear(eb);
                    Array.Clear(logSum);
                    Array.Clear(count);
                    for (int k = 0; k < x.Length; k++)
                    {
                        int b = _band[k];
                        if (b < 0) continue;
                        xb[b] += x[k];
                        eb[b] += e[k];
                        logSum[b] += Math.Log(x[k] + 1e-20);
                        count[b]++;
                    }
                    if (xb.Sum() <= _fullScale * 1e-6) continue;
                    frames++;
                    double worst = 0;
                    for (int i = 0; i < _bands; i++)
                    {
                        if (count[i] == 0) continue;
                        double flatness = 10 * Math.Log10(Math.Exp(logSum[i] / count[i]) / (xb[i] / count[i] + 1e-20) + 1e-20);
                        double tonal = Math.Min(flatness / -60, 1);
                        double offset = tonal * (14.5 + _centre[i]) + (1 - tonal) * 5.5;
                        double spread = 0;
                        for (int j = 0; j < _bands; j++) spread += xb[j] * _spread[i, j];
                        double mask = Math.Max(spread * Math.Pow(10, -offset / 10), _quiet[i]);
                        double r = eb[i] / mask;
                        worst = Math.Max(worst, r);
                        total += r;
                        cells++;
                        if (_centreHz[i] < 4000) { low += r; lowCells++; }
                        else if (_centreHz[i] < 8000) { mid += r; midCells++; }
                        else { high += r; highCells++; }
                    }
                    if (10 * Math.Log10(worst) > 1.5) disturbed++;
                }
            }
            static double Db(double sum, long n) => 10 * Math.Log10(sum / Math.Max(n, 1));
            return new Nmr(Db(total, cells), Db(low, lowCells), Db(mid, midCells), Db(high, highCells), 100.0 * disturbed / Math.Max(frames, 1));
        }
    }
}
