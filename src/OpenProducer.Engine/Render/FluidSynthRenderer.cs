using OpenProducer.Engine.Composition;

namespace OpenProducer.Engine.Render;

/// <summary>
/// Renders a score with libfluidsynth. Every MIDI channel comes out on its own stereo pair, so each part
/// gets its own gain in the mix (and later its own stem) from one synth and one SoundFont load.
/// Not thread-safe: use one instance per render.
/// </summary>
public sealed unsafe class FluidSynthRenderer : IDisposable
{
    private const int Channels = 16;
    private const int Chunk = 1024;
    private readonly IntPtr _settings;
    private readonly IntPtr _synth;
    private readonly int _sfont;
    private readonly int _sampleRate;

    static FluidSynthRenderer()
    {
        // FluidSynth logs to stderr by default; a failed load is reported through our own error instead.
        for (int level = 0; level <= 4; level++) FluidSynthNative.SetLogFunction(level, IntPtr.Zero, IntPtr.Zero);
    }

    public FluidSynthRenderer(string soundFontPath, int sampleRate = 44100)
    {
        if (!File.Exists(soundFontPath)) throw new EngineException($"SoundFont not found: {soundFontPath}");
        _sampleRate = sampleRate;
        _settings = FluidSynthNative.NewSettings();
        FluidSynthNative.SetNum(_settings, "synth.sample-rate", sampleRate);
        FluidSynthNative.SetInt(_settings, "synth.audio-channels", Channels);
        FluidSynthNative.SetInt(_settings, "synth.audio-groups", Channels);
        FluidSynthNative.SetInt(_settings, "synth.polyphony", 512);
        FluidSynthNative.SetInt(_settings, "synth.reverb.active", 1);
        FluidSynthNative.SetInt(_settings, "synth.chorus.active", 0);
        FluidSynthNative.SetInt(_settings, "synth.cpu-cores", 1);
        FluidSynthNative.SetNum(_settings, "synth.gain", 0.5);
        _synth = FluidSynthNative.NewSynth(_settings);
        if (_synth == IntPtr.Zero) throw new EngineException("FluidSynth could not create a synthesizer");
        _sfont = FluidSynthNative.SfLoad(_synth, soundFontPath, 1);
        if (_sfont < 0) throw new EngineException($"FluidSynth could not load the SoundFont {Path.GetFileName(soundFontPath)}");
    }

    /// <summary>Renders the score; each track is scaled by its <see cref="Track.Gain"/> into the stereo mix.</summary>
    public AudioBuffer Render(Score score, double tailSeconds = 2.5) => Render(score, null, null, tailSeconds);

    /// <summary>The length of a full render of the score, in frames.</summary>
    public int FramesFor(Score score, double tailSeconds = 2.5) => Length(Events(score), tailSeconds);

    private int Length(List<Event> events, double tailSeconds) =>
        (int)((events.Count == 0 ? 0 : events[^1].Frame) + tailSeconds * _sampleRate);

    /// <summary>
    /// Renders <paramref name="frames"/> frames of the score (the whole song and its tail when null). With a
    /// <paramref name="capture"/>, every part is also written to its stem from this same pass, so the stems sum to
    /// the returned mix by construction.
    /// </summary>
    public AudioBuffer Render(Score score, int? frames, StemCapture? capture, double tailSeconds = 2.5)
    {
        var events = Events(score);
        int total = frames ?? Length(events, tailSeconds);
        var mix = new AudioBuffer(total, _sampleRate);

        // The room follows the style: a dry, close room for punk, a hall for ballads and ambient music.
        FluidSynthNative.SetReverbRoomSize(_synth, -1, Math.Clamp(score.ReverbRoom, 0, 1));
        FluidSynthNative.SetReverbDamp(_synth, -1, 0.4);
        FluidSynthNative.SetReverbLevel(_synth, -1, 0.7 + 0.3 * score.ReverbRoom);

        var gains = new float[Channels];
        foreach (var t in score.Tracks)
        {
            gains[t.Channel] = t.Gain;
            int bank = t.IsDrums ? 128 : 0;
            FluidSynthNative.ProgramSelect(_synth, t.Channel, _sfont, bank, t.IsDrums ? 0 : t.Program);
            FluidSynthNative.ControlChange(_synth, t.Channel, 7, 100);
            FluidSynthNative.ControlChange(_synth, t.Channel, 10, t.Pan);
            FluidSynthNative.ControlChange(_synth, t.Channel, 91, t.Reverb);
        }

        // Pinned once for the whole render so the hot loop hands FluidSynth stable pointers without allocating.
        var outBufs = new float[Channels * 2][];
        var fxBufs = new float[4][];
        float** outPtr = stackalloc float*[outBufs.Length];
        float** fxPtr = stackalloc float*[fxBufs.Length];
        for (int i = 0; i < outBufs.Length; i++)
        {
            outBufs[i] = GC.AllocateArray<float>(Chunk, pinned: true);
            outPtr[i] = (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref outBufs[i][0]);
        }
        for (int i = 0; i < fxBufs.Length; i++)
        {
            fxBufs[i] = GC.AllocateArray<float>(Chunk, pinned: true);
            fxPtr[i] = (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref fxBufs[i][0]);
        }

        int pos = 0, next = 0;
        while (pos < total)
        {
            while (next < events.Count && events[next].Frame <= pos) Apply(events[next++]);
            long until = next < events.Count ? events[next].Frame : total;
            int len = (int)Math.Clamp(Math.Min(until - pos, total - pos), 1, Chunk);
            foreach (var b in outBufs) Array.Clear(b, 0, len);
            foreach (var b in fxBufs) Array.Clear(b, 0, len);
            if (FluidSynthNative.Process(_synth, len, fxBufs.Length, fxPtr, outBufs.Length, outPtr) != 0)
                throw new EngineException("FluidSynth failed while rendering");
            MixChunk(len, outBufs, fxBufs, gains, mix, pos);
            capture?.Add(len, outBufs, fxBufs, gains, pos);
            pos += len;
        }
        return mix;
    }

    private static void MixChunk(int len, float[][] outBufs, float[][] fxBufs, float[] gains, AudioBuffer mix, int pos)
    {
        var left = mix.Left.AsSpan(pos, len);
        var right = mix.Right.AsSpan(pos, len);
        for (int c = 0; c < Channels; c++)
        {
            float g = gains[c];
            if (g == 0) continue;
            var l = outBufs[2 * c];
            var r = outBufs[2 * c + 1];
            for (int i = 0; i < len; i++) { left[i] += g * l[i]; right[i] += g * r[i]; }
        }
        // The synth's reverb return is shared by all parts.
        for (int i = 0; i < len; i++) { left[i] += 0.6f * fxBufs[0][i]; right[i] += 0.6f * fxBufs[1][i]; }
    }

    private readonly record struct Event(long Frame, bool On, int Channel, int Key, int Velocity);

    private List<Event> Events(Score score)
    {
        var list = new List<Event>();
        foreach (var t in score.Tracks)
        {
            foreach (var n in t.Notes)
            {
                long on = (long)Math.Round(score.TimeOf(n.Start) * _sampleRate);
                long off = Math.Max(on + 1, (long)Math.Round(score.TimeOf(n.Start + n.Length) * _sampleRate));
                list.Add(new Event(on, true, t.Channel, n.Pitch, n.Velocity));
                list.Add(new Event(off, false, t.Channel, n.Pitch, 0));
            }
        }
        // A total order (offs before ons at the same frame) keeps renders byte-identical.
        list.Sort((a, b) =>
        {
            int c = a.Frame.CompareTo(b.Frame);
            if (c != 0) return c;
            c = a.On.CompareTo(b.On);
            if (c != 0) return c;
            c = a.Channel.CompareTo(b.Channel);
            return c != 0 ? c : a.Key.CompareTo(b.Key);
        });
        return list;
    }

    private void Apply(Event e)
    {
        if (e.On) FluidSynthNative.NoteOn(_synth, e.Channel, e.Key, e.Velocity);
        else FluidSynthNative.NoteOff(_synth, e.Channel, e.Key);
    }

    public void Dispose()
    {
        FluidSynthNative.DeleteSynth(_synth);
        FluidSynthNative.DeleteSettings(_settings);
    }
}
