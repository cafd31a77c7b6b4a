using System.Runtime.InteropServices;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Render;

/// <summary>
/// Renders a score with libfluidsynth, dry: every MIDI channel comes out on its own stereo pair and goes to a
/// <see cref="IRenderSink"/> (the band mixer), which gives each part its own processing and, later, its own stem.
/// The SoundFonts of a <see cref="SoundSet"/> are parsed when the renderer is made and each preset's samples are read
/// when a part selects it; every render gets a new renderer from the <see cref="SynthPool"/>. A renderer is two
/// FluidSynth synths that share the parts (<see cref="Share"/>): one synth's time goes with the voices it plays, and a
/// pedalled piano alone is often two thirds of a song's, more than the mixer and the voice need on the other core.
/// Not thread-safe: one render at a time per instance.
/// </summary>
public sealed unsafe partial class FluidSynthRenderer : IDisposable
{
    public const int Channels = 16;
    private const int Chunk = 1024;
    private const int Block = 64;
    private readonly int _sampleRate;
    /// <summary>The synth that answers preset names and holds presets, and renders its share of every song.</summary>
    private readonly Unit _main;
    /// <summary>The synth that renders the other share; made with the renderer, or at its first render (a keeper never renders).</summary>
    private Unit? _second;

    static FluidSynthRenderer()
    {
        // FluidSynth logs to stderr by default; a failed load is reported through our own error instead.
        for (int level = 0; level <= 4; level++) FluidSynthNative.SetLogFunction(level, IntPtr.Zero, IntPtr.Zero);
    }

    public SoundSet Sounds { get; }
    public int SampleRate => _sampleRate;

    /// <summary>A renderer playing everything from one General MIDI SoundFont (its own drum kits included).</summary>
    public FluidSynthRenderer(string soundFontPath, int sampleRate = 44100) : this(SoundSet.General(soundFontPath), sampleRate) { }

    public FluidSynthRenderer(SoundSet sounds, int sampleRate = 44100) : this(sounds, sampleRate, keeper: false) { }

    /// <param name="keeper">A synth that only holds presets and names them (<see cref="SynthPool"/>): its second synth is never made.</param>
    internal FluidSynthRenderer(SoundSet sounds, int sampleRate, bool keeper)
    {
        foreach (var file in sounds.Files)
            if (!File.Exists(file)) throw new EngineException($"SoundFont not found: {file}");
        Sounds = sounds;
        _sampleRate = sampleRate;
        _main = new Unit(sounds, sampleRate);
        try
        {
            if (!keeper) _second = new Unit(sounds, sampleRate);
        }
        catch
        {
            _main.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One FluidSynth synthesizer with the set's SoundFonts loaded, rendering dry: every MIDI channel on its own
    /// stereo pair. Samples are read when a preset is selected for a channel, not all at load: a song holds the few
    /// presets it plays (a 4-minute song's band about 100 MB) instead of every sample of every SoundFont
    /// (MuseScore_General alone is 490 MB). FluidSynth's sample cache shares what two synths both select.
    /// </summary>
    private sealed class Unit : IDisposable
    {
        private readonly FluidSettingsHandle _settings;
        private readonly FluidSynthHandle _synth;
        public Dictionary<string, int> Fonts { get; } = new();
        /// <summary>Frames processed since the synth was made: FluidSynth renders in blocks of 64, see <see cref="Align"/>.</summary>
        public long Clock { get; set; }
        /// <summary>Whether this synth has rendered (a new one needs no reset first).</summary>
        public bool Rendered { get; set; }

        public Unit(SoundSet sounds, int sampleRate)
        {
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
                    Fonts[file] = id;
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public IntPtr Synth => _synth.DangerousGetHandle();

        public string PresetName(int channel)
        {
            var preset = FluidSynthNative.ChannelPreset(Synth, channel);
            return preset == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(FluidSynthNative.PresetName(preset)) ?? "";
        }

        public void Dispose()
        {
            _synth.Dispose();
            _settings.Dispose();
        }
    }

    /// <summary>
    /// Selects a preset on a channel of a synth that does not render (the pool's keeper), so that FluidSynth's sample
    /// cache keeps its samples for every synth that selects it. False when the set has no such file or preset.
    /// </summary>
    internal bool Hold(int channel, string file, int bank, int preset) =>
        _main.Fonts.TryGetValue(file, out int id) && FluidSynthNative.ProgramSelect(_main.Synth, channel, id, bank, preset) == 0;

    /// <summary>Lets go of what <see cref="Hold"/> selected on a channel (its samples go once no synth selects them).</summary>
    internal void Release(int channel) => _ = FluidSynthNative.UnsetProgram(_main.Synth, channel);

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
    /// Returns what played each part (SoundFont, bank, preset and its name), by track name. The parts are shared
    /// between two synths (<see cref="Share"/>), each rendering its own notes; a render of
    /// <see cref="Cores.SplitSeconds"/> or more on a machine with two cores runs them on threads of their own while
    /// the sink mixes on a third (<see cref="RenderPipe"/>). The sink gets the same calls either way, so the result
    /// is the same to the bit on any machine.
    /// </summary>
    public IReadOnlyList<PartSource> Render(Score score, int frames, IRenderSink sink) =>
        Render(score, frames, sink, pipelined: Environment.ProcessorCount > 1 && frames >= Cores.SplitSeconds * _sampleRate);

    /// <summary>Renders as <see cref="Render(Score, int, IRenderSink)"/> does, with the synths and the sink on threads of their own or not.</summary>
    /// <param name="shared">Whether the parts are shared between two synths (false: one plays them all, for comparison).</param>
    internal IReadOnlyList<PartSource> Render(Score score, int frames, IRenderSink sink, bool pipelined, bool shared = true)
    {
        var events = Events(score, _sampleRate);
        _second ??= new Unit(Sounds, _sampleRate);
        var units = new[] { _main, _second };
        var share = shared ? Share(score) : new Keys[Channels];
        // A synth that has rendered is reset; a new one is already in that state, with no preset selected (a reset
        // would select the piano on every channel, a tenth of a second of sample reading a song may never use).
        foreach (var unit in units)
        {
            if (unit.Rendered) _ = FluidSynthNative.SystemReset(unit.Synth);
            unit.Rendered = true;
        }
        var sources = new List<PartSource>();
        foreach (var t in score.Tracks)
        {
            var (file, bank, preset) = Sounds.PresetFor(t);
            foreach (var unit in units.Where((_, u) => share[t.Channel].Plays(u)))
            {
                _ = FluidSynthNative.ProgramSelect(unit.Synth, t.Channel, unit.Fonts[file], bank, preset);
                _ = FluidSynthNative.ControlChange(unit.Synth, t.Channel, Control.Volume, 100);
                _ = FluidSynthNative.ControlChange(unit.Synth, t.Channel, 10, t.Pan);
            }
            // The preset is read back: a selection that failed shows there, in the song's sources.
            sources.Add(new PartSource(t.Name, Path.GetFileName(file), bank, preset, units[share[t.Channel].Even].PresetName(t.Channel)));
        }

        // Each output is played by the synths that play its channel; outputs of channels nobody plays are not carried.
        var players = new int[Channels * 2];
        foreach (var t in score.Tracks) players[2 * t.Channel] = players[2 * t.Channel + 1] = 1 << share[t.Channel].Even | 1 << share[t.Channel].Odd;
        var outBufs = new float[Channels * 2][];
        for (int i = 0; i < outBufs.Length; i++) outBufs[i] = new float[Chunk];
        var pipe = new RenderPipe(outBufs.Length, Plan(events, frames), Chunk, players);
        var renderers = units.Take(pipe.Producers).Select((unit, u) => Renderer(unit,
            events.Where(e => e.Kind == Kind.Control ? share[e.Channel].Plays(u) : share[e.Channel].For(e.Key) == u).ToList())).ToArray();
        try
        {
            if (pipelined)
            {
                var work = renderers.Select((r, p) => (Action)(() => pipe.Produce(p, r))).Append(() => pipe.Drain(sink, outBufs)).ToArray();
                Cores.All(work);
            }
            else pipe.Step(renderers, sink, outBufs);
        }
        finally
        {
            // The song's samples go (they are loaded as presets are chosen) unless the pool's keeper holds them, and
            // their pages go back too.
            foreach (var unit in units)
                for (int channel = 0; channel < Channels; channel++) _ = FluidSynthNative.UnsetProgram(unit.Synth, channel);
            Garbage.ReturnNativeFree();
        }
        return sources;
    }

    /// <summary>The render's chunks: up to <see cref="Chunk"/> frames, split at every event, so each synth takes its events between chunks.</summary>
    private static List<(int Pos, int Len)> Plan(List<Event> events, int frames)
    {
        var chunks = new List<(int, int)>();
        int pos = 0, next = 0;
        while (pos < frames)
        {
            while (next < events.Count && events[next].Frame <= pos) next++;
            long until = next < events.Count ? events[next].Frame : frames;
            int len = (int)Math.Clamp(Math.Min(until - pos, frames - pos), 1, Chunk);
            chunks.Add((pos, len));
            pos += len;
        }
        return chunks;
    }

    /// <summary>
    /// One synth's side of the render: before each chunk, its events up to the chunk's start; then the chunk. The synth
    /// is aligned first (see <see cref="Align"/>).
    /// </summary>
    private static RenderPipe.ChunkRenderer Renderer(Unit unit, List<Event> events)
    {
        var fx = GC.AllocateArray<float>(2 * Chunk, pinned: true);
        var pad = GC.AllocateArray<float>(2 * Block, pinned: true);
        int next = 0;
        bool aligned = false;
        return (pos, len, outputs) =>
        {
            float* fxBase = (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref fx[0]);
            float** fxPtr = stackalloc float*[] { fxBase, fxBase + Chunk };
            if (!aligned)
            {
                Align(unit, fxPtr, (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref pad[0]));
                aligned = true;
            }
            while (next < events.Count && events[next].Frame <= pos) Apply(unit.Synth, events[next++]);
            if (FluidSynthNative.Process(unit.Synth, len, 2, fxPtr, Channels * 2, outputs) != 0)
                throw new EngineException("FluidSynth failed while rendering");
            unit.Clock += len;
        };
    }

    /// <summary>
    /// Brings the synth to the state a new one is in, so a reused synth renders the same bytes: every voice stopped
    /// and its stop processed (one silent block), and the render starting on a block boundary. FluidSynth renders in
    /// blocks of 64 frames and starts a note at the block boundary after it is told, so a render that began mid-block
    /// would place every note a few frames differently; and voices still ringing would change the order voices are
    /// summed in, which changes the last bits of the output. What it renders meanwhile goes to <paramref name="scratch"/>.
    /// </summary>
    private static void Align(Unit unit, float** fxPtr, float* scratch)
    {
        _ = FluidSynthNative.AllSoundsOff(unit.Synth, -1);
        float** outPtr = stackalloc float*[Channels * 2];
        for (int i = 0; i < Channels * 2; i++) outPtr[i] = scratch;
        int pad = Block + (int)((Block - unit.Clock % Block) % Block);
        while (pad > 0)
        {
            int n = Math.Min(pad, Block);
            if (FluidSynthNative.Process(unit.Synth, n, 2, fxPtr, Channels * 2, outPtr) != 0)
                throw new EngineException("FluidSynth failed while rendering");
            unit.Clock += n;
            pad -= n;
        }
    }

    /// <summary>The name a SoundFont of this set gives a bank and preset ("" when it has none).</summary>
    public string PresetName(string file, int bank, int preset)
    {
        if (!_main.Fonts.TryGetValue(file, out int id)) return "";
        var sfont = FluidSynthNative.SoundFontById(_main.Synth, id);
        var p = sfont == IntPtr.Zero ? IntPtr.Zero : FluidSynthNative.Preset(sfont, bank, preset);
        return p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(FluidSynthNative.PresetName(p)) ?? "";
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

    private static void Apply(IntPtr synth, Event e)
    {
        switch (e.Kind)
        {
            // FluidSynth refuses a note-off for a note that already stopped (a short sample): nothing to act on.
            case Kind.On: _ = FluidSynthNative.NoteOn(synth, e.Channel, e.Key, e.Value); break;
            case Kind.Off: _ = FluidSynthNative.NoteOff(synth, e.Channel, e.Key); break;
            default: _ = FluidSynthNative.ControlChange(synth, e.Channel, e.Key, e.Value); break;
        }
    }

    public void Dispose()
    {
        _main.Dispose();
        _second?.Dispose();
    }
}

/// <summary>Receives a render chunk by chunk: for each MIDI channel its dry stereo output (L0, R0, L1, R1 …).</summary>
public interface IRenderSink
{
    void Add(int len, float[][] channelOutputs, int pos);
}

/// <summary>What played a part: the SoundFont file, bank and preset, and the preset's own name in that file.</summary>
public sealed record PartSource(string Part, string SoundFont, int Bank, int Preset, string Name);
