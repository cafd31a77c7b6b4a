using System.CommandLine;

namespace OpenProducer.Server.Cli.Client;

/// <summary>The client's verbs, which talk to a running server through the SDK.</summary>
public static class ClientCommands
{
    public static IEnumerable<Command> Build() =>
        [GenerateCommand.Build(), .. EditCommands.Build(), .. FileCommands.Build(), .. AccountCommands.Build()];
}
