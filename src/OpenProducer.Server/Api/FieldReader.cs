using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenProducer.Server.Api;

/// <summary>
/// Reads typed fields from a JSON request the way real clients send them: unknown fields are ignored, and
/// placeholders mean "not set": null, <c>false</c> in a number or text field (the official Python SDK sends it), and
/// <c>""</c> in a number or boolean field (form-built clients send it). A boolean field also takes 0 and 1.
/// The first problem found is kept and names its field. Every field read is also kept, normalised (a number as a
/// number, text within its field's limit), in <see cref="Recorded"/>: that, not the body as sent, is what a task
/// stores, so fields nobody reads cannot make a stored task large.
/// </summary>
public sealed class FieldReader(JsonElement body, string prefix = "")
{
    private readonly JsonObject _recorded = new();

    public ProducerError? Error { get; private set; }

    /// <summary>The fields read so far with their normalised values, in the order they were read.</summary>
    public JsonObject Recorded => _recorded;

    /// <summary>Keeps a field's normalised value (the first reading of a field wins).</summary>
    public void Record(string name, JsonNode? value)
    {
        if (!_recorded.ContainsKey(name)) _recorded[name] = value;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        if (body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        value = default;
        return false;
    }

    /// <summary>An empty (or blank) string where a number or boolean belongs: a placeholder for "not set".</summary>
    private static bool Blank(JsonElement v) => v.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetString());

    private T? Fail<T>(string field)
    {
        Error ??= ProducerError.Invalid(prefix + field);
        return default;
    }

    public string? String(string name, int maxLength)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.False) return null;
        if (v.ValueKind != JsonValueKind.String) return Fail<string>(name);
        string s = v.GetString()!;
        if (s.Length > maxLength)
        {
            Error ??= ProducerError.BadRequest($"{prefix}{name} is too long (at most {maxLength} characters).");
            return null;
        }
        Record(name, s);
        return s;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var v) || Blank(v)) return null;
        bool? value = v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetInt32(out int n) && n is 0 or 1 => n == 1,
            JsonValueKind.String when bool.TryParse(v.GetString()!.Trim(), out bool b) => b,
            JsonValueKind.String when v.GetString()!.Trim() is "0" or "1" => v.GetString()!.Trim() == "1",
            _ => Fail<bool?>(name),
        };
        if (value is bool given) Record(name, given);
        return value;
    }

    public double? Number(string name, double min, double max)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.False || Blank(v)) return null;
        double d;
        if (v.ValueKind == JsonValueKind.Number) d = v.GetDouble();
        else if (v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)) { }
        else return Fail<double?>(name);
        if (!double.IsFinite(d) || d < min || d > max)
        {
            Error ??= ProducerError.BadRequest($"{prefix}{name} is invalid: it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        Record(name, d);
        return d;
    }

    /// <summary>A whole number (credits), read exactly: no float rounding on the way.</summary>
    public long? WholeNumber(string name, long min, long max, string what)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.False || Blank(v)) return null;
        long n = 0;
        bool whole = v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt64(out n),
            JsonValueKind.String => long.TryParse(v.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n),
            _ => false,
        };
        if (!whole || n < min || n > max)
        {
            Error ??= ProducerError.BadRequest($"{prefix}{name} is invalid: it must be {what}.");
            return null;
        }
        Record(name, n);
        return n;
    }

    /// <summary>A seed given as a number or a string; returns the text to echo back and the numeric seed.</summary>
    public (string Text, ulong Value)? Seed(string name)
    {
        if (!TryGet(name, out var v) || v.ValueKind == JsonValueKind.False) return null;
        if (v.ValueKind == JsonValueKind.Number)
        {
            if (!v.TryGetUInt64(out ulong n)) return Fail<(string, ulong)?>(name);
            Record(name, n);
            return (n.ToString(CultureInfo.InvariantCulture), n);
        }
        if (v.ValueKind != JsonValueKind.String) return Fail<(string, ulong)?>(name);
        string s = v.GetString()!.Trim();
        if (s.Length == 0) return null;
        if (s.Length > 100) return Fail<(string, ulong)?>(name);
        Record(name, s);
        // Numeric text is the number itself; any other text is hashed, so it still reproduces.
        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong parsed)
            ? (parsed.ToString(CultureInfo.InvariantCulture), parsed)
            : (s, Engine.Core.Rng.HashSeed(s));
    }

    /// <summary>Records a problem found by the caller, unless an earlier one is already kept.</summary>
    public void Reject(ProducerError error) => Error ??= error;

    public Uri? HttpUrl(string name)
    {
        string? s = String(name, 2048);
        if (string.IsNullOrWhiteSpace(s)) return null;
        if (Uri.TryCreate(s.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        return Fail<Uri>(name);
    }
}
