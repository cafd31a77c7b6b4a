using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static OpenProducer.Server.Reference.WireSchemas;

namespace OpenProducer.Server.Reference;

/// <summary>
/// Describes each operation from <see cref="Operations"/>: the endpoints read and write JSON by hand, so their bodies,
/// answers, statuses and security are not in their signatures.
/// </summary>
internal sealed class OperationShapes : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> StatusWords = new()
    {
        [400] = "A bad request (the message names the field), no token (no_token), a disabled application (disabled).",
        [401] = "An unknown token (invalid_token) or an expired one (token_expired).",
        [403] = "The balance does not cover the price (used_up).",
        [404] = "Nothing here (no_api), or no such song, application, token or owner (not_found).",
        [429] = "Too many requests (too_many_requests); Retry-After says when to come back.",
        [500] = "Our failure (api_error), or a synchronous task that failed (with its task_id).",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var d = context.Document ?? throw new InvalidOperationException("the operation has no document");
        ComponentShapes.Ensure(d);
        var api = context.Description;
        if (Operations.Find(api.HttpMethod ?? "", api.RelativePath ?? "") is not { } doc) return Task.CompletedTask;
        operation.Tags = new HashSet<OpenApiTagReference> { new(doc.Tag, d) };
        operation.Summary = doc.Summary;
        operation.Description = doc.Description;
        if (doc.Query is { } query)
        {
            operation.Parameters ??= [];
            foreach (var p in query()) operation.Parameters.Add(p);
        }
        if (doc.Request.Length > 0) operation.RequestBody = RequestBody(doc, d);
        operation.Responses = new OpenApiResponses();
        if (doc.Success is { } success)
            operation.Responses["200"] = Json("The answer.", success.Length == 1 ? Ref(success[0], d) : Schemas.ExactlyOne("One of these, by the request.", [.. success.Select(s => Ref(s, d))]));
        else if (doc.Raw is var (types, words))
            operation.Responses["200"] = new OpenApiResponse { Description = words, Content = types.ToDictionary(t => t, _ => new OpenApiMediaType()) };
        if (doc.Redirect is { } to)
            operation.Responses["302"] = new OpenApiResponse
            {
                Description = to,
                Headers = new Dictionary<string, IOpenApiHeader> { ["Location"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" } } },
            };
        foreach (int status in doc.Errors)
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Json(StatusWords[status], Ref("Error", d));
        if (doc.Auth != OperationAuth.None)
        {
            string scheme = doc.Auth == OperationAuth.Operator ? ComponentShapes.AdminBearer : ComponentShapes.Bearer;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, d)] = [] }];
        }
        return Task.CompletedTask;
    }

    private static OpenApiRequestBody RequestBody(OperationDoc doc, OpenApiDocument d)
    {
        IOpenApiSchema schema = doc.Request.Length == 1 ? Ref(doc.Request[0], d)
            : Schemas.ExactlyOne("One of these, by its action.", [.. doc.Request.Select(r => Ref(r, d))]);
        var json = new OpenApiMediaType
        {
            Schema = schema,
            Examples = doc.Examples.ToDictionary(e => e.Key, e => (IOpenApiExample)new OpenApiExample { Value = e.Value.DeepClone() }),
        };
        var content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = json };
        if (doc.Form is { } form) content["multipart/form-data"] = new OpenApiMediaType { Schema = Ref(form, d) };
        return new OpenApiRequestBody { Required = true, Content = content };
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description, Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };
}
