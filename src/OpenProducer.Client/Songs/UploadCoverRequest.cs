namespace OpenProducer.Client.Songs;

/// <summary><c>upload_cover</c>: an uploaded recording's tune in another style (<see cref="EditSongRequest.AudioId"/> is the upload's <c>audio_id</c>).</summary>
public sealed record UploadCoverRequest : CoverSongRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public UploadCoverRequest()
        : base("upload_cover")
    {
    }
}
