namespace OpenProducer.Client.Songs;

/// <summary><c>swap_vocals</c>: the song's music under a new voice, words and tune.</summary>
public sealed record SwapVocalsRequest : EditSongRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public SwapVocalsRequest()
        : base("swap_vocals")
    {
    }
}
