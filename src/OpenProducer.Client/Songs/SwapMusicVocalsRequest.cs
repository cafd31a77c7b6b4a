namespace OpenProducer.Client.Songs;

/// <summary><c>swap_music_vocals</c>: the song's music under a new voice.</summary>
public sealed record SwapMusicVocalsRequest() : MusicEditRequest("swap_music_vocals");
