namespace OpenProducer.Client.Songs;

/// <summary><c>swap_music_sound</c>: the song's voice over new music.</summary>
public sealed record SwapMusicSoundRequest() : MusicEditRequest("swap_music_sound");
