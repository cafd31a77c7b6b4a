using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Task polls answered in bulk while the song they ask about renders (the render on the work threads, the polls on
/// the request threads): each answer is the task's own record, in the one shape a client reads every poll as.
/// How fast they are answered is the server bench's to measure, not a test's.
/// </summary>
public class TaskPollLoadTests
{
    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task Three_hundred_polls_while_a_song_renders_each_answer_the_tasks_record_with_the_finished_items_keys()
    {
        await using var server = await ProducerServer.StartAsync();
        var (status, accepted) = await server.PostJsonAsync("/producer/audios", new
        {
            action = "generate", custom = true, prompt = "pop ballad, 40 seconds", lyric = "[Verse]\nRain is falling on the town\nI will never let you down",
            seed = 11, async = true,
        });
        Assert.True(status == 200, accepted.GetRawText());
        string id = accepted.GetProperty("task_id").GetString()!;

        // Eight clients at a time, 300 polls, alternating the two spellings of a retrieve.
        var answers = new List<(int Status, JsonElement Body)>();
        for (int batch = 0; batch < 300 / 8 + 1; batch++)
        {
            var polls = Enumerable.Range(0, Math.Min(8, 300 - answers.Count)).Select(i => i % 2 == 0
                ? server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id })
                : server.PostJsonAsync("/producer/tasks", new { task_id = id }));
            answers.AddRange(await Task.WhenAll(polls));
        }
        Assert.Equal(300, answers.Count);

        var done = await server.WaitForTaskAsync(id, TimeSpan.FromMinutes(3));
        var finished = done.GetProperty("response").GetProperty("data")[0];
        Assert.Equal("succeeded", finished.GetProperty("state").GetString());
        string[] itemKeys = Keys(finished), recordKeys = Keys(done);
        var states = new List<string>();
        foreach (var (code, record) in answers)
        {
            Assert.True(code == 200, record.GetRawText());
            Assert.Equal(id, record.GetProperty("id").GetString());
            Assert.Equal("audios", record.GetProperty("type").GetString());
            Assert.Equal(recordKeys, Keys(record));
            var response = record.GetProperty("response");
            Assert.True(response.GetProperty("success").GetBoolean());
            Assert.Equal(id, response.GetProperty("task_id").GetString());
            var item = Assert.Single(response.GetProperty("data").EnumerateArray());
            Assert.Equal(itemKeys, Keys(item));
            Assert.Equal(finished.GetProperty("id").GetString(), item.GetProperty("id").GetString());
            string state = item.GetProperty("state").GetString()!;
            Assert.Contains(state, new[] { "pending", "running", "succeeded" });
            // Progress is a percentage (polls answered side by side may cross, so no order is asked of it).
            string progress = item.GetProperty("progress").GetString()!;
            Assert.EndsWith("%", progress);
            Assert.InRange(int.Parse(progress.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), 0, 100);
            states.Add(state);
        }
        // Polled from its start: the task was seen unfinished, and once seen finished it stayed so.
        Assert.NotEqual("succeeded", states[0]);
        int firstDone = states.IndexOf("succeeded");
        if (firstDone >= 0) Assert.All(states.Skip(firstDone + 8), s => Assert.Equal("succeeded", s));
    }
}
