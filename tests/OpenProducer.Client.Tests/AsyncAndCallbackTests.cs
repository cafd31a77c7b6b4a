using System.Text;
using System.Text.Json;
using OpenProducer.Client.Callbacks;
using OpenProducer.Client.Core;
using OpenProducer.Client.Lyrics;
using OpenProducer.Client.Songs;
using OpenProducer.Client.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Client.Tests;

/// <summary>
/// Asynchronous submission (<c>async</c>) followed by the operation's polling with progress, and callbacks delivered
/// by the real server to a listener of the test's own, whose signatures the SDK verifies.
/// </summary>
[Collection(SharedClientServer.Name)]
public class AsyncAndCallbackTests(ClientServer fixture, ITestOutputHelper output)
{
    private ProducerClient Client => fixture.Client;

    [Fact]
    public async Task An_asynchronous_song_reports_its_progress_as_it_is_made_and_answers_the_finished_song()
    {
        var operation = await Client.Songs.StartCreateAsync(new GenerateSongRequest { Prompt = "lofi beat, 30 seconds", Instrumental = true, Seed = "21" });
        Assert.False(operation.HasCompleted);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
        Assert.NotNull(operation.StreamAudioUrl);
        operation.PollingInterval = TimeSpan.FromMilliseconds(100);
        var seen = new List<TaskProgress>();
        var done = await operation.WaitForCompletionAsync(new SynchronousProgress<TaskProgress>(seen.Add));

        Assert.True(operation.HasCompleted);
        Assert.Same(done, operation.Value);
        Assert.Equal(operation.TaskId, done.TaskId);
        var song = Assert.Single(done.Value);
        Assert.Equal("succeeded", song.State);
        Assert.Equal("21", song.Seed);
        Assert.True(FileKinds.IsMp4(await Client.Files.GetBytesAsync(song.AudioUrl!)));

        string shown = string.Join(", ", seen.Select(p => $"{p.State} {p.Percent}%"));
        output.WriteLine("progress seen: " + shown);
        Assert.Contains(seen, p => p.State == "running" && p.Percent is > 0 and < 100);
        Assert.Equal(("succeeded", (int?)100), (seen[^1].State, seen[^1].Percent));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => (p.First.Percent ?? 0) <= (p.Second.Percent ?? 0)), $"progress only grows: {shown}");
        Assert.All(seen[..^1], p => Assert.Contains(p.State, new[] { "pending", "running" }));
        Assert.Equal(seen[^1], operation.LastProgress);
    }

    [Fact]
    public async Task Lyrics_written_synchronously_and_asynchronously_from_one_prompt_and_seed_are_the_same_sheet()
    {
        var request = new LyricsRequest { Prompt = "a lighthouse keeper in winter", Seed = "2" };
        var sync = await Client.Lyrics.CreateAsync(request);
        Assert.False(string.IsNullOrWhiteSpace(sync.Value.Text));
        Assert.Equal(sync.Value.Text, sync.Value.Lyrics);
        Assert.Equal("complete", sync.Value.Status);
        var operation = await Client.Lyrics.StartCreateAsync(request);
        var seen = new List<TaskProgress>();
        var later = await operation.WaitForCompletionAsync(new SynchronousProgress<TaskProgress>(seen.Add));
        Assert.Equal(sync.Value, later.Value);
        Assert.NotEqual(sync.TaskId, later.TaskId);
        Assert.Equal("succeeded", seen[^1].State);
    }

    [Fact]
    public async Task A_real_callback_is_verified_with_the_applications_secret_and_a_changed_one_is_not()
    {
        await using var listener = await CallbackListener.StartAsync();
        var operation = await Client.Lyrics.StartCreateAsync(new LyricsRequest { Prompt = "trains at night", CallbackUrl = listener.Url });
        var done = await operation.WaitForCompletionAsync();
        var delivery = await listener.NextAsync();
        string secret = (await Client.Account.GetApplicationAsync()).CallbackSecret;

        Assert.True(CallbackSignature.Verify(secret, delivery.Body, delivery.Timestamp, delivery.Signature));
        var answer = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(operation.TaskId, answer.GetProperty("task_id").GetString());
        Assert.Equal(done.Value.Text, answer.GetProperty("data").GetProperty("text").GetString());

        byte[] changed = [.. delivery.Body[..^1], (byte)' ', delivery.Body[^1]];
        Assert.False(CallbackSignature.Verify(secret, changed, delivery.Timestamp, delivery.Signature));
        Assert.False(CallbackSignature.Verify(secret + "x", delivery.Body, delivery.Timestamp, delivery.Signature));
        Assert.False(CallbackSignature.Verify(secret, delivery.Body, (long.Parse(delivery.Timestamp!) + 1).ToString(), delivery.Signature));
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(delivery.Timestamp!));
        Assert.False(CallbackSignature.Verify(secret, delivery.Body, delivery.Timestamp, delivery.Signature, now: signedAt.AddMinutes(6)));
        Assert.True(CallbackSignature.Verify(secret, Encoding.UTF8.GetString(delivery.Body), delivery.Timestamp, delivery.Signature, now: signedAt.AddMinutes(4)));
    }

    [Fact]
    public async Task A_synchronous_call_with_a_callback_is_followed_to_its_answer_and_the_callback_still_comes()
    {
        await using var listener = await CallbackListener.StartAsync();
        var result = await Client.Lyrics.CreateAsync(new LyricsRequest { Prompt = "a city garden", Seed = "8", CallbackUrl = listener.Url });
        Assert.False(string.IsNullOrWhiteSpace(result.Value.Text));
        var delivery = await listener.NextAsync();
        string secret = (await Client.Account.GetApplicationAsync()).CallbackSecret;
        Assert.True(CallbackSignature.Verify(secret, delivery.Body, delivery.Timestamp, delivery.Signature));
        Assert.Equal(result.TaskId, JsonDocument.Parse(delivery.Body).RootElement.GetProperty("task_id").GetString());
    }
}
