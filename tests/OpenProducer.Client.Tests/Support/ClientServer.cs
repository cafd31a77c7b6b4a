using OpenProducer.Client.Songs;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Client.Tests.Support;

/// <summary>
/// A real server on a loopback port, a client of it with the server's token, and one short instrumental made through
/// the client, shared by the tests of the collection.
/// </summary>
public sealed class ClientServer : IAsyncLifetime
{
    public ProducerServer Server { get; private set; } = null!;
    public ProducerClient Client { get; private set; } = null!;

    /// <summary>A 30-second instrumental made with <c>generate</c>, synchronously.</summary>
    public SongItem Song { get; private set; } = null!;

    public string SongTaskId { get; private set; } = "";

    public static readonly GenerateSongRequest SongRequest = new()
    {
        Prompt = "calm piano, 30 seconds", Instrumental = true, Seed = "5", Title = "Client test song",
    };

    public async Task InitializeAsync()
    {
        Server = await ProducerServer.StartAsync();
        Client = For(Server);
        var made = await Client.Songs.CreateAsync(SongRequest);
        Song = Assert.Single(made.Value);
        SongTaskId = made.TaskId;
    }

    /// <summary>A client of <paramref name="server"/> with its token, or the token given.</summary>
    public static ProducerClient For(ProducerServer server, string? token = null) =>
        new(new Uri(server.BaseUrl), token ?? server.Token);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
