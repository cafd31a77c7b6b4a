using System.Globalization;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Cli;

/// <summary>
/// General balances from the command line (they work while the server runs): <c>producer owner create [--name NAME]
/// [--balance N]</c> (the owner's id is the last line printed), <c>producer owner list</c>, <c>producer owner topup
/// OWNER_ID CREDITS</c>, and <c>producer app general APP_ID on|off [--owner OWNER_ID]</c> (which owner an application
/// belongs to, and whether it draws on that owner's general balance when its own does not cover a price).
/// </summary>
public static class OwnerCommand
{
    public const string Usage = """
        producer owner create [--name NAME] [--balance N]
               producer owner list
               producer owner topup OWNER_ID CREDITS
               producer app general APP_ID on|off [--owner OWNER_ID]
        """;

    public static int Run(Arguments args)
    {
        string verb = args.Verbs.ElementAtOrDefault(0) ?? "", sub = args.Verbs.ElementAtOrDefault(1) ?? "";
        args.Allow("name", "balance", "data", "database", "owner");
        var options = Configuration.ServerOptions.FromEnvironment(new Configuration.ServerOptions { DataDir = args.Get("data") ?? "data", DatabaseUrl = args.Get("database") });
        var owners = new OwnerStore(Database.For(options));
        string? Arg(int i) => args.Verbs.ElementAtOrDefault(i);
        switch (verb, sub)
        {
            case ("owner", "create"):
            {
                long balance = args.Long("balance") ?? 0;
                if (balance > Credits.Max) throw new ArgumentException($"--balance must be {Credits.Range(0)}");
                string id = owners.Create(args.Get("name") ?? "default", balance);
                Console.WriteLine($"Created owner '{args.Get("name") ?? "default"}' with a general balance of {balance} credits.");
                Console.WriteLine(id);
                return 0;
            }
            case ("owner", "list"):
                foreach (var o in owners.Owners())
                    Console.WriteLine($"{o.Id}  {o.Name}  general balance {o.GeneralBalance}  {o.Applications} applications");
                return 0;
            case ("owner", "topup") when Arg(2) is { } id && long.TryParse(Arg(3), NumberStyles.None, CultureInfo.InvariantCulture, out long credits):
            {
                if (credits is < 1 or > Credits.Max) return Fail($"CREDITS must be {Credits.Range(1)}");
                var done = owners.TopUp(id, credits);
                if (done.Outcome != TopUpOutcome.Done) return Fail(done.Problem("owner"));
                Console.WriteLine($"owner {id} now holds a general balance of {done.Balance} credits");
                return 0;
            }
            case ("app", "general") when Arg(2) is { } app && Arg(3) is "on" or "off":
            {
                if (owners.SetGeneral(app, args.Get("owner"), Arg(3) == "on") is { } problem) return Fail(problem);
                var general = owners.For(app);
                Console.WriteLine($"application {app} draws on the general balance of owner {general.OwnerId ?? "(none)"}: {(general.Allowed ? "on" : "off")}");
                return 0;
            }
            default:
                Console.Error.WriteLine("usage: " + Usage);
                return 2;
        }
    }

    private static int Fail(string problem)
    {
        Console.Error.WriteLine(problem);
        return 1;
    }
}
