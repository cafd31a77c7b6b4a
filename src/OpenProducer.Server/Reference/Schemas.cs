using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace OpenProducer.Server.Reference;

/// <summary>
/// Small builders for the JSON Schemas of the reference. The endpoints read and write their JSON by hand, so the
/// schemas cannot be derived from types: they are written here from the same constants the parsers check.
/// </summary>
internal static class Schemas
{
    public static OpenApiSchema Text(string description, int? maxLength = null, string? example = null) => new()
    {
        Type = JsonSchemaType.String, Description = description, MaxLength = maxLength, Examples = example is null ? null : [JsonValue.Create(example)],
    };

    public static OpenApiSchema NullableText(string description) => new() { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = description };

    public static OpenApiSchema Url(string description, bool nullable = false) => new()
    {
        Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Format = "uri", Description = description,
    };

    public static OpenApiSchema OneOf(string description, IEnumerable<string> values, string? @default = null) => new()
    {
        Type = JsonSchemaType.String, Description = description, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
        Default = @default is null ? null : JsonValue.Create(@default),
    };

    public static OpenApiSchema Number(string description, double min, double max, double? @default = null) => new()
    {
        Type = JsonSchemaType.Number, Description = description, Minimum = Invariant(min), Maximum = Invariant(max),
        Default = @default is double d ? JsonValue.Create(d) : null,
    };

    public static OpenApiSchema AnyNumber(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number, Description = description };

    public static OpenApiSchema Integer(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer, Description = description };

    public static OpenApiSchema Bool(string description, bool? @default = null) => new()
    {
        Type = JsonSchemaType.Boolean, Description = description, Default = @default is bool b ? JsonValue.Create(b) : null,
    };

    /// <summary>Exactly this value (an enum of one: the model's <c>const</c> is text only).</summary>
    public static OpenApiSchema Exactly(JsonNode value, string description) => new() { Enum = [value], Description = description };

    public static OpenApiSchema ArrayOf(IOpenApiSchema items, string description, int? maxItems = null) =>
        new() { Type = JsonSchemaType.Array, Items = items, Description = description, MaxItems = maxItems };

    /// <summary>An object with the given properties; unknown ones are allowed (clients must ignore what they do not know).</summary>
    public static OpenApiSchema Object(string description, IEnumerable<(string Name, IOpenApiSchema Schema)> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object, Description = description,
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema),
        Required = new HashSet<string>(required),
    };

    /// <summary>An object that is the same object or null.</summary>
    public static OpenApiSchema OrNull(OpenApiSchema schema)
    {
        schema.Type = (schema.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null;
        return schema;
    }

    public static OpenApiSchema AnyOf(string description, params IOpenApiSchema[] choices) => new() { Description = description, AnyOf = [.. choices] };

    public static OpenApiSchema ExactlyOne(string description, params IOpenApiSchema[] choices) => new() { Description = description, OneOf = [.. choices] };

    /// <summary>Gives a schema an example (JSON text), for the reader and the page.</summary>
    public static OpenApiSchema WithExample(this OpenApiSchema schema, string json)
    {
        schema.Examples = [JsonNode.Parse(json)!];
        return schema;
    }

    private static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}
