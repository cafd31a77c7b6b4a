using System.Text.Json;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Songs;

/// <summary>A song's cover image given by URL (<c>coverArtUrl</c>): fetched, checked and made the cover JPEG before the song is rendered.</summary>
public sealed class CoverInput(ServerOptions options, IHttpClientFactory clients) : ITaskInput
{
    public bool Takes(string kind) => kind == SongHandler.JobKind;

    public string FailedMessage => "coverArtUrl could not be prepared. Please try again.";

    public async Task PrepareAsync(TaskRow task, JsonElement job, CancellationToken ct)
    {
        if (TaskJob.Payload<AudioRequest>(job).CoverArtUrl is { } url)
            await CoverImage.PrepareAsync(clients.CreateClient("images"), url, options.StagedCover(task.Id), ct);
    }

    public void Discard(TaskRow task) => File.Delete(options.StagedCover(task.Id));
}
