namespace OpenProducer.Client.Songs;

/// <summary><c>swap_instrumentals</c>: the song's voice over new music in the style asked.</summary>
public sealed record SwapInstrumentalsRequest : EditSongRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public SwapInstrumentalsRequest()
        : base("swap_instrumentals")
    {
    }
}
