namespace OpenProducer.Client.Songs;

/// <summary><c>music_variation</c>: a new take on the song, pulled by the sounds given.</summary>
public sealed record MusicVariationRequest() : MusicEditRequest("music_variation");
