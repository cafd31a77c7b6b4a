namespace OpenProducer.Client.Songs;

/// <summary><c>create_music</c>: a new song in the camelCase dialect, styled by <c>sounds[]</c>.</summary>
public sealed record CreateMusicRequest() : MusicRequest("create_music");
