using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace OpenProducer.Server.Api;

/// <summary>
/// Reads a request body as a JSON object, keeping only the fields an endpoint reads. The body (at most 1 MiB) is read
/// into a pooled buffer and scanned once: fields the endpoint does not know are checked (valid JSON, text that is
/// UTF-8) and skipped without building anything, so a body that is a million zeros in an unknown field costs its bytes
/// and no more. The kept fields become a small document.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>More JSON tokens than any field of the API can hold (sounds: 20 items; ids: 100).</summary>
    private const int MaxTokensPerField = 10_000;

    // A pool of its own, with few arrays a size: bodies are large, and the shared pool keeps one of each size per thread.
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(MaxBytes, 8);

    public static async Task<(JsonElement Body, ProducerError? Error)> ReadAsync(HttpRequest request, IReadOnlySet<string>? fields, CancellationToken ct)
    {
        byte[]? buffer = null;
        try
        {
            int length;
            (buffer, length) = await ReadAllAsync(request, ct);
            return Parse(buffer.AsSpan(0, length), fields);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            return (default, ProducerError.BadRequest("Request body is too large."));
        }
        finally
        {
            if (buffer is not null) Buffers.Return(buffer);
        }
    }

    private static async Task<(byte[], int)> ReadAllAsync(HttpRequest request, CancellationToken ct)
    {
        long? declared = request.ContentLength;
        var buffer = Buffers.Rent(declared is long n and > 0 and <= MaxBytes ? (int)n : 16 * 1024);
        int length = 0;
        try
        {
            while (declared != length)
            {
                if (length == buffer.Length)
                {
                    var bigger = Buffers.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    Buffers.Return(buffer);
                    buffer = bigger;
                }
                int read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) break;
                length += read;
                if (length > MaxBytes) throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }
            return (buffer, length);
        }
        catch
        {
            Buffers.Return(buffer);
            throw;
        }
    }

    /// <param name="fields">The fields to keep; null keeps every field.</param>
    internal static (JsonElement Body, ProducerError? Error) Parse(ReadOnlySpan<byte> json, IReadOnlySet<string>? fields)
    {
        var notText = ProducerError.BadRequest("Request body is not valid JSON: a string is not valid UTF-8 or holds a lone surrogate.");
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read()) return (default, ProducerError.BadRequest("Request body is not valid JSON."));
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                while (reader.Read()) { }
                return (default, ProducerError.BadRequest("Request body must be a JSON object."));
            }
            var kept = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(kept))
            {
                writer.WriteStartObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!Utf8.IsValid(reader.ValueSpan)) return (default, notText);
                    string name = reader.GetString()!;
                    bool keep = fields is null || fields.Contains(name);
                    reader.Read();
                    int start = (int)reader.TokenStartIndex;
                    if (!SkipValue(ref reader, out int tokens)) return (default, notText);
                    if (!keep) continue;
                    if (tokens > MaxTokensPerField) return (default, ProducerError.Invalid(name));
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(json[start..(int)reader.BytesConsumed], skipInputValidation: true);
                }
                writer.WriteEndObject();
            }
            // Anything after the object is an error (the reader throws on it).
            while (reader.Read()) { }
            using var doc = JsonDocument.Parse(kept.WrittenMemory, new JsonDocumentOptions { MaxDepth = 64 });
            if (!ReadableText(doc.RootElement)) return (default, notText);
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (default, ProducerError.BadRequest("Request body is not valid JSON."));
        }
        catch (InvalidOperationException)
        {
            return (default, notText);
        }
    }

    /// <summary>Moves past the value the reader is on, counting its tokens; false when a string in it is not UTF-8.</summary>
    private static bool SkipValue(ref Utf8JsonReader reader, out int tokens)
    {
        tokens = 1;
        if (reader.TokenType == JsonTokenType.String) return Utf8.IsValid(reader.ValueSpan);
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return true;
        // The matching end of an object or array is at the depth of its start.
        int depth = reader.CurrentDepth;
        while (reader.Read())
        {
            tokens++;
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !Utf8.IsValid(reader.ValueSpan)) return false;
            if (reader.CurrentDepth == depth) return true;
        }
        return true;
    }

    /// <summary>
    /// True when every string and property name decodes to text. The parser accepts lone surrogate escapes inside
    /// strings and only fails when one is read, which would be a field's reader deep in the request's handling;
    /// checking once here keeps that a bad request.
    /// </summary>
    private static bool ReadableText(JsonElement e)
    {
        try
        {
            var pending = new Stack<JsonElement>();
            pending.Push(e);
            while (pending.TryPop(out var x))
            {
                switch (x.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var p in x.EnumerateObject())
                        {
                            _ = p.Name;
                            pending.Push(p.Value);
                        }
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in x.EnumerateArray()) pending.Push(item);
                        break;
                    case JsonValueKind.String:
                        _ = x.GetString();
                        break;
                }
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
