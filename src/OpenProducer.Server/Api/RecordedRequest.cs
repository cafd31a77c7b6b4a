using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenProducer.Server.Api;

/// <summary>
/// The request a task keeps and shows in its record: the fields the server read, normalised, in the order the client
/// sent them. Fields it does not know are left out, so what is stored is bounded by the fields' own limits however
/// large the body was.
/// </summary>
public static class RecordedRequest
{
    public static string Of(JsonElement body, JsonObject recorded)
    {
        var ordered = new JsonObject();
        foreach (var p in body.EnumerateObject())
            if (!ordered.ContainsKey(p.Name) && recorded.TryGetPropertyValue(p.Name, out var value))
                ordered[p.Name] = value?.DeepClone();
        return Json.Write(ordered);
    }
}
