namespace OpenProducer.Tests.Support;

/// <summary>
/// The edits of a song that take new words or a new style, in each dialect, in one order: what the fuzz storm sends
/// hostile fields to and what the edit sweep asks for in turn.
/// </summary>
public static class EditActions
{
    /// <summary>The snake_case dialect's edits (<c>audio_id</c>).</summary>
    public static readonly IReadOnlyList<string> Snake = ["extend", "replace_section", "cover", "swap_vocals", "swap_instrumentals"];

    /// <summary>The camelCase dialect's edits (<c>audioId</c>), each the counterpart of the snake_case one at its index.</summary>
    public static readonly IReadOnlyList<string> Camel = ["extend_music", "replace_music", "cover_music", "swap_music_vocals", "swap_music_sound"];
}
