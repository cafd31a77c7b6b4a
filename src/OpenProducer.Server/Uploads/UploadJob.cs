namespace OpenProducer.Server.Uploads;

/// <summary>
/// An upload task's job: the recording by URL (fetched by the input lane), or none when the file came in the request
/// itself (already staged and checked); the title to give it.
/// </summary>
public sealed record UploadJob(Uri? Url, string? Title);
