using OpenProducer.Client.Core;
using OpenProducer.Client.Files;
using OpenProducer.Client.Songs;
using OpenProducer.Client.Tests.Support;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Client.Tests;

/// <summary>
/// Each error code the server answers with, met through the SDK: one <see cref="ProducerException"/> carrying the
/// HTTP status, the spec's code and message, and the request's trace id.
/// </summary>
[Collection(SharedClientServer.Name)]
public class ErrorTests(ClientServer fixture)
{
    private ProducerServer Server => fixture.Server;

    private static async Task<ProducerException> Refused(int status, ProducerErrorCode code, Func<Task> call, string? message = null)
    {
        var e = await Assert.ThrowsAsync<ProducerException>(call);
        Assert.Equal((status, code), (e.Status, e.Code));
        if (message is not null) Assert.Equal(message, e.Message);
        Assert.False(string.IsNullOrEmpty(e.TraceId), "the error carries the request's trace id");
        return e;
    }

    [Fact]
    public async Task No_token_is_no_token()
    {
        using var client = ClientServer.For(Server, token: "");
        await Refused(400, ProducerErrorCode.NoToken, () => client.Account.GetBalanceAsync(), "No token specified for the request.");
    }

    [Fact]
    public async Task An_unknown_token_is_invalid_token()
    {
        using var client = ClientServer.For(Server, token: "op_0123456789abcdef");
        await Refused(401, ProducerErrorCode.InvalidToken, () => client.Songs.CreateAsync(ClientServer.SongRequest), "The specified token is invalid or wrong.");
    }

    [Fact]
    public async Task An_expired_token_is_token_expired()
    {
        using var client = ClientServer.For(Server, token: Server.CreateToken("brief", expiresInSeconds: 0.5));
        await Task.Delay(1000);
        await Refused(401, ProducerErrorCode.TokenExpired, () => client.Tasks.GetAsync("any"), "token expired.");
    }

    [Fact]
    public async Task A_disabled_applications_token_is_disabled()
    {
        var tokens = new TokenStore(Database.For(Server.Options));
        var made = tokens.Create("to be disabled", null);
        Assert.True(tokens.SetDisabled(made.ApplicationId, true));
        using var client = ClientServer.For(Server, token: made.Token);
        await Refused(400, ProducerErrorCode.Disabled, () => client.Account.GetApplicationAsync());
    }

    [Fact]
    public async Task A_request_missing_its_prompt_is_bad_request_naming_the_field()
    {
        await Refused(400, ProducerErrorCode.BadRequest, () => fixture.Client.Songs.CreateAsync(new GenerateSongRequest { Instrumental = true }), "prompt is required.");
        await Refused(400, ProducerErrorCode.BadRequest,
            () => fixture.Client.Songs.CreateAsync(new ExtendSongRequest { AudioId = "no-such-song", ContinueAt = 5 }), "audio_id is invalid.");
        await Refused(400, ProducerErrorCode.BadRequest,
            () => fixture.Client.Songs.StartCreateAsync(new ExtendMusicRequest { AudioId = "no-such-song" }), "audioId is invalid.");
    }

    [Fact]
    public async Task An_upload_that_is_not_audio_fails_in_the_background_as_bad_request_and_is_refunded()
    {
        var operation = await fixture.Client.Files.StartUploadAsync(new UploadRequest { AudioUrl = fixture.Song.ImageUrl! });
        var seen = new List<TaskProgress>();
        var e = await Refused(400, ProducerErrorCode.BadRequest, () => operation.WaitForCompletionAsync(new SynchronousProgress<TaskProgress>(seen.Add)));
        Assert.StartsWith("audio_url is not audio", e.Message);
        Assert.Equal("failed", seen[^1].State);
        Assert.Equal(seen[^1], operation.LastProgress);
        Assert.False(operation.HasCompleted);
        Assert.True((await fixture.Client.Tasks.GetAsync(operation.TaskId))!.Refunded);
    }

    [Fact]
    public async Task An_unknown_song_is_not_found()
    {
        await Refused(404, ProducerErrorCode.NotFound, () => fixture.Client.Songs.GetDetailsAsync("no-such-song"), "No song with this id.");
    }

    [Fact]
    public async Task A_path_the_api_does_not_have_is_no_api()
    {
        using var client = new ProducerClient(new Uri(Server.BaseUrl + "/elsewhere/"), Server.Token);
        await Refused(404, ProducerErrorCode.NoApi, () => client.Account.GetBalanceAsync(), "API does not exist, please make sure url is correct.");
    }

    [Fact]
    public async Task A_request_the_balance_does_not_cover_is_used_up_and_costs_nothing()
    {
        using var client = ClientServer.For(Server, token: new TokenStore(Database.For(Server.Options)).Create("empty", balance: 0).Token);
        await Refused(403, ProducerErrorCode.UsedUp, () => client.Songs.StartCreateAsync(ClientServer.SongRequest),
            "The balance of your application is used up, please top it up.");
        Assert.Equal(0, (await client.Account.GetBalanceAsync()).Balance);
        Assert.Empty((await client.Tasks.ListAsync()).Items);
    }

    [Fact]
    public async Task Requests_past_the_rate_limit_are_too_many_requests_with_a_retry_after()
    {
        await using var limited = await ProducerServer.StartFastAsync(configure: o => o with { RateLimitPerMinute = 2 });
        using var client = ClientServer.For(limited);
        await client.Account.GetBalanceAsync();
        await client.Account.GetBalanceAsync();
        var e = await Refused(429, ProducerErrorCode.TooManyRequests, () => client.Account.GetBalanceAsync(),
            "Too many requests, please slow down and try again later.");
        Assert.InRange(e.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_song_the_engine_cannot_make_is_api_error_synchronously_and_asynchronously_and_is_refunded()
    {
        await using var broken = await ProducerServer.StartBrokenAsync();
        using var client = ClientServer.For(broken);
        await Refused(500, ProducerErrorCode.ApiError, () => client.Songs.CreateAsync(ClientServer.SongRequest));
        var operation = await client.Songs.StartCreateAsync(ClientServer.SongRequest);
        var e = await Refused(500, ProducerErrorCode.ApiError, () => operation.WaitForCompletionAsync());
        Assert.Equal("The song could not be generated. Please try again.", e.Message);
        var task = await client.Tasks.GetAsync(operation.TaskId);
        Assert.True(task!.IsFailed);
        Assert.True(task.Refunded);
    }
}
