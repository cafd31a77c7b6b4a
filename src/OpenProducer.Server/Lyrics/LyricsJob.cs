namespace OpenProducer.Server.Lyrics;

/// <summary>A lyrics task's job: the prompt to write a sheet for, and the seed that makes it repeatable.</summary>
public sealed record LyricsJob(string Prompt, ulong Seed);
