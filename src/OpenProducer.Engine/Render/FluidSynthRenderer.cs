using System.Runtime.InteropServices;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Render;

/// <summary>
/// Renders a score with libfluidsynth, dry: every MIDI channel comes out on its own stereo pair and goes to a
/// <see cref="IRenderSink"/> (the band mixer), which gives each part its own processing and, later, its own stem.
/// The SoundFonts of a <see cref="SoundSet"/> are parsed when the renderer is made and each preset's samples are read
/// when a part selects it; every render gets a new renderer from the <see cref="SynthPool"/>.
/// Not thread-safe: one render at a time per instance.
/// </summary>
public sealed unsafe class FluidSynthRenderer : IDisposable
{
    public const int Channels = 16;
    private const int Chunk = 1024;
    private readonly FluidSettingsHandle _settings;
    private readonly FluidSynthHandle _synth;
    private readonly Dictionary<string, int> _fonts = new();
    private readonly int _sampleRate;
    /// <summary>Frames processed since the synth was made: FluidSynth renders in blocks of 64, see <see cref="Align"/>.</summary>
    private long _clock;
    private const int Block = 64;

    static FluidSynthRenderer()
    {
        // FluidSynth logs to stderr by default; a failed load is reported through our own error instead.
        for (int level = 0; level <= 4; level++) FluidSynthNative.SetLogFunction(level, IntPtr.Zero, IntPtr.Zero);
    }

    public SoundSet Sounds { get; }
    public int SampleRate => _sampleRate;

    /// <summary>A renderer playing everything from one General MIDI SoundFont (its own drum kits included).</summary>
    public FluidSynthRenderer(string soundFontPath, int sampleRate = 44100) : this(SoundSet.General(soundFontPath), sampleRate) { }

    public FluidSynthRenderer(SoundSet sounds, int sampleRate = 44100)
    {
        foreach (var file in sounds.Files)
            if (!File.Exists(file)) throw new EngineException($"SoundFont not found: {file}");
        Sounds = sounds;
        _sampleRate = sampleRate;
        _settings = FluidSynthNative.NewSettings();
        if (_settings.IsInvalid) throw new EngineException("FluidSynth could not create its settings");
        FluidSynthNative.SetNum(_settings, "synth.sample-rate", sampleRate);
        FluidSynthNative.SetInt(_settings, "synth.audio-channels", Channels);
        FluidSynthNative.SetInt(_settings, "synth.audio-groups", Channels);
        FluidSynthNative.SetInt(_settings, "synth.polyphony", 512);
        // Reverb and chorus belong to the mixer (sends per part); the synth renders dry.
        FluidSynthNative.SetInt(_settings, "synth.reverb.active", 0);
        FluidSynthNative.SetInt(_settings, "synth.chorus.active", 0);
        FluidSynthNative.SetInt(_settings, "synth.cpu-cores", 1);
        FluidSynthNative.SetNum(_settings, "synth.gain", 0.5);
        // Samples are read when a preset is selected for a channel, not all at load: a song holds the few presets it
        // plays (a 4-minute song's band about 100 MB) instead of every sample of every SoundFont (MuseScore_General
        // alone is 490 MB). FluidSynth's sample cache shares what two synths both select.
        FluidSynthNative.SetInt(_settings, "synth.dynamic-sample-loading", 1);
        _synth = new FluidSynthHandle(_settings);
        if (_synth.IsInvalid)
        {
            _settings.Dispose();
            throw new EngineException("FluidSynth could not create a synthesizer");
        }
        try
        {
            foreach (var file in sounds.Files)
            {
                int id = FluidSynthNative.SfLoad(Synth, file, 0);
                if (id < 0) throw new EngineException($"FluidSynth could not load the SoundFont {Path.GetFileName(file)}");
                _fonts[file] = id;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private IntPtr Synth => _synth.DangerousGetHandle();

    /// <summary>Whether this synth has rendered (a new one needs no reset first).</summary>
    private bool _rendered;

    /// <summary>
    /// Selects a preset on a channel of a synth that does not render (the pool's keeper), so that FluidSynth's sample
    /// cache keeps its samples for every synth that selects it. False when the set has no such file or preset.
    /// </summary>
    internal bool Hold(int channel, string file, int bank, int preset) =>
        _fonts.TryGetValue(file, out int id) && FluidSynthNative.ProgramSelect(Synth, channel, id, bank, preset) == 0;

    /// <summary>Lets go of what <see cref="Hold"/> selected on a channel (its samples go once no synth selects them).</summary>
    internal void Release(int channel) => _ = FluidSynthNative.UnsetProgram(Synth, channel);

    /// <summary>The length of a full render of the score (its last note off plus a tail), in frames.</summary>
    public int FramesFor(Score score, double tailSeconds = 2.5) => FramesFor(score, _sampleRate, tailSeconds);

    /// <summary>The length of a full render of the score at <paramref name="sampleRate"/>, without a synth.</summary>
    public static int FramesFor(Score score, int sampleRate, double tailSeconds = 2.5)
    {
        var events = Events(score, sampleRate);
        return (int)((events.Count == 0 ? 0 : events[^1].Frame) + tailSeconds * sampleRate);
    }

    /// <summary>
    /// Renders <paramref name="frames"/> frames of the score, each chunk of every channel handed to the sink dry.
    /// Returns what played each part (SoundFont, bank, preset and its name), by track name. A render of
    /// <see cref="Cores.SplitSeconds"/> or more on a machine with two cores synthesizes on the caller's thread while
    /// the sink mixes on another (<see cref="RenderPipe"/>); the sink gets the same calls either way, so the result
    /// is the same to the bit.
    /// </summary>
    public IReadOnlyList<PartSource> Render(Score score, int frames, IRenderSink sink) =>
        Render(score, frames, sink, pipelined: Environment.ProcessorCount > 1 && frames >= Cores.SplitSeconds * _sampleRate);

    /// <summary>Renders as <see cref="Render(Score, int, IRenderSink)"/> does, with the sink on its own thread or not.</summary>
    internal IReadOnlyList<PartSource> Render(Score score, int frames, IRenderSink sink, bool pipelined)
    {
        var events = Events(score, _sampleRate);
        // A synth that has rendered is reset; a new one is already in that state, with no preset selected (a reset
        // would select the piano on every channel, a tenth of a second of sample reading a song may never use).
        if (_rendered) _ = FluidSynthNative.SystemReset(Synth);
        _rendered = true;
        var sources = new List<PartSource>();
        foreach (var t in score.Tracks)
        {
            var (file, bank, preset) = Sounds.PresetFor(t);
            // The preset is read back below (PresetName): a selection that failed shows there, in the song's sources.
            _ = FluidSynthNative.ProgramSelect(Synth, t.Channel, _fonts[file], bank, preset);
            _ = FluidSynthNative.ControlChange(Synth, t.Channel, Control.Volume, 100);
            _ = FluidSynthNative.ControlChange(Synth, t.Channel, 10, t.Pan);
            sources.Add(new PartSource(t.Name, Path.GetFileName(file), bank, preset, PresetName(t.Channel)));
        }

        // Pinned once for the whole render so the hot loop hands FluidSynth stable pointers without allocating.
        var outBufs = new float[Channels * 2][];
        var fxBufs = new float[2][];
        for (int i = 0; i < outBufs.Length; i++) outBufs[i] = GC.AllocateArray<float>(Chunk, pinned: true);
        for (int i = 0; i < fxBufs.Length; i++) fxBufs[i] = GC.AllocateArray<float>(Chunk, pinned: true);
        if (pipelined)
        {
            var pipe = new RenderPipe(outBufs.Length, Chunk, score.Tracks.SelectMany(t => new[] { 2 * t.Channel, 2 * t.Channel + 1 }));
            Cores.Both(() => Synthesize(events, frames, outBufs, fxBufs, sink, pipe), () => pipe.Drain(sink, outBufs));
        }
        else Synthesize(events, frames, outBufs, fxBufs, sink, null);
        // The song's samples go (they are loaded as presets are chosen) unless the pool's keeper holds them, and
        // their pages go back too.
        for (int channel = 0; channel < Channels; channel++) _ = FluidSynthNative.UnsetProgram(Synth, channel);
        Garbage.ReturnNativeFree();
        return sources;
    }

    /// <summary>
    /// The render loop: chunks of up to <see cref="Chunk"/> frames, split at MIDI events. Each chunk goes to the
    /// sink in <paramref name="outBufs"/> or, with a <paramref name="pipe"/>, into the pipe (whose other end hands
    /// it to the sink in the same buffers).
    /// </summary>
    private void Synthesize(List<Event> events, int frames, float[][] outBufs, float[][] fxBufs, IRenderSink sink, RenderPipe? pipe)
    {
        float** bufPtr = stackalloc float*[outBufs.Length];
        float** outPtr = stackalloc float*[outBufs.Length];
        float** fxPtr = stackalloc float*[fxBufs.Length];
        for (int i = 0; i < outBufs.Length; i++) bufPtr[i] = (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref outBufs[i][0]);
        for (int i = 0; i < fxBufs.Length; i++) fxPtr[i] = (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref fxBufs[i][0]);

        bool complete = false;
        try
        {
            Align(fxPtr, bufPtr, outBufs.Length, fxBufs.Length);
            int pos = 0, next = 0;
            while (pos < frames)
            {
                while (next < events.Count && events[next].Frame <= pos) Apply(events[next++]);
                long until = next < events.Count ? events[next].Frame : frames;
                int len = (int)Math.Clamp(Math.Min(until - pos, frames - pos), 1, Chunk);
                var target = bufPtr;
                if (pipe is not null)
                {
                    if (!pipe.Reserve(len, outPtr)) break;   // the sink failed: its error is the render's
                    target = outPtr;
                }
                for (int i = 0; i < outBufs.Length; i++) new Span<float>(target[i], len).Clear();
                if (FluidSynthNative.Process(Synth, len, fxBufs.Length, fxPtr, outBufs.Length, target) != 0)
                    throw new EngineException("FluidSynth failed while rendering");
                if (pipe is null) sink.Add(len, outBufs, pos);
                else pipe.Commit(len, pos);
                pos += len;
                _clock += len;
            }
            complete = true;
        }
        finally
        {
            pipe?.Finish(complete);
        }
    }

    /// <summary>
    /// Brings the synth to the state a new one is in, so a reused synth renders the same bytes: every voice stopped
    /// and its stop processed (one silent block), and the render starting on a block boundary. FluidSynth renders in
    /// blocks of 64 frames and starts a note at the block boundary after it is told, so a render that began mid-block
    /// would place every note a few frames differently; and voices still ringing would change the order voices are
    /// summed in, which changes the last bits of the output.
    /// </summary>
    private void Align(float** fxPtr, float** outPtr, int nout, int nfx)
    {
        _ = FluidSynthNative.AllSoundsOff(Synth, -1);
        int pad = Block + (int)((Block - _clock % Block) % Block);
        if (FluidSynthNative.Process(Synth, pad, nfx, fxPtr, nout, outPtr) != 0)
            throw new EngineException("FluidSynth failed while rendering");
        _clock += pad;
    }

    /// <summary>The name a SoundFont of this set gives a bank and preset ("" when it has none).</summary>
    public string PresetName(string file, int bank, int preset)
    {
        if (!_fonts.TryGetValue(file, out int id)) return "";
        var sfont = FluidSynthNative.SoundFontById(Synth, id);
        var p = sfont == IntPtr.Zero ? IntPtr.Zero : FluidSynthNative.Preset(sfont, bank, preset);
        return p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(FluidSynthNative.PresetName(p)) ?? "";
    }

    private string PresetName(int channel)
    {
        var preset = FluidSynthNative.ChannelPreset(Synth, channel);
        return preset == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(FluidSynthNative.PresetName(preset)) ?? "";
    }

    private enum Kind : byte { Off, Control, On }

    /// <summary>One MIDI event at a frame; at the same frame, note-offs come first, then controllers, then note-ons.</summary>
    private readonly record struct Event(long Frame, Kind Kind, int Channel, int Key, int Value);

    private static List<Event> Events(Score score, int sampleRate)
    {
        var list = new List<Event>();
        long FrameOf(double beat) => (long)Math.Round(score.TimeOf(beat) * sampleRate);
        foreach (var t in score.Tracks)
        {
            foreach (var n in t.Notes)
            {
                long on = FrameOf(n.Start);
                long off = Math.Max(on + 1, FrameOf(n.Start + n.Length));
                list.Add(new Event(on, Kind.On, t.Channel, n.Pitch, n.Velocity));
                list.Add(new Event(off, Kind.Off, t.Channel, n.Pitch, 0));
            }
            foreach (var c in t.Controls) list.Add(new Event(Math.Max(0, FrameOf(c.Beat)), Kind.Control, t.Channel, c.Number, c.Value));
        }
        // A total order keeps renders byte-identical.
        list.Sort((a, b) =>
        {
            int c = a.Frame.CompareTo(b.Frame);
            if (c != 0) return c;
            c = a.Kind.CompareTo(b.Kind);
            if (c != 0) return c;
            c = a.Channel.CompareTo(b.Channel);
            if (c != 0) return c;
            c = a.Key.CompareTo(b.Key);
            return c != 0 ? c : a.Value.CompareTo(b.Value);
        });
        return list;
    }

    private void Apply(Event e)
    {
        switch (e.Kind)
        {
            // FluidSynth refuses a note-off for a note that already stopped (a short sample): nothing to act on.
            case Kind.On: _ = FluidSynthNative.NoteOn(Synth, e.Channel, e.Key, e.Value); break;
            case Kind.Off: _ = FluidSynthNative.NoteOff(Synth, e.Channel, e.Key); break;
            default: _ = FluidSynthNative.ControlChange(Synth, e.Channel, e.Key, e.Value); break;
        }
    }

    public void Dispose()
    {
        _synth.Dispose();
        _settings.Dispose();
    }
}

/// <summary>Receives a render chunk by chunk: for each MIDI channel its dry stereo output (L0, R0, L1, R1 …).</summary>
public interface IRenderSink
{
    void Add(int len, float[][] channelOutputs, int pos);
}

/// <summary>What played a part: the SoundFont file, bank and preset, and the preset's own name in that file.</summary>
public sealed record PartSource(string Part, string SoundFont, int Bank, int Preset, string Name);
