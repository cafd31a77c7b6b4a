using System.CommandLine;
using OpenProducer.Client;
using OpenProducer.Client.Core;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// What every client verb takes: the server (<c>--server</c>, else <c>PRODUCER_SERVER</c>, else the local server on its
/// default port), the token (<c>--token</c>, else <c>PRODUCER_TOKEN</c>, else the local token the server wrote in its
/// data folder), and <c>--json</c> for the raw answer.
/// </summary>
public sealed class ClientOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        HelpName = "URL", Description = $"The server's address (default: PRODUCER_SERVER, else http://127.0.0.1:{new ServerOptions().Port}).",
    };

    public Option<string?> Token { get; } = new("--token") { HelpName = "TOKEN", Description = "The API token (default: PRODUCER_TOKEN, else the local token in the data folder)." };

    public Option<string> Data { get; } = new("--data") { HelpName = "DIR", Description = "The local server's data folder, where it wrote its token.", DefaultValueFactory = _ => "data" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the server's answer as JSON, for scripts (progress still goes to standard error)." };

    /// <summary>A verb with the common options, its help ending with the exit codes.</summary>
    public static (Command Command, ClientOptions Options) Verb(string name, string description)
    {
        var options = new ClientOptions();
        var command = new Command(name, description + "\n" + ClientExitCodes.Short) { options.Server, options.Token, options.Data, options.Json };
        return (command, options);
    }

    /// <summary>The server's address as given.</summary>
    public Uri Endpoint(ParseResult p)
    {
        string text = p.GetValue(Server) ?? Environment.GetEnvironmentVariable("PRODUCER_SERVER") ?? $"http://127.0.0.1:{new ServerOptions().Port}";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"--server must be an absolute http or https URL, not '{text}'");
    }

    /// <summary>A client of the server with the token given.</summary>
    /// <exception cref="ProducerException"><c>no_token</c> when no token is given and the data folder has none.</exception>
    public ProducerClient Connect(ParseResult p)
    {
        var endpoint = Endpoint(p);
        string? token = p.GetValue(Token) ?? Environment.GetEnvironmentVariable("PRODUCER_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            string file = Path.Combine(p.GetValue(Data)!, "local-token");
            token = File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        if (string.IsNullOrWhiteSpace(token))
            throw new ProducerException(401, ProducerErrorCode.NoToken,
                "No token: pass --token, set PRODUCER_TOKEN, or start the server once (it writes its local token to DATA/local-token).", null);
        return new ProducerClient(endpoint, token.Trim());
    }
}
