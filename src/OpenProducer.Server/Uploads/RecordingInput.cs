using System.Text.Json;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Outbound;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Uploads;

/// <summary>A recording given by URL (<c>audio_url</c>): fetched through the guarded client and checked before the upload task runs.</summary>
public sealed class RecordingInput(ServerOptions options, IHttpClientFactory clients) : ITaskInput
{
    /// <summary>The whole fetch, body included.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public bool Takes(string kind) => kind == UploadHandler.JobKind;

    public string FailedMessage => "audio_url could not be prepared. Please try again.";

    public async Task PrepareAsync(TaskRow task, JsonElement job, CancellationToken ct)
    {
        if (TaskJob.Payload<UploadJob>(job).Url is not { } url) return;
        string staged = options.StagedUpload(task.Id), part = staged + ".part";
        Directory.CreateDirectory(options.InputsDir);
        try
        {
            await GuardedDownload.ToFileAsync(clients.CreateClient("uploads"), url, part, "audio_url", RecordingCheck.MaxBytes, Deadline,
                (m, e) => new UserInputException(m, e, badRequest: true), ct);
            await RecordingCheck.CheckAsync(part, "audio_url", ct);
            File.Move(part, staged, overwrite: true);
        }
        finally
        {
            File.Delete(part);
        }
    }

    public void Discard(TaskRow task) => File.Delete(options.StagedUpload(task.Id));
}
