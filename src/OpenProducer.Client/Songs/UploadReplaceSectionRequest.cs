namespace OpenProducer.Client.Songs;

/// <summary><c>upload_replace_section</c>: a span of an uploaded recording is made again (<see cref="EditSongRequest.AudioId"/> is the upload's <c>audio_id</c>).</summary>
public sealed record UploadReplaceSectionRequest : ReplaceSectionRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public UploadReplaceSectionRequest()
        : base("upload_replace_section")
    {
    }
}
