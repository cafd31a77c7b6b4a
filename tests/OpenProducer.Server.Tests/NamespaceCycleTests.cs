using System.Reflection;
using OpenProducer.Engine;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>The code's folders use each other one way: no namespace of ours reaches back to one that uses it.</summary>
[Trait("Category", "Fast")]
public class NamespaceCycleTests
{
    public static TheoryData<string> Assemblies => ["OpenProducer.Engine", "OpenProducer.Server"];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_namespace_reaches_back_to_one_that_uses_it(string name)
    {
        var assembly = name == "OpenProducer.Engine" ? typeof(SongEngine).Assembly : typeof(ServerApp).Assembly;
        var graph = NamespaceGraph.Of(assembly, name);
        Assert.True(graph.Edges.Count > 3, $"the scan found too few namespaces in {name} to be reading it");
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, string.Join("\n\n", cycles.Select(c => "cycle: " + string.Join(", ", c) + "\n  " + string.Join("\n  ", graph.Explain(c)))));
    }

    [Fact]
    public void A_cycle_through_three_namespaces_is_found_and_a_chain_is_not()
    {
        static Dictionary<string, string> To(params string[] names) => names.ToDictionary(n => n, _ => "");
        var cyclic = new NamespaceGraph(new() { ["A"] = To("B"), ["B"] = To("C"), ["C"] = To("A", "D"), ["D"] = To() });
        Assert.Equal(["A", "B", "C"], Assert.Single(cyclic.Cycles()));
        var chain = new NamespaceGraph(new() { ["A"] = To("B", "C"), ["B"] = To("C"), ["C"] = To() });
        Assert.Empty(chain.Cycles());
    }

    [Fact]
    public void The_scan_sees_a_use_made_only_inside_a_method_body()
    {
        // This test class names ServerApp only in a method body (through typeof): the scan must see it.
        var graph = NamespaceGraph.Of(Assembly.GetExecutingAssembly(), "OpenProducer.Server.Tests");
        Assert.Contains("OpenProducer.Server.Tests.Support", graph.Edges["OpenProducer.Server.Tests"].Keys);
    }
}
