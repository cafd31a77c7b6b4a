using Scalar.AspNetCore;

namespace OpenProducer.Server.Reference;

/// <summary>
/// The API's reference: <c>/openapi.json</c>, an OpenAPI 3.1 document generated from the mapped endpoints, and
/// <c>/docs</c>, a browsable page of it whose script is served from here (no network needed).
/// </summary>
public static class ReferenceEndpoints
{
    public const string DocumentPath = "/openapi.json", PagePath = "/docs";

    public static void AddReference(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer<ComponentShapes>();
            o.AddOperationTransformer<OperationShapes>();
        });

    public static void MapReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        // The page's script is the one the package carries; fonts come from the browser, not a font service, and the
        // page's links to the vendor's hosted services (its assistant, its tool bar) are off: the page works offline.
        app.MapScalarApiReference(PagePath, o => o.WithTitle("OpenProducer API").WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp().HideDeveloperTools()
            .AddPreferredSecuritySchemes(ComponentShapes.Bearer).PreserveSchemaPropertyOrder());
    }
}
