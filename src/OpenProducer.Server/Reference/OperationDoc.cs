using System.Text.Json.Nodes;

namespace OpenProducer.Server.Reference;

/// <summary>What the reference says of one operation the server maps: its words, bodies, answers and their statuses.</summary>
/// <param name="Request">The request body's schema names (several: the body is one of them); empty when it takes none.</param>
/// <param name="Success">The 200 answer's schema names (several: one of them), or null when it is not JSON.</param>
/// <param name="Errors">The error statuses it answers with (each with the error body).</param>
/// <param name="Auth">The bearer token the operation needs: an application's, the operator's, or none.</param>
internal sealed record OperationDoc(string Tag, string Summary, string Description, string[] Request, string[]? Success, int[] Errors, OperationAuth Auth)
{
    /// <summary>Named request examples, each a body as a client sends it.</summary>
    public IReadOnlyDictionary<string, JsonNode> Examples { get; init; } = new Dictionary<string, JsonNode>();

    /// <summary>What the 200 answer is when it is not JSON: media types and a sentence.</summary>
    public (string[] MediaTypes, string Description)? Raw { get; init; }

    /// <summary>When the operation may answer 302 instead: what the Location header then points to.</summary>
    public string? Redirect { get; init; }

    /// <summary>A multipart form the operation also takes, by its schema name.</summary>
    public string? Form { get; init; }

    /// <summary>The query parameters it reads by hand, made afresh for each document.</summary>
    public Func<IEnumerable<Microsoft.OpenApi.IOpenApiParameter>>? Query { get; init; }
}

internal enum OperationAuth { Application, Operator, None }
