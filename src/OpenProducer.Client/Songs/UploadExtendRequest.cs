namespace OpenProducer.Client.Songs;

/// <summary><c>upload_extend</c>: an uploaded recording continues with new material (<see cref="EditSongRequest.AudioId"/> is the upload's <c>audio_id</c>).</summary>
public sealed record UploadExtendRequest : ExtendSongRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public UploadExtendRequest()
        : base("upload_extend")
    {
    }
}
