using OpenProducer.Client.Lyrics;
using OpenProducer.Client.Tasks;
using OpenProducer.Client.Tests.Support;
using OpenProducer.Server.Storage;

namespace OpenProducer.Client.Tests;

/// <summary>The caller's tasks page by page (<c>GET /v1/tasks</c>) through the SDK.</summary>
[Collection(SharedClientServer.Name)]
public class TaskListTests(ClientServer fixture)
{
    [Fact]
    public async Task Pages_of_one_follow_each_other_newest_first_to_the_last()
    {
        // An application of its own, so the test knows every task it has.
        using var client = ClientServer.For(fixture.Server, token: new TokenStore(Database.For(fixture.Server.Options)).Create("pages", null).Token);
        var made = new List<string>();
        foreach (var prompt in new[] { "rain on a tin roof", "a kite over the sea", "the last bus home" })
            made.Add((await client.Lyrics.CreateAsync(new LyricsRequest { Prompt = prompt })).TaskId);

        var seen = new List<string>();
        string? before = null;
        do
        {
            var page = await client.Tasks.ListAsync(new TaskListOptions { Limit = 1, Type = "lyrics", Before = before });
            seen.Add(Assert.Single(page.Items).Id);
            before = page.Next;
        }
        while (before is not null && seen.Count < 10);

        Assert.Equal(Enumerable.Reverse(made), seen);
        Assert.Empty((await client.Tasks.ListAsync(new TaskListOptions { Type = "audios" })).Items);
    }
}
