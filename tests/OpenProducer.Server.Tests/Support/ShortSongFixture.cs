namespace OpenProducer.Server.Tests.Support;

/// <summary>A server and one short song made on it, shared by the tests of a class.</summary>
public sealed class ShortSongFixture : IAsyncLifetime
{
    public ProducerServer Server { get; private set; } = null!;
    public string AudioId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await ProducerServer.StartAsync();
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "calm piano, 30 seconds", instrumental = true, seed = 5 });
        Assert.True(status == 200, body.GetRawText());
        AudioId = body.GetProperty("data")[0].GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
