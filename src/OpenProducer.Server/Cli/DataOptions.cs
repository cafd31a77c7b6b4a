using System.CommandLine;
using System.Globalization;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Cli;

/// <summary>The <c>--data</c> and <c>--database</c> options every operator command takes, and the settings they make.</summary>
internal sealed record DataOptions(Option<string> Data, Option<string?> Database)
{
    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public static DataOptions AddTo(Command command)
    {
        var options = new DataOptions(Values.DataDir(), Values.DatabaseUrl());
        command.Options.Add(options.Data);
        command.Options.Add(options.Database);
        return options;
    }

    /// <summary>The settings for the folder or database the command line names, with the environment's.</summary>
    public ServerOptions Read(ParseResult p) => ServerOptions.FromEnvironment(new ServerOptions { DataDir = p.GetValue(Data)!, DatabaseUrl = p.GetValue(Database) });

    /// <summary>A positional count of credits (<c>topup ID CREDITS</c>).</summary>
    public static Argument<long> CreditsArgument() => new("CREDITS")
    {
        Description = "Whole credits to add.",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) return n;
            r.AddError($"CREDITS must be a whole number, not '{text}'");
            return 0;
        },
    };

    /// <summary>Prints what was done, or the problem to standard error; 0 or 1.</summary>
    public static int Report(bool ok, string done, string failed)
    {
        if (ok) Console.WriteLine(done);
        else Console.Error.WriteLine(failed);
        return ok ? 0 : 1;
    }
}
