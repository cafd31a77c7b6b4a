using OpenProducer.Client.Lyrics;
using OpenProducer.Client.Tests.Support;
using OpenProducer.Server.Storage;

namespace OpenProducer.Client.Tests;

/// <summary>The token's application through the SDK: its balance, what a task takes from it, its callback secret.</summary>
[Collection(SharedClientServer.Name)]
public class AccountTests(ClientServer fixture)
{
    [Fact]
    public async Task The_default_token_has_no_limit_and_a_callback_secret()
    {
        var balance = await fixture.Client.Account.GetBalanceAsync();
        Assert.Null(balance.Balance);
        var app = await fixture.Client.Account.GetApplicationAsync();
        Assert.Equal("test", app.Name);
        Assert.Null(app.Balance);
        Assert.Matches("^[0-9a-f-]{36}$", app.Id);
        Assert.True(app.CallbackSecret.Length >= 32, app.CallbackSecret);
    }

    [Fact]
    public async Task A_task_takes_its_credits_from_the_balance()
    {
        var made = new TokenStore(Database.For(fixture.Server.Options)).Create("funded", balance: 1000);
        using var client = ClientServer.For(fixture.Server, token: made.Token);
        Assert.Equal(1000, (await client.Account.GetBalanceAsync()).Balance);
        var result = await client.Lyrics.CreateAsync(new LyricsRequest { Prompt = "a paper boat" });
        var task = await client.Tasks.GetAsync(result.TaskId);
        Assert.True(task!.Credits > 0, "lyrics cost something");
        Assert.Equal(1000 - task.Credits, (await client.Account.GetBalanceAsync()).Balance);
        Assert.Equal(made.ApplicationId, (await client.Account.GetApplicationAsync()).Id);
    }
}
