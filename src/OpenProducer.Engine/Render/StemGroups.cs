using OpenProducer.Engine.Composition;

namespace OpenProducer.Engine.Render;

/// <summary>Which stem file a part belongs to: drums, bass, or its General MIDI instrument family.</summary>
public static class StemGroups
{
    public const string Vocals = "vocals", BackingVocals = "backing_vocals", Drums = "drums", Bass = "bass";

    /// <summary>A user's recording has two stems, as separation hears them: its voice, and the rest.</summary>
    public const string Accompaniment = "accompaniment";

    private static readonly string[] Families =
        ["piano", "mallets", "organ", "guitar", "bass", "strings", "strings", "brass", "reeds", "winds", "synth", "pads", "fx", "ethnic", "percussion", "fx"];

    public static string Of(Track t)
    {
        if (t.IsDrums) return Drums;
        if (t.Role == TrackRole.Bass) return Bass;
        return Families[Math.Clamp(t.Program, 0, 127) / 8];
    }
}
