using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Cli;

/// <summary><c>producer token create [--name NAME] [--balance N] [--data DIR]</c>: prints the new token as its last line.</summary>
public static class TokenCommand
{
    public static int Run(Arguments args)
    {
        if (args.Verbs.Count < 2 || args.Verbs[1] != "create")
        {
            Console.Error.WriteLine("usage: producer token create [--name NAME] [--balance N] [--data DIR]");
            return 2;
        }
        args.Allow("name", "balance", "data");
        string dataDir = args.Get("data") ?? "data";
        string name = args.Get("name") ?? "default";
        long? balance = args.Long("balance");
        var db = new Database(Path.Combine(dataDir, "producer.db"));
        var (token, appId) = new TokenStore(db).Create(name, balance);
        Console.WriteLine($"Created token '{name}' for application {appId} (balance: {(balance is long b ? b + " credits" : "unlimited")}).");
        Console.WriteLine("Keep it safe: it is shown only once.");
        Console.WriteLine(token);
        return 0;
    }
}
