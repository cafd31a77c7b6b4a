using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>Finding tasks: /producer/tasks as strict clients call it, and GET /v1/tasks.</summary>
[Trait("Category", "Fast")]
public class TaskQueryTests
{
    private static string[] Ids(JsonElement body) => [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Tasks_without_an_action_are_retrieved_by_id_task_id_or_ids_in_the_order_asked_repeats_included()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        var (_, a) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "rain", async = true });
        var (_, b) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "snow", async = true });
        string first = a.GetProperty("task_id").GetString()!, second = b.GetProperty("task_id").GetString()!;

        var (status, byId) = await server.PostJsonAsync("/producer/tasks", new { id = first });
        Assert.Equal(200, status);
        Assert.Equal(first, byId.GetProperty("id").GetString());
        var (_, byTaskId) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", task_id = second });
        Assert.Equal(second, byTaskId.GetProperty("id").GetString());

        var (_, batch) = await server.PostJsonAsync("/producer/tasks", new { ids = new[] { second, first, second } });
        Assert.Equal([second, first, second], Ids(batch));
        Assert.Equal(3, batch.GetProperty("count").GetInt32());
        // The published guide's example: the same id twice gives two items.
        var (_, twice) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve_batch", ids = new[] { first, first } });
        Assert.Equal(2, twice.GetProperty("count").GetInt32());

        var (none, error) = await server.PostJsonAsync("/producer/tasks", new { });
        Assert.Equal(400, none);
        Assert.Equal("action is required.", error.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_synchronous_client_that_leaves_finds_its_charged_task_in_the_task_list()
    {
        // No workers: the synchronous request waits until its client gives up.
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        using (var leaving = new HttpClient { Timeout = TimeSpan.FromSeconds(3) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/producer/audios")
            {
                Content = new StringContent("""{"action":"generate","prompt":"a waltz for a rainy night"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", server.Token);
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => leaving.SendAsync(request));
        }
        var (status, list) = await server.GetJsonAsync("/v1/tasks");
        Assert.Equal(200, status);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("audios", item.GetProperty("type").GetString());
        Assert.Equal(10, item.GetProperty("credits").GetInt64());
        Assert.Equal("a waltz for a rainy night", item.GetProperty("request").GetProperty("prompt").GetString());
        Assert.Equal("pending", item.GetProperty("response").GetProperty("data")[0].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task The_task_list_is_newest_first_filtered_by_state_and_type_and_paged()
    {
        // Lyrics need no engine and succeed; songs fail at once on this server.
        await using var server = await ProducerServer.StartBrokenAsync();
        var lyrics = new List<string>();
        for (int i = 0; i < 3; i++)
            lyrics.Add((await server.PostJsonAsync("/producer/lyrics", new { prompt = $"song {i}" })).Body.GetProperty("task_id").GetString()!);
        var songs = new List<string>();
        for (int i = 0; i < 2; i++)
            songs.Add((await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = $"pop {i}" })).Body.GetProperty("task_id").GetString()!);
        string[] newestFirst = [.. songs.AsEnumerable().Reverse(), .. lyrics.AsEnumerable().Reverse()];

        Assert.Equal(newestFirst, Ids((await server.GetJsonAsync("/v1/tasks")).Body));
        Assert.Equal(songs.AsEnumerable().Reverse(), Ids((await server.GetJsonAsync("/v1/tasks?state=failed")).Body));
        Assert.Equal(lyrics.AsEnumerable().Reverse(), Ids((await server.GetJsonAsync("/v1/tasks?type=lyrics&state=succeeded")).Body));
        Assert.Empty(Ids((await server.GetJsonAsync("/v1/tasks?type=stems")).Body));

        var pages = new List<string>();
        string? next = null;
        for (int guard = 0; guard < 5; guard++)
        {
            var (_, page) = await server.GetJsonAsync("/v1/tasks?limit=2" + (next is null ? "" : "&before=" + next));
            Assert.InRange(page.GetProperty("count").GetInt32(), 1, 2);
            pages.AddRange(Ids(page));
            next = page.GetProperty("next").GetString();
            if (next is null) break;
        }
        Assert.Equal(newestFirst, pages);

        // Another application sees none of them, and cannot page from them.
        string other = server.CreateToken("other");
        Assert.Empty(Ids((await server.GetJsonAsync("/v1/tasks", other)).Body));
        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=101", "limit"), ("limit=x", "limit"), ("state=done", "state"), ("type=song", "type"), ("before=" + songs[0], "before") })
        {
            var (status, error) = await server.GetJsonAsync("/v1/tasks?" + query, query.StartsWith("before") ? other : "default");
            Assert.Equal(400, status);
            Assert.Equal("bad_request", error.GetProperty("error").GetProperty("code").GetString());
            Assert.StartsWith(field + " is invalid", error.GetProperty("error").GetProperty("message").GetString());
        }
    }
}
