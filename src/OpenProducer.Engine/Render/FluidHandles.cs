using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Render;

/// <summary>FluidSynth settings, freed exactly once; a synth made from them keeps them alive.</summary>
internal sealed class FluidSettingsHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        FluidSynthNative.DeleteSettings(handle);
        return true;
    }
}

/// <summary>
/// A FluidSynth synthesizer, freed exactly once, before the settings it was made from (it holds a reference to
/// them, so even a finalizer cannot free the settings first).
/// </summary>
internal sealed class FluidSynthHandle : SafeHandle
{
    private readonly FluidSettingsHandle _settings;

    public FluidSynthHandle(FluidSettingsHandle settings) : base(IntPtr.Zero, ownsHandle: true)
    {
        _settings = settings;
        bool added = false;
        settings.DangerousAddRef(ref added);
        SetHandle(FluidSynthNative.NewSynth(settings));
        if (IsInvalid && added) settings.DangerousRelease();
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        FluidSynthNative.DeleteSynth(handle);
        _settings.DangerousRelease();
        return true;
    }
}
