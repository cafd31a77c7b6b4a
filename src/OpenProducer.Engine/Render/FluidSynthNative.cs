using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Render;

/// <summary>The few libfluidsynth (version 3 ABI) entry points the renderer needs.</summary>
internal static partial class FluidSynthNative
{
    private const string Lib = "libfluidsynth.so.3";

    [LibraryImport(Lib, EntryPoint = "new_fluid_settings")]
    internal static partial FluidSettingsHandle NewSettings();

    [LibraryImport(Lib, EntryPoint = "delete_fluid_settings")]
    internal static partial void DeleteSettings(IntPtr settings);

    [LibraryImport(Lib, EntryPoint = "fluid_settings_setnum", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetNum(FluidSettingsHandle settings, string name, double value);

    [LibraryImport(Lib, EntryPoint = "fluid_settings_setint", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetInt(FluidSettingsHandle settings, string name, int value);

    [LibraryImport(Lib, EntryPoint = "new_fluid_synth")]
    internal static partial IntPtr NewSynth(FluidSettingsHandle settings);

    [LibraryImport(Lib, EntryPoint = "delete_fluid_synth")]
    internal static partial void DeleteSynth(IntPtr synth);

    /// <summary>Turns every channel's notes, controllers and programs back to their start state and silences every voice.</summary>
    [LibraryImport(Lib, EntryPoint = "fluid_synth_system_reset")]
    internal static partial int SystemReset(IntPtr synth);

    /// <summary>Stops every voice at once (no release), on one channel or all (-1).</summary>
    [LibraryImport(Lib, EntryPoint = "fluid_synth_all_sounds_off")]
    internal static partial int AllSoundsOff(IntPtr synth, int channel);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_get_channel_preset")]
    internal static partial IntPtr ChannelPreset(IntPtr synth, int channel);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_get_sfont_by_id")]
    internal static partial IntPtr SoundFontById(IntPtr synth, int id);

    [LibraryImport(Lib, EntryPoint = "fluid_sfont_get_preset")]
    internal static partial IntPtr Preset(IntPtr sfont, int bank, int preset);

    [LibraryImport(Lib, EntryPoint = "fluid_preset_get_name")]
    internal static partial IntPtr PresetName(IntPtr preset);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_sfload", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SfLoad(IntPtr synth, string path, int resetPresets);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_program_select")]
    internal static partial int ProgramSelect(IntPtr synth, int channel, int sfontId, int bank, int preset);

    /// <summary>Leaves a channel with no preset (its samples are let go once nothing else selects them).</summary>
    [LibraryImport(Lib, EntryPoint = "fluid_synth_unset_program")]
    internal static partial int UnsetProgram(IntPtr synth, int channel);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_noteon")]
    internal static partial int NoteOn(IntPtr synth, int channel, int key, int velocity);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_noteoff")]
    internal static partial int NoteOff(IntPtr synth, int channel, int key);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_cc")]
    internal static partial int ControlChange(IntPtr synth, int channel, int control, int value);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_pitch_bend")]
    internal static partial int PitchBend(IntPtr synth, int channel, int value);

    /// <summary>Adds <paramref name="len"/> frames into <paramref name="nout"/> planar buffers (L0,R0,L1,R1…).</summary>
    [LibraryImport(Lib, EntryPoint = "fluid_synth_process")]
    internal static unsafe partial int Process(IntPtr synth, int len, int nfx, float** fx, int nout, float** output);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_set_reverb_group_roomsize")]
    internal static partial int SetReverbRoomSize(IntPtr synth, int fxGroup, double roomSize);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_set_reverb_group_damp")]
    internal static partial int SetReverbDamp(IntPtr synth, int fxGroup, double damping);

    [LibraryImport(Lib, EntryPoint = "fluid_synth_set_reverb_group_level")]
    internal static partial int SetReverbLevel(IntPtr synth, int fxGroup, double level);

    [LibraryImport(Lib, EntryPoint = "fluid_set_log_function")]
    internal static partial IntPtr SetLogFunction(int level, IntPtr function, IntPtr data);
}
