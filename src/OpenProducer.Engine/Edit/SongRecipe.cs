using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Edit;

/// <summary>The editing actions on a song the engine made.</summary>
public enum EditKind { Extend, Replace, Cover, SwapVocals, SwapInstrumentals }

/// <summary>
/// One edit of a song: what was done to which song, with the request for the new material (its words, style,
/// seed and strengths). <see cref="From"/> and <see cref="To"/> are seconds: where an extension continues (From),
/// the span a replacement re-composes (From–To). <see cref="Seconds"/> is how much an extension adds, when asked.
/// <see cref="Strength"/> is how far a cover's arrangement moves (0–1).
/// </summary>
public sealed record SongEdit(EditKind Kind, SongRecipe Source, double From = 0, double To = 0, double? Seconds = null, double Strength = 1);

/// <summary>
/// Everything needed to make a song's audio again, bit for bit: the request (for an edit, the request for its
/// new material), the master's settings, and for an edited song the edit and, through it, the song it edited.
/// </summary>
public sealed record SongRecipe(CompositionRequest Request, MasterReport? Master, SongEdit? Edit = null)
{
    /// <summary>
    /// For a user's recording, the recording itself: the root of its chain of edits, whose audio is the file as it
    /// was uploaded (the request then only names the style new material takes unless an edit names another).
    /// </summary>
    public Recording? Recording { get; init; }

    /// <summary>The recording at the root of the chain of edits, or null for a song made from a prompt.</summary>
    public Recording? Root => Edit is null ? Recording : Edit.Source.Root;

    /// <summary>How many songs deep the chain of edits is (0 for a song made from a prompt).</summary>
    public int Depth => Edit is null ? 0 : 1 + Edit.Source.Depth;
}
