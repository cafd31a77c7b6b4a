using OpenProducer.Engine.Composition;

using OpenProducer.Engine.Core;

using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// The song's voice: sung, then levelled to ride above the band where it sings. One function for the song and
/// for its stems, so both carry the identical vocal.
/// </summary>
public static class Vocals
{
    /// <summary>The sung parts of a song: the lead voice, and the chorus harmony (null when there is none).</summary>
    public sealed record Parts(AudioBuffer Lead, AudioBuffer? Backing)
    {
        public void AddInto(AudioBuffer mix)
        {
            Vocals.AddInto(mix, Lead);
            if (Backing is not null) Vocals.AddInto(mix, Backing);
        }
    }

    /// <summary>The voice as sung, before production: the lead, and the chorus harmony when there is one.</summary>
    public sealed record Sung(AudioBuffer Lead, AudioBuffer? Backing);

    /// <summary>The lead voice and, in choruses, a harmony a diatonic third above it, 7 dB under the lead.</summary>
    public static Parts? RenderParts(ComposedSong song, AudioBuffer band, double lyricsStrength, CancellationToken ct) =>
        Sing(song, band.Frames, band.SampleRate, ct) is { } sung && Produce(song, sung) is { } produced ? Finish(song, produced, band, lyricsStrength) : null;

    /// <summary>
    /// Sings the song's lines (the lead, and the harmony in choruses), <paramref name="frames"/> long. Needs no band,
    /// so it runs while the band renders. Null when the voice sings no line.
    /// </summary>
    /// <param name="lead">Told how far the lead is final as it is sung (for a live stream); <paramref name="backing"/> the same for the harmony.</param>
    public static Sung? Sing(ComposedSong song, int frames, int sampleRate, CancellationToken ct, VoiceProgress? lead = null, VoiceProgress? backing = null)
    {
        var score = song.Score;
        bool InChorus(Composition.LyricLine l) => score.Sections.Any(s => s.Kind == SectionKind.Chorus
            && l.Start >= s.StartBar * score.BeatsPerBar && l.Start < (s.StartBar + s.Bars) * score.BeatsPerBar);
        var chorus = song.Lines.Where(l => Singer.Sings(l.Text) && InChorus(l)).ToList();
        // The harmony is sung after the lead: until then it is final up to its first line.
        backing?.Advance(chorus.Count == 0 ? frames : Math.Max(0, (int)((score.TimeOf(chorus[0].Start) - Placer.MaxLeadIn) * sampleRate)));
        if (!song.Lines.Any(l => Singer.Sings(l.Text)))
        {
            lead?.Advance(frames);
            return null;
        }
        var sungLead = Singer.Sing(song, frames, sampleRate, ct, progress: lead);
        if (chorus.Count == 0) return new Sung(sungLead, null);
        return new Sung(sungLead, Singer.Sing(song, frames, sampleRate, ct, InChorus, p => ThirdAbove(p, score.KeyRoot, score.Minor), backing));
    }

    /// <summary>
    /// The sung parts produced (breaths, then the production chain): everything that needs no
    /// band, so it runs on the voice's own thread while the band renders. Null when the lead is silent. With
    /// <paramref name="keepSung"/>, the parts are produced in copies and the sung ones are left as they are (a live
    /// stream is still reading them).
    /// </summary>
    public static Parts? Produce(ComposedSong song, Sung sung, bool keepSung = false)
    {
        var lines = song.Lines.Where(l => Singer.Sings(l.Text)).ToList();
        var vocal = keepSung ? Copy(sung.Lead) : sung.Lead;
        double vocalEnergy = EnergyInLines(vocal, lines, song, mono: true);
        if (vocalEnergy <= 0) return null;
        Phrasing.AddBreaths(vocal, song, lines);
        Produce(vocal, 10 * Math.Log10(vocalEnergy / Math.Max(1, Frames(lines, song, vocal.SampleRate))), song.Score.ReverbRoom, song.Voice);
        if (sung.Backing is null) return new Parts(vocal, null);
        var backing = keepSung ? Copy(sung.Backing) : sung.Backing;
        Produce(backing, LevelDb(backing), song.Score.ReverbRoom, song.Voice);
        return new Parts(vocal, backing);
    }

    /// <summary>
    /// Level riding, line by line, against the band (in place): the voice sits 1–4 dB above the band inside each line
    /// (lyrics_strength decides how far it leads); a powerful voice a little further forward, a soft one back. The
    /// harmony then follows the ridden lead.
    /// </summary>
    public static Parts Finish(ComposedSong song, Parts produced, AudioBuffer band, double lyricsStrength)
    {
        double colour = 1.5 * song.Voice.Power - 2 * song.Voice.Soft;
        Phrasing.Ride(produced.Lead, band, song, song.Lines.Where(l => Singer.Sings(l.Text)).ToList(), 1 + 3 * lyricsStrength + colour);
        if (produced.Backing is { } backing)
        {
            // Level it against the lead where both sing, 7 dB under, and pan the double a little apart.
            double ratio = Math.Pow(10, (LevelDb(produced.Lead) - LevelDb(backing) - 7) / 20.0);
            for (int i = 0; i < backing.Frames; i++) { backing.Left[i] *= (float)(ratio * 1.1); backing.Right[i] *= (float)(ratio * 0.9); }
        }
        return produced;
    }

    private static AudioBuffer Copy(AudioBuffer a)
    {
        var c = new AudioBuffer(a.Frames, a.SampleRate);
        a.Left.CopyTo(c.Left, 0);
        a.Right.CopyTo(c.Right, 0);
        return c;
    }

    /// <summary>The diatonic third above a pitch in the key (a scale step of two).</summary>
    internal static int ThirdAbove(int pitch, int keyRoot, bool minor)
    {
        int[] scale = minor ? [0, 2, 3, 5, 7, 8, 10] : [0, 2, 4, 5, 7, 9, 11];
        int rel = ((pitch - keyRoot) % 12 + 12) % 12;
        int degree = Array.FindLastIndex(scale, d => d <= rel);
        int target = scale[(degree + 2) % 7] + ((degree + 2) >= 7 ? 12 : 0);
        return pitch - rel + target;
    }

    private static double LevelDb(AudioBuffer a)
    {
        double e = 0; long n = 0;
        for (int i = 0; i < a.Frames; i++) if (a.Left[i] != 0) { e += a.Left[i] * (double)a.Left[i]; n++; }
        return 10 * Math.Log10(Math.Max(1e-20, e / Math.Max(1, n)));
    }

    /// <summary>The levelled lead vocal track, or null when the song has no line this voice sings.</summary>
    public static AudioBuffer? Render(ComposedSong song, AudioBuffer band, double lyricsStrength, CancellationToken ct) =>
        song.Lines.Any(l => Singer.Sings(l.Text)) && Produce(song, new Sung(Singer.Sing(song, band.Frames, band.SampleRate, ct), null)) is { } lead
            ? Finish(song, lead, band, lyricsStrength).Lead : null;

    /// <summary>Energy of the audio inside the sung lines (left channel, or the mean of both).</summary>
    private static double EnergyInLines(AudioBuffer a, IEnumerable<Composition.LyricLine> lines, ComposedSong song, bool mono)
    {
        double e = 0;
        foreach (var line in lines)
        {
            e += Phrasing.Energy(a, (int)(song.Score.TimeOf(line.Start) * a.SampleRate), (int)(song.Score.TimeOf(line.End) * a.SampleRate), mono);
        }
        return e;
    }

    /// <summary>
    /// Vocal production: a rumble cut, de-essing, the voice's colour (air for a breathy voice, drive for a powerful
    /// one, a darker top for a soft one), compression 6 dB under the voice's own level (3:1; 4:1 powerful, 2:1
    /// soft), a presence lift, then a reverb sized to the style's room. All of it stays in the vocal stem.
    /// </summary>
    private static void Produce(AudioBuffer vocal, double levelDb, double room, VoiceProfile voice)
    {
        // The sung voice is mono (the same samples left and right) up to the reverb: the chain runs once and is
        // copied, which gives exactly what running it on both channels gives.
        bool mono = vocal.Left.AsSpan().SequenceEqual(vocal.Right);
        var channels = mono ? [vocal.Left] : new[] { vocal.Left, vocal.Right };
        foreach (var channel in channels)
        {
            Biquad.HighPass(100, 0.707, vocal.SampleRate).Process(channel);
            DeEsser.Apply(channel, vocal.SampleRate);
            if (voice.Power > 0) Drive(channel, 1.5 * voice.Power);
            if (voice.Soft > 0) Biquad.LowPass(7000, 0.707, vocal.SampleRate).Process(channel);
        }
        if (mono) vocal.Left.CopyTo(vocal.Right, 0);
        if (voice.Breath > 0) AddBreath(vocal, 0.8 * voice.Breath);
        double ratio = voice.Power > 0 ? 4 : voice.Soft > 0 ? 2 : 3;
        BusCompressor.Apply(vocal, levelDb - 6, ratio, attackMs: 5, releaseMs: 120);
        double presence = voice.Power > 0 ? 4 : voice.Soft > 0 ? 1 : 2.5;
        foreach (var channel in channels)
            Biquad.Peaking(3000, 1.0, presence, vocal.SampleRate).Process(channel);
        if (mono) vocal.Left.CopyTo(vocal.Right, 0);
        Reverb.Apply(vocal, room, damping: 0.4, wet: 0.18 + 0.12 * room, wetWidth: 2.5);
    }

    /// <summary>
    /// Soft saturation: peaks round off, harmonics thicken the tone. The knee sits 6 dB over the voice's RMS (where it
    /// sings), not at its peak: a voice with a few sharp pulses would otherwise stay almost linear.
    /// </summary>
    private static void Drive(float[] x, double drive)
    {
        double e = 0; long n = 0;
        foreach (var v in x) if (v != 0) { e += v * (double)v; n++; }
        if (n == 0) return;
        double knee = Math.Sqrt(e / n) * 2;
        double norm = Math.Tanh(drive);
        for (int i = 0; i < x.Length; i++) x[i] = (float)(knee * Math.Tanh(drive * x[i] / knee) / norm);
    }

    /// <summary>
    /// Air: band-limited noise (1.5–7 kHz) that follows the voice's envelope, about 15 dB under it at full
    /// breathiness. The noise is seeded, so the song stays deterministic.
    /// </summary>
    private static void AddBreath(AudioBuffer vocal, double amount)
    {
        var rng = new Rng(0xB5EA7);
        var highPass = Biquad.HighPass(1500, 0.707, vocal.SampleRate);
        var lowPass = Biquad.LowPass(7000, 0.707, vocal.SampleRate);
        var envelope = new EnvelopeFollower(5, 50, vocal.SampleRate);
        // Block by block (the noise and its filters stream): no song-length noise is held.
        var noise = new float[Math.Min(BreathBlock, vocal.Frames)];
        for (int from = 0; from < vocal.Frames; from += noise.Length)
        {
            var block = noise.AsSpan(0, Math.Min(noise.Length, vocal.Frames - from));
            for (int i = 0; i < block.Length; i++) block[i] = (float)(rng.NextDouble() * 2 - 1);
            highPass.Process(block);
            lowPass.Process(block);
            for (int i = 0; i < block.Length; i++)
            {
                float air = (float)(amount * envelope.Next(vocal.Left[from + i]) * block[i]);
                vocal.Left[from + i] += air;
                vocal.Right[from + i] += air;
            }
        }
    }

    private const int BreathBlock = 1 << 14;

    private static long Frames(IEnumerable<Composition.LyricLine> lines, ComposedSong song, int sampleRate) =>
        lines.Sum(l => (long)((song.Score.TimeOf(l.End) - song.Score.TimeOf(l.Start)) * sampleRate));

    public static void AddInto(AudioBuffer mix, AudioBuffer vocal)
    {
        mix.Add(vocal);
    }
}
