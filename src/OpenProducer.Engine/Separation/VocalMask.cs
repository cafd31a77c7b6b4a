using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Separation;

/// <summary>
/// Frame by frame over the recording: each frame's vocal mask from its repeating background, its harmonic and
/// percussive parts, its inter-channel coherence and the voice band, then the masked frame added into the vocals.
/// </summary>
internal sealed class VocalMask
{
    private readonly SeparationSettings _s;
    private readonly SpectralRing _ring;
    private readonly int _search;
    private readonly int _gap;
    private readonly int _neighbours;
    private readonly float[] _band;
    private readonly float[] _mask;
    private readonly float[] _masks;
    private readonly float[] _raw;
    private readonly float[] _raw2;
    private readonly VoicePitch? _pitch;
    private readonly float _lowEdgeBin;
    /// <summary>The bins the band weight is above zero in (an octave either side of the band): no mask outside them.</summary>
    private readonly int _firstBin;
    private readonly int _lastBin;
    private readonly float[] _voiceEnergy;
    private readonly float[] _bandEnergy;
    private readonly int _reach;
    private readonly int _delay;
    private readonly int _gateHalf;
    private readonly int _presenceTop;
    private readonly float[] _background;
    private readonly float[] _harmonic;
    private readonly float[] _percussive;
    private readonly float[] _bestSimilarity;
    private readonly int[] _bestFrame;
    private readonly float[] _scratch;

    public VocalMask(AudioBuffer mix, SeparationSettings settings)
    {
        _s = settings;
        int size = VocalSeparator.WindowSize(mix.SampleRate, settings.WindowSeconds);
        int hop = size / 4;
        _search = Math.Max(1, (int)Math.Round(settings.SearchSeconds * mix.SampleRate / hop));
        _gap = Math.Max(1, (int)Math.Round(settings.MinGapSeconds * mix.SampleRate / hop));
        _neighbours = settings.Neighbours;
        _reach = Math.Max(_search, settings.HarmonicHalf);
        _gateHalf = (int)Math.Round(settings.GateSeconds * mix.SampleRate / hop);
        _delay = Math.Max(settings.SmoothHalf, _gateHalf);
        int capacity = Math.Max(_search, _delay) + _reach + 2;
        _ring = new SpectralRing(mix, size, capacity, settings.Bands, (float)settings.CentreFloor, settings.CentrePower)
        {
            SideFeature = settings.SideFeature,
        };
        int bins = _ring.Bins;
        _band = new float[bins];
        for (int k = 0; k < bins; k++) _band[k] = BandWeight(k * (double)mix.SampleRate / size, settings.LowHz, settings.HighHz);
        _mask = new float[bins];
        _masks = new float[capacity * bins];
        _raw = new float[bins];
        _raw2 = new float[bins];
        _lowEdgeBin = (float)(settings.LowHz * size / mix.SampleRate);
        _firstBin = Math.Max(1, (int)Math.Floor(_lowEdgeBin / 2));
        _lastBin = Math.Min(bins - 1, (int)Math.Ceiling(2 * settings.HighHz * size / mix.SampleRate));
        if (settings.PitchVoicing > 0) _pitch = new VoicePitch(size, mix.SampleRate, settings.LowHz, 70, 1000, settings.PitchDecay);
        _voiceEnergy = new float[capacity];
        _bandEnergy = new float[capacity];
        _presenceTop = (int)Math.Min(bins, 4000.0 * size / mix.SampleRate);
        _background = new float[bins];
        _harmonic = new float[bins];
        _percussive = new float[bins];
        _bestSimilarity = new float[_neighbours];
        _bestFrame = new int[_neighbours];
        _scratch = new float[Math.Max(_neighbours, 2 * Math.Max(settings.HarmonicHalf, settings.PercussiveHalf) + 1)];
    }

    /// <summary>1 inside the band, a raised-cosine fall over the octave outside it.</summary>
    private static float BandWeight(double hz, double low, double high)
    {
        if (hz <= low / 2 || hz >= high * 2) return 0;
        if (hz < low) return (float)(0.5 - 0.5 * Math.Cos(Math.PI * Math.Log2(hz / (low / 2))));
        if (hz > high) return (float)(0.5 + 0.5 * Math.Cos(Math.PI * Math.Log2(hz / high)));
        return 1;
    }

    public void Run(AudioBuffer vocals, CancellationToken ct)
    {
        int frames = _ring.Frames, analysed = 0;
        // Frame f's own mask is made once its neighbours are analysed; it is applied _delay frames later, when the
        // masks and the vocal presence around it are known.
        for (int f = 0; f < frames + _delay; f++)
        {
            if ((f & 63) == 0) ct.ThrowIfCancellationRequested();
            if (f < frames)
            {
                int need = Math.Min(frames - 1, f + _reach);
                while (analysed <= need) _ring.Analyse(analysed++);
                Background(f);
                HarmonicPercussive(f);
                Combine(f);
            }
            int g = f - _delay;
            if (g < 0) continue;
            Refine(g);
            _ring.Synthesise(g, _mask, vocals);
        }
    }

    /// <summary>
    /// The applied mask: the frame masks around it averaged (less flutter between frames), times the activity gate:
    /// where the vocal estimate holds little of the voice band's energy over a stretch, nobody is singing, and what
    /// is left is the band's own centred parts.
    /// </summary>
    private void Refine(int g)
    {
        var ring = _ring;
        int bins = ring.Bins, last = ring.Frames - 1;
        int lo = Math.Max(0, g - _s.SmoothHalf), hi = Math.Min(last, g + _s.SmoothHalf);
        float gate = 1;
        if (_s.GateHigh > 0)
        {
            double voice = 0, band = 0;
            for (int h = Math.Max(0, g - _gateHalf); h <= Math.Min(last, g + _gateHalf); h++)
            {
                voice += _voiceEnergy[ring.Slot(h)];
                band += _bandEnergy[ring.Slot(h)];
            }
            double presence = band > 0 ? voice / band : 0;
            gate = (float)Math.Clamp((presence - _s.GateLow) / (_s.GateHigh - _s.GateLow), _s.GateFloor, 1);
        }
        float scale = gate / (hi - lo + 1);
        _mask.AsSpan().Clear();
        for (int h = lo; h <= hi; h++)
        {
            var m = _masks.AsSpan(ring.Slot(h) * bins, bins);
            for (int k = 0; k < bins; k++) _mask[k] += m[k];
        }
        for (int k = 0; k < bins; k++) _mask[k] *= scale;
    }

    /// <summary>The repeating background: per bin, the median over the frames most like this one (never above the frame).</summary>
    private void Background(int f)
    {
        var ring = _ring;
        int bands = ring.Bands, lo = Math.Max(0, f - _search), hi = Math.Min(ring.Frames - 1, f + _search), count = 0;
        var me = ring.Feature.AsSpan(ring.Slot(f) * bands, bands);
        for (int g = lo; g <= hi; g++)
        {
            if (Math.Abs(g - f) < _gap) continue;
            var other = ring.Feature.AsSpan(ring.Slot(g) * bands, bands);
            float sim = Dot(me, other);
            if (count < _neighbours) Insert(sim, g, count++);
            else if (sim > _bestSimilarity[count - 1]) Insert(sim, g, count - 1);
        }
        int o = ring.Slot(f) * ring.Bins;
        if (count == 0)
        {
            for (int k = 0; k < ring.Bins; k++) _background[k] = Level(o + k);
            return;
        }
        var values = _scratch.AsSpan(0, count);
        for (int k = _firstBin; k <= _lastBin; k++)
        {
            for (int j = 0; j < count; j++) values[j] = Level(ring.Slot(_bestFrame[j]) * ring.Bins + k);
            _background[k] = Math.Min(Median(values), Level(o + k));
        }
    }

    /// <summary>Puts a candidate at its place in the best list (sorted by similarity, then by frame), dropping the last.</summary>
    private void Insert(float similarity, int frame, int at)
    {
        int i = at;
        while (i > 0 && _bestSimilarity[i - 1] < similarity)
        {
            _bestSimilarity[i] = _bestSimilarity[i - 1];
            _bestFrame[i] = _bestFrame[i - 1];
            i--;
        }
        _bestSimilarity[i] = similarity;
        _bestFrame[i] = frame;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.Length; i += 4)
        {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.Length; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>Median filtering: along time for the harmonic part, along frequency for the percussive part.</summary>
    private void HarmonicPercussive(int f)
    {
        var ring = _ring;
        int bins = ring.Bins, h = _s.HarmonicHalf, p = _s.PercussiveHalf;
        int lo = Math.Max(0, f - h), hi = Math.Min(ring.Frames - 1, f + h);
        int o = ring.Slot(f) * bins;
        if (_s.HarmonicPower == 0) return;
        for (int k = 0; k < bins; k++)
        {
            var values = _scratch.AsSpan(0, hi - lo + 1);
            for (int g = lo; g <= hi; g++) values[g - lo] = Level(ring.Slot(g) * bins + k);
            _harmonic[k] = Median(values);
            int a = Math.Max(0, k - p), b = Math.Min(bins - 1, k + p);
            var across = _scratch.AsSpan(0, b - a + 1);
            for (int j = a; j <= b; j++) across[j - a] = Level(o + j);
            _percussive[k] = Median(across);
        }
    }

    private void Combine(int f)
    {
        var ring = _ring;
        int o = ring.Slot(f) * ring.Bins;
        var mask = _masks.AsSpan(o, ring.Bins);
        double voice = 0, band = 0;
        mask.Clear();
        _raw.AsSpan().Clear();
        for (int k = _firstBin; k <= _lastBin; k++)
        {
            float m = Level(o + k);
            if (m <= 1e-12f) continue;
            float b = _background[k];
            float repetition = Math.Clamp(_s.WienerRepetition ? (m * m - b * b) / (m * m) : (m - b) / m, 0f, 1f);
            float h2 = _harmonic[k] * _harmonic[k], p2 = _percussive[k] * _percussive[k];
            float harmonic = h2 + p2 > 0 ? h2 / (h2 + p2) : 0;
            _raw[k] = ring.Centre[o + k] * Pow(repetition, _s.RepetitionPower) * Pow(harmonic, _s.HarmonicPower);
            mask[k] = _band[k] * _raw[k];
            if (_band[k] == 1 && k < _presenceTop)
            {
                float all = ring.Magnitude[o + k], v = mask[k] * all;
                voice += v * v;
                band += all * all;
            }
        }
        if (_pitch is not null) OpenLowBand(f, mask);
        _voiceEnergy[ring.Slot(f)] = (float)voice;
        _bandEnergy[ring.Slot(f)] = (float)band;
    }

    /// <summary>
    /// Between half the band's low edge and the edge, the bins around the sung partials get their unweighted mask.
    /// Lower still the mask stays shut: opened there, a misjudged octave lets the bass in (measured: female voices
    /// lost more than male ones gained).
    /// </summary>
    private void OpenLowBand(int f, Span<float> mask)
    {
        var ring = _ring;
        int o = ring.Slot(f) * ring.Bins;
        for (int k = 0; k < ring.Bins; k++) _raw2[k] = mask[k] * ring.Magnitude[o + k];
        float f0 = _pitch!.Estimate(_raw2, _s.PitchVoicing);
        if (f0 <= 0) return;
        for (float partial = f0; partial < _lowEdgeBin; partial += f0)
        {
            int from = Math.Max(1, (int)Math.Floor(partial - 2)), to = Math.Min(ring.Bins - 1, (int)Math.Ceiling(partial + 2));
            for (int k = from; k <= to; k++)
            {
                float w = Math.Max(0f, 1f - Math.Abs(k - partial) / 1.5f);
                mask[k] = Math.Max(mask[k], w * _raw[k]);
            }
        }
    }

    /// <summary>The level the repetition and harmonic models work on: the centred part of the mix, or all of it.</summary>
    private float Level(int at) => _s.CentredModels ? _ring.Magnitude[at] * _ring.Centre[at] : _ring.Magnitude[at];

    private static float Pow(float x, double power) => power == 1 ? x : power == 0 ? 1 : (float)Math.Pow(x, power);

    /// <summary>Median by insertion sort (the spans here are short); the mean of the middle two for an even count.</summary>
    private static float Median(Span<float> v)
    {
        for (int i = 1; i < v.Length; i++)
        {
            float x = v[i];
            int j = i - 1;
            while (j >= 0 && v[j] > x) { v[j + 1] = v[j]; j--; }
            v[j + 1] = x;
        }
        int n = v.Length;
        return (n & 1) == 1 ? v[n / 2] : 0.5f * (v[n / 2 - 1] + v[n / 2]);
    }
}
