using System.Diagnostics;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Server.Tests;

/// <summary>A request the balance does not cover is refused before any work beyond reading it.</summary>
[Trait("Category", "Fast")]
public class RefusalCostTests(ITestOutputHelper output)
{
    private static object Sounds() => Enumerable.Range(0, 20).Select(i => new { text = $"dreamy synthwave with warm pads and a driving beat, part {i} " + new string('x', 900), strength = 0.5 }).ToArray();

    /// <summary>Process CPU time spent answering the requests, all refused with used_up.</summary>
    private static async Task<TimeSpan> CpuForRefusals(ProducerServer server, string token, Func<int, object> body, int count)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < count; i++)
        {
            var (status, answer) = await server.PostJsonAsync("/producer/audios", body(i), token);
            Assert.Equal(403, status);
            Assert.Equal("used_up", answer.GetProperty("error").GetProperty("code").GetString());
        }
        return Process.GetCurrentProcess().TotalProcessorTime - cpu;
    }

    [Fact]
    public async Task Refusing_an_inspiration_request_for_its_price_costs_no_more_than_refusing_one_with_its_own_words()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        var poor = new TokenStore(new Database(server.Options.DatabasePath)).Create("poor", 0);
        const int N = 60;
        // Warm up both paths first, so neither pays for the other's first run.
        await CpuForRefusals(server, poor.Token, i => new { action = "create_music", lyrics = "[Verse]\nla la la", sounds = Sounds(), seed = i }, 5);
        await CpuForRefusals(server, poor.Token, i => new { action = "create_music", sounds = Sounds(), seed = i }, 5);

        var withWords = await CpuForRefusals(server, poor.Token, i => new { action = "create_music", lyrics = "[Verse]\nla la la", sounds = Sounds(), seed = 100 + i }, N);
        // Without words the engine would write them; that is work for after the charge.
        var inspiration = await CpuForRefusals(server, poor.Token, i => new { action = "create_music", sounds = Sounds(), seed = 100 + i }, N);
        output.WriteLine($"{N} refusals: with words {withWords.TotalMilliseconds:0} ms of CPU, inspiration mode {inspiration.TotalMilliseconds:0} ms");
        Assert.True(inspiration < withWords * 2 + TimeSpan.FromMilliseconds(300),
            $"inspiration refusals took {inspiration.TotalMilliseconds:0} ms of CPU, refusals with words {withWords.TotalMilliseconds:0} ms");
        Assert.Empty(new TaskStore(new Database(server.Options.DatabasePath)).OfApplication(poor.ApplicationId, 10));
    }
}
