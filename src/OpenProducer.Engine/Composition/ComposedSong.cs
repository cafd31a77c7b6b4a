using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Composition;

/// <summary>The composer's output: the score plus what it decided, for the song's details and later edits.</summary>
public sealed record ComposedSong(Score Score, SongStyle Style, ModelPreset Preset, IReadOnlyList<MelodyNote> Melody, IReadOnlyList<LyricLine> Lines)
{
    /// <summary>True when the melody carries words (a lyric sheet was set and the song is not instrumental).</summary>
    public bool HasLyrics => Lines.Count > 0;

    /// <summary>The sheet the built-in writer wrote (inspiration mode), or null when the request brought its own.</summary>
    public string? WrittenLyric { get; init; }

    /// <summary>Who sings the lines.</summary>
    public VoiceProfile Voice { get; init; } = VoiceProfile.Male;

    public string KeyName => StyleParser.KeyName(Score.KeyRoot, Score.Minor);
}
