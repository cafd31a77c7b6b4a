using System.Text.Json;

namespace OpenProducer.Server.Queue;

/// <summary>
/// The job a task row carries, in an envelope that names its kind: <c>{"kind":"song","job":{…}}</c>. The worker
/// reads the kind to pick the handler; the handler reads the payload into its own record type.
/// </summary>
public static class TaskJob
{
    /// <summary>The stored text of <paramref name="job"/> as a job of <paramref name="kind"/>.</summary>
    public static string Write<TJob>(string kind, TJob job) => JsonSerializer.Serialize(new Envelope<TJob>(kind, job));

    /// <summary>The kind and the payload of a stored job.</summary>
    public static (string Kind, JsonElement Job) Read(string stored)
    {
        using var doc = JsonDocument.Parse(stored);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("job", out var job))
            throw new JsonException("the stored job has no kind");
        return (kind.GetString()!, job.Clone());
    }

    /// <summary>The payload of a stored job of a known kind, read into its record.</summary>
    public static TJob Read<TJob>(string stored) where TJob : class => Payload<TJob>(Read(stored).Job);

    public static TJob Payload<TJob>(JsonElement job) where TJob : class =>
        job.Deserialize<TJob>() ?? throw new JsonException($"the stored job is not a {typeof(TJob).Name}");

    private sealed record Envelope<TJob>(
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("job")] TJob Job);
}
