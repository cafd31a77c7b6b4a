namespace OpenProducer.Server.Tests.Support;

/// <summary>A server that renders nothing (songs are stood in for), shared by the client command line's fast tests.</summary>
public sealed class FastServerFixture : IAsyncLifetime
{
    public ProducerServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ProducerServer.StartFastAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
