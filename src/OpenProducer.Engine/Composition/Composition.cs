using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Composition;

/// <summary>The composer's output: the score plus what it decided, for the song's details and later edits.</summary>
public sealed record Composition(Score Score, SongStyle Style, ModelPreset Preset, IReadOnlyList<MelodyNote> Melody)
{
    public string KeyName => StyleParser.KeyName(Score.KeyRoot, Score.Minor);
}
