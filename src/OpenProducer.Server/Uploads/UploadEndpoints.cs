using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OpenProducer.Engine.Style;
using OpenProducer.Server.Api;
using OpenProducer.Server.Outbound;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;

namespace OpenProducer.Server.Uploads;

/// <summary>
/// <c>/producer/upload</c>: a recording of the caller's own, by <c>audio_url</c> as the spec has it, or (our extension,
/// for files that are local) as the <c>file</c> part of a <c>multipart/form-data</c> body. A file sent in the request
/// is checked before anything is charged; one by URL is fetched and checked by the input lane, and refunded if bad.
/// </summary>
public static class UploadEndpoints
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "audio_url", "title", "async", "callback_url" };

    private const int MaxTitle = 200;

    public static void MapUploads(this IEndpointRouteBuilder app) =>
        app.MapPost("/producer/upload", UploadAsync).AddEndpointFilter<BearerAuth>();

    private static async Task<IResult> UploadAsync(HttpContext http, [AsParameters] TaskSubmission.Services services, CancellationToken ct)
    {
        string traceId = http.TraceId(), taskId = Guid.NewGuid().ToString();
        string staged = services.Options.StagedUpload(taskId);
        bool multipart = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        try
        {
            var (body, fileName, error) = multipart ? await ReadFormAsync(http, type!, staged, ct) : await ReadJsonAsync(http, ct);
            if (error is not null) return Json.Error(error, traceId);
            var f = new FieldReader(body);
            var url = f.HttpUrl("audio_url");
            string? title = f.String("title", MaxTitle)?.Trim();
            var callback = f.HttpUrl("callback_url");
            bool isAsync = f.Bool("async") ?? false;
            if (f.Error is not null) return Json.Error(f.Error, traceId);
            if (fileName is not null && url is not null) return Json.Error(ProducerError.BadRequest("Give audio_url or a file, not both."), traceId);
            if (fileName is null && url is null) return Json.Error(ProducerError.Required("audio_url"), traceId);
            if (url is not null && UrlGuard.Check(url, services.Options.AllowPrivateUrls) is { } reason)
                return Json.Error(ProducerError.BadRequest($"audio_url is invalid: {reason}."), traceId);
            if (fileName is not null)
            {
                try
                {
                    await RecordingCheck.CheckAsync(staged, "file", ct);
                }
                catch (UserInputException e)
                {
                    return Json.Error(ProducerError.BadRequest(e.Message), traceId);
                }
                if (string.IsNullOrWhiteSpace(title)) title = Path.GetFileNameWithoutExtension(fileName).Trim() is { Length: > 0 and <= MaxTitle } named ? named : null;
            }
            var request = new AudioRequest
            {
                Action = "upload", Model = ModelPreset.DefaultModel, SeedText = "", Seed = 0, Title = string.IsNullOrWhiteSpace(title) ? null : title,
                CallbackUrl = callback, Async = isAsync, Recorded = RecordedRequest.Of(body, f.Recorded),
            };
            var job = new UploadJob(url, request.Title);
            return await TaskSubmission.SubmitAsync(http, services, request, "upload", _ => UploadHandler.Job(job), taskId, needsInput: url is not null, ct);
        }
        finally
        {
            // A file nobody's task holds (refused, or the balance did not cover it) is not kept.
            if (File.Exists(staged) && await services.Store.GetAnyAsync(taskId, CancellationToken.None) is null) File.Delete(staged);
        }
    }

    private static async Task<(JsonElement Body, string? FileName, ProducerError? Error)> ReadJsonAsync(HttpContext http, CancellationToken ct)
    {
        var (body, error) = await Json.ReadObjectAsync(http.Request, ct, Fields);
        return (body, null, error);
    }

    /// <summary>
    /// Reads a form: the <c>file</c> part streams to <paramref name="staged"/> (at most the size cap), the other known
    /// fields are read as text (a few KB at most); unknown parts are skipped.
    /// </summary>
    private static async Task<(JsonElement Body, string? FileName, ProducerError? Error)> ReadFormAsync(HttpContext http, MediaTypeHeaderValue type,
        string staged, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = RecordingCheck.MaxBytes + 1024 * 1024;
        string boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? "";
        if (boundary.Length is 0 or > 200) return (default, null, ProducerError.BadRequest("The form has no boundary."));
        var fields = new JsonObject();
        string? fileName = null;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
            int parts = 0;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (++parts > 20) return (default, null, ProducerError.BadRequest("The form has too many parts."));
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "file")
                {
                    if (fileName is not null) return (default, null, ProducerError.BadRequest("Send one file."));
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value is { Length: > 0 } given ? given : "recording";
                    Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
                    if (!await CopyCappedAsync(section.Body, staged, ct))
                        return (default, null, ProducerError.BadRequest($"file is too large (at most {RecordingCheck.MaxBytes / (1024 * 1024)} MB)."));
                }
                else if (Fields.Contains(name))
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[4096];
                    int n = await text.ReadBlockAsync(buffer, ct);
                    if (n == buffer.Length) return (default, null, ProducerError.BadRequest($"{name} is too long."));
                    fields[name] = new string(buffer, 0, n);
                }
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return (default, null, e is BadHttpRequestException { StatusCode: 413 }
                ? ProducerError.BadRequest($"file is too large (at most {RecordingCheck.MaxBytes / (1024 * 1024)} MB).")
                : ProducerError.BadRequest("The form could not be read."));
        }
        return (JsonSerializer.SerializeToElement(fields), fileName, null);
    }

    /// <summary>Copies at most the size cap; false (and nothing kept) when the part is larger.</summary>
    private static async Task<bool> CopyCappedAsync(Stream from, string path, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        await using (var file = File.Create(path))
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct)) > 0)
            {
                if ((total += n) > RecordingCheck.MaxBytes) break;
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        if (total <= RecordingCheck.MaxBytes) return true;
        File.Delete(path);
        return false;
    }
}
