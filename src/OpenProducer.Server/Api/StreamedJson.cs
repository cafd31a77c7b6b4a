using System.Text.Json;

namespace OpenProducer.Server.Api;

/// <summary>
/// A JSON answer written piece by piece straight to the client: the writer is flushed after each piece, so an answer
/// of many large records never sits in memory whole. Anything that can be refused is checked before it starts.
/// </summary>
public sealed class StreamedJson(Func<Utf8JsonWriter, Func<Task>, Task> write) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body, new JsonWriterOptions { Encoder = Json.Options.Encoder });
        await write(writer, () => writer.FlushAsync(httpContext.RequestAborted));
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
