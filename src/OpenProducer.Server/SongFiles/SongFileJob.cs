namespace OpenProducer.Server.SongFiles;

/// <summary>A song-files task's job: which file of which song (stems, all_stems, wav, download or video).</summary>
/// <param name="Action">What to make: <c>stems</c>, <c>all_stems</c>, <c>wav</c>, <c>download</c> or <c>video</c>.</param>
/// <param name="AudioId">The song the files are of.</param>
/// <param name="Model">The song's model, shown back with its stems.</param>
/// <param name="Format">For downloads: mp3, m4a, wav, flac or midi.</param>
/// <param name="BitDepth">WAV and FLAC: 16 or 24 bits per sample.</param>
public sealed record SongFileJob(string Action, string AudioId, string Model, string? Format = null, int BitDepth = 16);
