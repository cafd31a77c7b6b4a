using OpenProducer.Client.Core;

namespace OpenProducer.Client.Files;

/// <summary>What an upload of a local file may say besides the file (sent as form fields).</summary>
public sealed record UploadFileOptions : ProducerRequest
{
    /// <summary>The recording's title; the file's name without its extension when unset.</summary>
    public string? Title { get; init; }
}
