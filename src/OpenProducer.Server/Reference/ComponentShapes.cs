using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OpenProducer.Server.Files;

namespace OpenProducer.Server.Reference;

/// <summary>
/// The document's frame: its title, the bearer schemes, and the named request and answer schemas the operations
/// point to. Run once per document, before the operations are described (they point into it) and again at the end.
/// </summary>
/// <param name="urls">The base the server hands out in its links: the document names it as its server, as clients reach it.</param>
internal sealed class ComponentShapes(PublicUrls urls) : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer", AdminBearer = "admin";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "OpenProducer",
            Version = "1",
            Description = "A self-hosted music generation service that speaks the Producer API: clients written for the hosted API work against it by "
                + "switching the base URL. Every error answers {\"success\":false,\"error\":{\"code\",\"message\"},\"trace_id\"} with the status "
                + "each operation lists. Request fields are read the way real clients send them: unknown fields are ignored; null, false "
                + "and \"\" in a number or boolean field mean \"not set\" (the default); numbers may come as numeric text and booleans "
                + "as 0 or 1. The song endpoints take two dialects: snake_case actions (generate, extend, …) and the camelCase "
                + "create_music family with sounds[]. Routes marked as our extension are not in the hosted API.",
        };
        document.Servers = [new OpenApiServer { Url = urls.Base }];
        Ensure(document);
        // The operations' own tags, in the order they first appear, with words (the generated ones name classes).
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Name).Distinct();
        document.Tags = new HashSet<OpenApiTag>(used.OfType<string>().Select(name => new OpenApiTag { Name = name, Description = TagWords.GetValueOrDefault(name) }));
        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, string> TagWords = new()
    {
        ["songs"] = "New songs, their edits, and recordings of the caller's own.",
        ["files of a song"] = "Stems, WAV, other formats and the music video of one of the caller's songs.",
        ["lyrics"] = "Lyric sheets.",
        ["tasks"] = "Every request makes a task; these read them.",
        ["account"] = "Our extension: the token's application and its credits.",
        ["files"] = "The songs' files, public by unguessable links.",
        ["server"] = "The server itself.",
        ["admin"] = "The operator's API (admin token).",
    };

    /// <summary>Adds the schemes and schemas once (an operation's transformer may be first to need them).</summary>
    public static void Ensure(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        var c = document.Components;
        c.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (c.Schemas.ContainsKey("Error")) return;
        foreach (var (name, schema) in WireSchemas.All(document).Concat(RequestSchemas.All(document))) c.Schemas[name] = schema;
        c.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        c.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An application's token (producer token create).",
        };
        c.SecuritySchemes[AdminBearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The operator's admin token (PRODUCER_ADMIN_TOKEN).",
        };
    }
}
