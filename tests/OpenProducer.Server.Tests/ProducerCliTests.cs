using System.Text.Json;
using System.Text.RegularExpressions;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// The command-line client (<c>producer generate …</c>) as a process, against a real server on loopback that renders
/// songs: the song it saves, the details it prints, and its progress without a terminal.
/// </summary>
public partial class ProducerCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan SongTime = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Generate_saves_a_playable_m4a_and_prints_the_songs_details_with_progress_as_plain_lines()
    {
        var server = fixture.Server;
        string song = Path.Combine(server.DataDir, "cli-song.m4a");
        var (code, output, error) = await CommandLine.RunAsync(
            $"generate \"a calm piano song for a winter evening\" --instrumental --seed 7 --title \"Winter Piano\" --out \"{song}\" " +
            $"--server {server.BaseUrl} --token {server.Token}", timeout: SongTime);
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");

        var audio = Assert.Single(Media.Streams(song));
        Assert.Equal("aac", audio.Codec);
        double duration = Media.Duration(song);
        Assert.InRange(duration, 30, 240);

        // No terminal: every progress report is a plain line, counting up to the finish, and nothing draws.
        Assert.DoesNotContain('\u001b', output + error);
        var percents = ProgressLine().Matches(error).Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(percents.Count >= 2, error);
        Assert.Equal(100, percents[^1]);
        Assert.Equal(percents.Order(), percents);
        Assert.Contains("generate: succeeded 100%", error);

        // The song's details: its id and title, and what the engine decided (tempo, key, sections).
        string id = Field(output, "song");
        Assert.Equal("Winter Piano", Field(output, "title"));
        var (_, details) = await server.GetJsonAsync($"/v1/songs/{id}", server.Token);
        Assert.Equal(details.GetProperty("key").GetString(), Field(output, "key"));
        Assert.Equal($"{details.GetProperty("tempo").GetDouble().ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} bpm", Field(output, "tempo"));
        Assert.Equal(details.GetProperty("duration").GetDouble(), duration, 0.05);
        string sections = Field(output, "sections");
        Assert.Equal(details.GetProperty("sections").GetArrayLength(), sections.Split(", ").Length);
        Assert.Contains($"saved: {song}", output);
    }

    [Fact]
    public async Task Generate_with_json_prints_the_answer_as_json_with_the_songs_id_and_audio()
    {
        var server = fixture.Server;
        var (code, output, error) = await CommandLine.RunAsync(
            $"generate \"upbeat funk with bass\" --instrumental --seed 3 --json --server {server.BaseUrl} --token {server.Token}",
            new Dictionary<string, string> { ["CI"] = "true" }, SongTime);
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        using var answer = JsonDocument.Parse(output);
        var item = answer.RootElement.GetProperty("data")[0];
        string id = item.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f-]{36}$", id);
        string task = answer.RootElement.GetProperty("task_id").GetString()!;

        // The audio it names is the song, and the task it names is the one that made it.
        string file = await server.DownloadAsync(item.GetProperty("audio_url").GetString()!, ".m4a");
        Assert.True(Media.Duration(file) > 30);
        var (status, tasks, _) = await CommandLine.RunAsync($"tasks {task} --json --server {server.BaseUrl} --token {server.Token}");
        Assert.Equal(0, status);
        using var list = JsonDocument.Parse(tasks);
        var record = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(task, record.GetProperty("id").GetString());
        Assert.False(record.TryGetProperty("IsFinished", out _), tasks);
        Assert.Equal(id, record.GetProperty("response").GetProperty("data")[0].GetProperty("id").GetString());

        // An edit of it sends its own fields (the server records them with the task) and answers the new song.
        (status, output, error) = await CommandLine.RunAsync(
            $"extend {id} --from 20 --style \"surf rock\" --title Longer --instrumental --json --server {server.BaseUrl} --token {server.Token}",
            new Dictionary<string, string> { ["CI"] = "true" }, SongTime);
        Assert.True(status == 0, $"exit {status}\n{output}\n{error}");
        using var extended = JsonDocument.Parse(output);
        var (_, recorded) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = extended.RootElement.GetProperty("task_id").GetString() }, server.Token);
        var request = recorded.GetProperty("request");
        Assert.Equal("extend", request.GetProperty("action").GetString());
        Assert.Equal(id, request.GetProperty("audio_id").GetString());
        Assert.Equal(20, request.GetProperty("continue_at").GetDouble());
        Assert.Equal("surf rock", request.GetProperty("prompt").GetString());
        var longer = extended.RootElement.GetProperty("data")[0];
        Assert.Equal("Longer", longer.GetProperty("title").GetString());
        Assert.NotEqual(id, longer.GetProperty("id").GetString());
    }

    private static string Field(string output, string name) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..]
        ?? throw new Xunit.Sdk.XunitException($"no '{name}:' line in:\n{output}");

    [GeneratedRegex(@"^generate: (pending|running|succeeded) (\d+)% \(\d+ s\)$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}
