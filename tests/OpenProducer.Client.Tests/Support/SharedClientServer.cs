namespace OpenProducer.Client.Tests.Support;

/// <summary>The test classes that share one <see cref="ClientServer"/>: one server, one song.</summary>
[CollectionDefinition(Name)]
public sealed class SharedClientServer : ICollectionFixture<ClientServer>
{
    public const string Name = "client and server";
}
