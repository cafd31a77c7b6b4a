using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;
using OpenProducer.Engine.Style;
using OpenProducer.Server.Accounts;
using OpenProducer.Server.Api;

namespace OpenProducer.Server.Mcp;

/// <summary>
/// <c>/mcp</c>: the Producer API's actions as Model Context Protocol tools over Streamable HTTP, behind the same bearer
/// tokens, rate limits and charges as the HTTP endpoints.
/// </summary>
public static partial class McpEndpoints
{
    public const string Path = "/mcp";

    /// <summary>What a client is told about the tools as a whole when it connects.</summary>
    public const string Instructions =
        "OpenProducer makes songs. Start with generate_song (from a prompt, or write_lyrics first and pass its text as lyrics with a style). " +
        "The audio_id a song comes back with is what extend_song, replace_section, cover_song, make_stems, make_wav and make_video work on; " +
        "each makes a new song or file and leaves the original as it was. Every tool that makes something is charged to the token's balance " +
        "when it is accepted (its description says how much) and waits for its result; get_task reads any task again by its task_id.";

    /// <summary>Registers the MCP server and its tools; their descriptions carry the operator's prices and the models.</summary>
    public static void AddMcpTools(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        // The SDK logs every call at Information; the server's log keeps to warnings, as for ASP.NET Core's own.
        services.AddLogging(b => b.AddFilter("ModelContextProtocol", LogLevel.Warning));
        services.AddSingleton<McpTaskRunner>();
        // Stateless: every request is answered within its own HTTP request, which carries the caller's token; no
        // session is kept between requests, so any server process can answer any of them.
        services.AddMcpServer(o =>
            {
                o.ServerInfo = new() { Name = "OpenProducer", Version = typeof(McpEndpoints).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" };
                o.ServerInstructions = Instructions;
            })
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateless);
        foreach (var method in typeof(ProducerTools).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is null) continue;
            services.AddSingleton(sp =>
            {
                var tool = McpServerTool.Create(method, r => ActivatorUtilities.CreateInstance<ProducerTools>(r.Services!), new() { Services = sp });
                var prices = sp.GetRequiredService<PriceTable>();
                tool.ProtocolTool.Description = Fill(tool.ProtocolTool.Description ?? "", prices);
                tool.ProtocolTool.InputSchema = JsonSerializer.Deserialize<JsonElement>(Fill(tool.ProtocolTool.InputSchema.GetRawText(), prices));
                return tool;
            });
        }
    }

    /// <summary>
    /// Maps the endpoint. Its requests are authenticated as <c>/producer/*</c> ones are: a missing, unknown, expired or
    /// disabled token, or a caller over its rate limit, is refused with the spec's error body before MCP reads anything.
    /// </summary>
    public static void MapMcpTools(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (HttpContext http, RequestDelegate next) =>
        {
            if (await http.RequestServices.GetRequiredService<BearerAuth>().AuthenticateAsync(http) is { } refused) await refused.ExecuteAsync(http);
            else await next(http);
        }));
        // Not part of the HTTP API's OpenAPI document: MCP clients learn the tools from the endpoint itself.
        app.MapMcp(Path).ExcludeFromDescription();
    }

    /// <summary>
    /// Fills a description's placeholders: <c>{price:action}</c> with what the action costs with the default model,
    /// <c>{models}</c> and <c>{default_model}</c> with the models a request may name.
    /// </summary>
    public static string Fill(string description, PriceTable prices) => Placeholder().Replace(description, m => m.Groups[1].Value switch
    {
        "models" => string.Join(", ", ModelPreset.All.Select(p => p.Model)),
        "default_model" => ModelPreset.DefaultModel,
        _ => prices.For(m.Groups[2].Value, ModelPreset.DefaultModel).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [GeneratedRegex(@"\{(models|default_model|price:([a-z_]+))\}")]
    private static partial Regex Placeholder();
}
