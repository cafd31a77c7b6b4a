using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenProducer.Client.Core;
using OpenProducer.Client.Files;
using OpenProducer.Client.Songs;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Server.Uploads;

namespace OpenProducer.Client.Tests;

/// <summary>
/// The request records speak the server's wire exactly: the server drops fields it does not know unread, so a
/// misspelt field would fail silently; these tests hold every field and action to the server's own lists.
/// </summary>
[Trait("Category", "Fast")]
public class WireShapeTests
{
    private static readonly Type[] Requests = [.. typeof(ProducerClient).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ProducerRequest)) && !t.IsAbstract)];

    private static IEnumerable<string> WireNames(Type t) =>
        t.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>();

    [Fact]
    public void Every_field_of_every_request_is_one_the_server_reads()
    {
        var upload = (IReadOnlySet<string>)typeof(UploadEndpoints).GetField("Fields", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.True(Requests.Length >= 24, $"found {Requests.Length} request types");
        foreach (var type in Requests)
        {
            var known = type == typeof(UploadRequest) ? upload : AudioRequestParser.Fields;
            foreach (var name in WireNames(type)) Assert.True(known.Contains(name), $"{type.Name}.{name} is not a field the server reads");
        }
    }

    [Fact]
    public void Each_request_speaks_one_dialect_camel_case_only_in_the_create_music_family()
    {
        Type[] camel = [typeof(CreateMusicRequest), typeof(MusicEditRequest), typeof(SoundPrompt)];
        foreach (var type in Requests)
        {
            bool isCamel = camel.Any(c => c == type || type.IsSubclassOf(c));
            foreach (var name in WireNames(type).Except(["action", "model", "title", "seed", "weirdness", "callback_url"]))
                Assert.True(isCamel ? !name.Contains('_') : !name.Any(char.IsUpper), $"{type.Name}.{name} is not in its dialect");
        }
    }

    [Fact]
    public void Every_song_request_names_an_action_the_server_implements_and_each_action_has_one()
    {
        var actions = Requests.Where(t => t.IsSubclassOf(typeof(SongRequest)))
            .Select(t => ((SongRequest)Activator.CreateInstance(t)!).Action).ToList();
        actions.AddRange(["stems", "all_stems"]);
        Assert.Equal(actions.Count, actions.Distinct().Count());
        Assert.Equal(AudioRequestParser.Implemented.Order(), actions.Order());
    }

    [Fact]
    public void A_request_body_holds_only_the_fields_set_and_async_when_asked()
    {
        var request = new ExtendMusicRequest { AudioId = "a", ExtendDuration = 12, Sounds = [new SoundPrompt { Text = "x" }] };
        Same("""{"action":"extend_music","audioId":"a","extendDuration":12,"sounds":[{"text":"x"}],"async":true}""", ProducerPipeline.Body(request, isAsync: true));
        Same("""{"action":"all_stems","audio_id":"a"}""", ProducerPipeline.Body(new StemsRequest { AudioId = "a", All = true }, isAsync: false));
        Same("""{"action":"generate","prompt":"p","callback_url":"http://h/c"}""",
            ProducerPipeline.Body(new GenerateSongRequest { Prompt = "p", CallbackUrl = new Uri("http://h/c") }, isAsync: false));
    }

    private static void Same(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, sent {actual.ToJsonString()}");

    [Fact]
    public void The_sdk_depends_on_no_other_assembly_of_ours_and_its_namespaces_use_each_other_one_way()
    {
        var assembly = typeof(ProducerClient).Assembly;
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("OpenProducer.", StringComparison.Ordinal));
        var graph = NamespaceGraph.Of(assembly, "OpenProducer.Client");
        Assert.True(graph.Edges.Count >= 5, "the scan found too few namespaces to be reading the SDK");
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c => "cycle: " + string.Join(", ", c))));
    }
}
