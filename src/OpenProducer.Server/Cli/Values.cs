using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OpenProducer.Server.Cli;

/// <summary>The operator commands' options that take a number, each refusing what is not one with a message naming the flag.</summary>
internal static class Values
{
    /// <summary>A whole number (a port, a count of workers).</summary>
    public static Option<int?> WholeNumber(string name, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        CustomParser = r => int.TryParse(Token(r), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : Fail<int>(r, $"{name} must be a whole number, not '{Token(r)}'"),
    };

    /// <summary>A whole number of credits, 0 or more.</summary>
    public static Option<long?> Credits(string name, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        CustomParser = r => long.TryParse(Token(r), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= 0
            ? n
            : Fail<long>(r, $"{name} must be a whole number of credits, not '{Token(r)}'"),
    };

    /// <summary>A whole number of seconds, 0 or more.</summary>
    public static Option<long?> Seconds(string name, string description) => new(name)
    {
        HelpName = "SECONDS",
        Description = description,
        CustomParser = r => long.TryParse(Token(r), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= 0
            ? n
            : Fail<long>(r, $"{name} must be a whole number of seconds, not '{Token(r)}'"),
    };

    /// <summary>The data folder, as every operator command takes it.</summary>
    public static Option<string> DataDir() => new("--data") { HelpName = "DIR", Description = "The data folder.", DefaultValueFactory = _ => "data" };

    /// <summary>A PostgreSQL database instead of the data folder's SQLite file.</summary>
    public static Option<string?> DatabaseUrl() => new("--database") { HelpName = "URL", Description = "A PostgreSQL connection URL (default: PRODUCER_DATABASE_URL, else SQLite in the data folder)." };

    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[0].Value : "";

    private static T? Fail<T>(ArgumentResult r, string message) where T : struct
    {
        r.AddError(message);
        return null;
    }
}
