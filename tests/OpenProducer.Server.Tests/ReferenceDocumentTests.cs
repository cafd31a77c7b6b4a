using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// <c>/openapi.json</c> is an OpenAPI 3.1 document that a real OpenAPI reader takes without errors, generated from
/// the endpoints the server maps (every one described, none invented), with the request fields the parsers read;
/// <c>/docs</c> is a page whose script and styles come from this server.
/// </summary>
[Trait("Category", "Fast")]
public partial class ReferenceDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    public static readonly string[] PublicOperations =
    [
        "POST /producer/audios", "POST /producer/tasks", "POST /producer/upload", "POST /producer/lyrics", "POST /producer/videos", "POST /producer/wav",
        "POST /producer/download", "POST /producer/download-video", "POST /producer/stems", "GET /v1/balance", "GET /v1/application", "GET /v1/songs/{id}",
        "GET /v1/tasks", "GET /files/{key}/{name}", "HEAD /files/{key}/{name}", "GET /files/live/{name}", "GET /healthz",
    ];

    [Fact]
    public async Task The_document_is_OpenAPI_3_1_and_reads_without_errors_or_rule_violations()
    {
        using var plain = new HttpClient();
        using var response = await plain.GetAsync(Server.BaseUrl + "/openapi.json");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("3.1.", JsonNode.Parse(text)!["openapi"]!.GetValue<string>());

        var (read, diagnostic) = OpenApiDocument.Parse(text, "json");
        Assert.NotNull(diagnostic);
        var document = Assert.IsType<OpenApiDocument>(read);
        Assert.True(diagnostic.Errors.Count == 0, string.Join("\n", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        // Its server is the base the server hands out in its links.
        Assert.Equal(Server.BaseUrl, Assert.Single(document.Servers!).Url);
        var problems = document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        Assert.True(!problems.Any(), string.Join("\n", problems.Select(e => $"{e.Pointer}: {e.Message}")));

        // The reader's model of it: bearer security, and the error body behind every listed error status.
        var bearer = document.Components!.SecuritySchemes!["bearer"];
        Assert.Equal(SecuritySchemeType.Http, bearer.Type);
        Assert.Equal("bearer", bearer.Scheme);
        foreach (var (path, item) in document.Paths)
            foreach (var (method, op) in item.Operations ?? [])
            {
                foreach (var (status, answer) in op.Responses!.Where(r => r.Key[0] is '4' or '5'))
                    Assert.True(answer.Content?["application/json"].Schema is OpenApiSchemaReference { Reference.Id: "Error" }, $"{method} {path} {status} is not the error body");
                bool open = path.StartsWith("/files/", StringComparison.Ordinal) || path == "/healthz";
                Assert.True(open == (op.Security is not { Count: > 0 }), $"{method} {path}: security {(open ? "where no token is needed" : "missing")}");
            }
    }

    [Fact]
    public async Task Every_endpoint_the_server_maps_is_described_and_nothing_else()
    {
        var contract = await OpenApiContract.LoadAsync(Server);
        var mapped = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
        var described = contract.Operations.ToHashSet();
        Assert.Equal(mapped.Order(), described.Order());
        Assert.Subset(described, PublicOperations.ToHashSet());
        foreach (var key in described)
        {
            var op = contract.Operation(key.Split(' ')[0], key.Split(' ')[1]);
            Assert.False(string.IsNullOrWhiteSpace(op["summary"]?.GetValue<string>()), $"{key} has no summary");
            Assert.True(op["responses"]?["200"] is not null, $"{key} has no 200 answer");
            string tag = op["tags"]![0]!.GetValue<string>();
            Assert.True(key.Contains("/admin/", StringComparison.Ordinal) == (tag == "admin"), $"{key} is tagged {tag}");
        }
    }

    [Fact]
    public async Task Every_field_the_song_endpoints_read_is_documented_in_both_dialects_and_no_other()
    {
        var contract = await OpenApiContract.LoadAsync(Server);
        var schemas = contract.Document["components"]!["schemas"]!;
        string[] bodies = ["GenerateRequest", "CreateMusicRequest", "EditRequest", "EditMusicRequest", "VariationRequest", "MusicVariationRequest", "StemsRequest",
            "SongFileRequest", "DownloadRequest", "LyricsRequest"];
        var documented = bodies.SelectMany(b => schemas[b]!["properties"]!.AsObject().Select(p => p.Key)).ToHashSet();
        Assert.Equal(AudioRequestParser.Fields.Order(), documented.Order());
        // Both dialects' own names, each in its own request.
        Assert.Contains("audio_id", schemas["EditRequest"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("audioId", schemas["EditMusicRequest"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var strength = schemas["CreateMusicRequest"]!["properties"]!["sounds"]!["items"]!["properties"]!["strength"]!;
        Assert.Equal(-1, strength["minimum"]!.GetValue<double>());
        Assert.Equal(0.5, strength["default"]!.GetValue<double>());
        Assert.Equal(AudioRequestParser.Implemented.Where(a => a != "lyrics").Order(),
            bodies.Take(7).SelectMany(b => schemas[b]!["properties"]!["action"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>())).Order());
    }

    [Fact]
    public async Task Every_example_matches_its_schema_and_a_wrong_body_does_not()
    {
        var contract = await OpenApiContract.LoadAsync(Server);
        int checkedExamples = 0;
        foreach (var key in contract.Operations)
        {
            var json = contract.Operation(key.Split(' ')[0], key.Split(' ')[1])["requestBody"]?["content"]?["application/json"];
            foreach (var (name, example) in json?["examples"]?.AsObject() ?? [])
            {
                var result = contract.Check(json!["schema"]!, JsonSerializer.SerializeToElement(example!["value"]));
                Assert.True(result.IsValid, $"{key} example {name}:\n{OpenApiContract.Explain(result)}");
                checkedExamples++;
            }
        }
        // The answers' examples match the schemas they illustrate.
        foreach (var (name, schema) in contract.Document["components"]!["schemas"]!.AsObject())
            foreach (var example in schema!["examples"]?.AsArray() ?? [])
            {
                var result = contract.Check(name, JsonSerializer.SerializeToElement(example));
                Assert.True(result.IsValid, $"the example of {name}:\n{OpenApiContract.Explain(result)}");
                checkedExamples++;
            }
        Assert.True(checkedExamples >= 13, $"only {checkedExamples} examples");
        var audios = contract.Operation("POST", "/producer/audios")["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.False(contract.Check(audios, JsonSerializer.SerializeToElement(new { action = "generate", prompt = "x", weirdness = 2 })).IsValid);
        Assert.False(contract.Check(audios, JsonSerializer.SerializeToElement(new { action = "create_music", sounds = new[] { new { text = "x", strength = -2 } } })).IsValid);
        Assert.False(contract.Check(audios, JsonSerializer.SerializeToElement(new { action = "dance" })).IsValid);
    }

    [Fact]
    public async Task The_docs_page_loads_its_script_and_the_document_from_this_server()
    {
        using var plain = new HttpClient();
        using var page = await plain.GetAsync(Server.BaseUrl + "/docs");
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        var pageUrl = page.RequestMessage!.RequestUri!;
        // Nothing the page names lives on another host: no CDN, no font service.
        foreach (Match m in AbsoluteUrl().Matches(html)) Assert.Fail($"the page names {m.Value}");
        var assets = Asset().Matches(html).Select(m => m.Groups["u"].Value).ToList();
        var config = JsonNode.Parse(Config().Match(html).Groups[1].Value)!;
        Assert.False(config["withDefaultFonts"]!.GetValue<bool>());
        assets.Add(config["favicon"]!.GetValue<string>());
        Assert.Contains("scalar.js", assets);
        foreach (string asset in assets.Distinct())
        {
            var url = new Uri(pageUrl, asset);
            Assert.Equal(new Uri(Server.BaseUrl).Authority, url.Authority);
            using var got = await plain.GetAsync(url);
            Assert.True(got.IsSuccessStatusCode, $"{url}: {(int)got.StatusCode}");
            Assert.NotEqual("text/html", got.Content.Headers.ContentType?.MediaType);
            Assert.True((await got.Content.ReadAsByteArrayAsync()).Length > 100, $"{url} is nearly empty");
        }
        // The page resolves its source against the server's root, as its loader does.
        var source = new Uri(new Uri(Server.BaseUrl + "/"), config["sources"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("/openapi.json", source.AbsolutePath);
        Assert.StartsWith("3.1.", JsonNode.Parse(await plain.GetStringAsync(source))!["openapi"]!.GetValue<string>());
    }

    [GeneratedRegex("""https?://[^\s"'<>]+""")]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("""(?:src|href)="(?<u>[^"]+)"|from '(?<u>[^']+)'""")]
    private static partial Regex Asset();

    [GeneratedRegex("""initialize\(\s*'[^']*',\s*(?:true|false),\s*(\{.*\}),""")]
    private static partial Regex Config();
}
