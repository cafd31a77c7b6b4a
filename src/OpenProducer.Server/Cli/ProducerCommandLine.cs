using System.CommandLine;
using System.CommandLine.Help;
using OpenProducer.Server.Cli.Client;

namespace OpenProducer.Server.Cli;

/// <summary>
/// The <c>producer</c> command line: the server's verbs (serve, token, app, owner, disk, test) and the client's, which
/// talk to a running server. A usage error names what was wrong and exits 2.
/// </summary>
public static class ProducerCommandLine
{
    /// <summary>Every verb, each with its own <c>--help</c>.</summary>
    public static Command Build()
    {
        // Named as the script that runs it (a RootCommand would take the assembly's name); help reaches every verb.
        var root = new Command("producer", "OpenProducer: a self-hosted music-generation server, and a client of it.\n\n" + ClientExitCodes.Table)
        {
            new HelpOption { Recursive = true },
            ServeCommand.Build(),
            TokenCommand.BuildToken(),
            TokenCommand.BuildApp(OwnerCommand.BuildGeneral()),
            OwnerCommand.BuildOwner(),
            DiskCommand.Build(),
            TestCommand.Build(),
        };
        foreach (var verb in ClientCommands.Build()) root.Subcommands.Add(verb);
        return root;
    }

    /// <summary>Parses and runs one command line; the process's exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Build().Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
            return ClientExitCodes.Usage;
        }
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction) return UsageError(parsed);
        try
        {
            // Ctrl+C is left to each verb: serve's host drains its work as it always has, and a client verb simply stops.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return ClientExitCodes.Usage;
        }
    }

    private static int UsageError(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var unknown = parsed.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-'));
        if (unknown is not null)
        {
            var known = command.Options.Where(o => o is not HelpOption and not VersionOption).Select(o => o.Name);
            Console.Error.WriteLine($"unknown option {unknown} (known: {string.Join(", ", known)})");
        }
        else
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
        }
        string path = string.Join(' ', Path(parsed.CommandResult));
        Console.Error.WriteLine($"usage: {path} --help");
        return ClientExitCodes.Usage;
    }

    private static Stack<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Push(r.Parent is null ? "producer" : r.Command.Name);
        return names;
    }
}
