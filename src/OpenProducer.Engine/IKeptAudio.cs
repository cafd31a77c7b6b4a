using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;

namespace OpenProducer.Engine;

/// <summary>
/// Songs' audio kept as it was made, by recipe: an edit, stems or a file of a song reuse it instead of rendering
/// the song again, and what was delivered stays what later edits keep, sample for sample, whatever the engine
/// renders today. A store is a cache: <see cref="Find"/> answering null (nothing kept, a file damaged) only
/// means the audio is rendered again from the recipe.
/// </summary>
/// <remarks>Called from the engine's render threads; implementations are safe to call from several at once.</remarks>
public interface IKeptAudio
{
    /// <summary>The song's kept master and, when <paramref name="stems"/>, its kept stems; null unless all that was asked is kept.</summary>
    SongAudio? Find(SongRecipe recipe, bool stems, CancellationToken ct);

    /// <summary>
    /// Whether the master kept for the recipe is <paramref name="master"/>, sample for sample (a check of what the
    /// store knows of it, without reading it); false when nothing is kept or a store cannot tell.
    /// </summary>
    bool Holds(SongRecipe recipe, AudioBuffer master) => false;

    /// <summary>
    /// Keeps what was made of a song (its master, and its stems when made). The buffers are not changed after the
    /// call, so a store may write them later, off the caller's thread.
    /// </summary>
    void Keep(SongRecipe recipe, SongAudio audio);
}
