using System.Globalization;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Cli;

/// <summary>
/// The operator's commands for tokens and applications, on the data folder's database (they work while the server
/// runs):
/// <c>producer token create [--name NAME] [--balance N] [--expires-in SECONDS] [--app APP_ID]</c> (the token is the
/// last line printed), <c>producer token list [--app APP_ID]</c>, <c>producer token revoke TOKEN_ID</c>,
/// <c>producer app list</c>, <c>producer app topup APP_ID CREDITS</c>, <c>producer app disable|enable APP_ID</c>;
/// each takes <c>--data DIR</c> or <c>--database URL</c>.
/// </summary>
public static class TokenCommand
{
    public const string Usage = """
        producer token create [--name NAME] [--balance N] [--expires-in SECONDS] [--app APP_ID]
               producer token list [--app APP_ID]
               producer token revoke TOKEN_ID
               producer app list
               producer app topup APP_ID CREDITS
               producer app disable|enable APP_ID
               (each takes --data DIR, or --database URL for PostgreSQL)
        """;

    public static int Run(Arguments args)
    {
        string verb = args.Verbs.ElementAtOrDefault(0) ?? "", sub = args.Verbs.ElementAtOrDefault(1) ?? "";
        args.Allow("name", "balance", "data", "expires-in", "app", "database");
        var options = Configuration.ServerOptions.FromEnvironment(new Configuration.ServerOptions { DataDir = args.Get("data") ?? "data", DatabaseUrl = args.Get("database") });
        var tokens = new TokenStore(Database.For(options));
        string? Arg(int i) => args.Verbs.ElementAtOrDefault(i);
        switch (verb, sub)
        {
            case ("token", "create"):
            {
                string name = args.Get("name") ?? "default";
                long? balance = args.Long("balance");
                if (balance > Credits.Max) throw new ArgumentException($"--balance must be {Credits.Range(0)}");
                double? expires = args.Long("expires-in") is long e ? e : null;
                var made = tokens.Create(name, balance, expires, args.Get("app"));
                var app = tokens.Application(made.ApplicationId)!.Value;
                Console.WriteLine($"Created token '{name}' ({made.TokenId}) for application {made.ApplicationId} " +
                    $"(balance: {(app.Balance is long b ? b + " credits" : "unlimited")}{(expires is double x ? $", expires in {x} s" : "")}).");
                Console.WriteLine($"Callbacks of this application are signed with: {app.Secret}");
                Console.WriteLine("Keep the token safe: it is shown only once.");
                Console.WriteLine(made.Token);
                return 0;
            }
            case ("token", "list"):
                foreach (var a in tokens.Applications().Where(a => args.Get("app") is not { } only || a.Id == only))
                foreach (var t in tokens.Tokens(a.Id))
                    Console.WriteLine($"{t.Id}  app {a.Id}  {t.Name}  {(t.Revoked ? "revoked" : t.ExpiresAt is double x && x <= TimeProvider.System.UnixNow() ? "expired" : "active")}");
                return 0;
            case ("token", "revoke") when Arg(2) is { } id:
                return Report(tokens.Revoke(id), $"revoked token {id}", $"no token {id}");
            case ("app", "list"):
                foreach (var a in tokens.Applications())
                    Console.WriteLine($"{a.Id}  {a.Name}  balance {(a.Balance is long b ? b.ToString(CultureInfo.InvariantCulture) : "unlimited")}  " +
                        $"{(a.Disabled ? "disabled" : "enabled")}  {a.Tokens} tokens  {a.Tasks} tasks  {a.Spent} credits spent" +
                        (a.OwnerId is null ? "" : $"  owner {a.OwnerId}  general balance {(a.AllowGeneralBalance ? "on" : "off")}"));
                return 0;
            case ("app", "topup") when Arg(2) is { } id && long.TryParse(Arg(3), NumberStyles.None, CultureInfo.InvariantCulture, out long credits):
            {
                if (credits is < 1 or > Credits.Max) return Report(false, "", $"CREDITS must be {Credits.Range(1)}");
                var done = tokens.TopUp(id, credits);
                return done.Outcome switch
                {
                    TopUpOutcome.Done => Report(true, $"application {id} now holds {done.Balance} credits", ""),
                    TopUpOutcome.NotFound => Report(false, "", $"no application {id}"),
                    TopUpOutcome.Unlimited => Report(false, "", $"application {id} has no balance limit (it needs no top-up)"),
                    _ => Report(false, "", $"application {id} holds {done.Balance} credits: this top-up would pass {Credits.Max}, the most a balance may hold"),
                };
            }
            case ("app", "disable" or "enable") when Arg(2) is { } id:
                return Report(tokens.SetDisabled(id, sub == "disable"), $"application {id} {sub}d", $"no application {id}");
            default:
                Console.Error.WriteLine("usage: " + Usage);
                return 2;
        }
    }

    private static int Report(bool ok, string done, string failed)
    {
        if (ok) Console.WriteLine(done);
        else Console.Error.WriteLine(failed);
        return ok ? 0 : 1;
    }
}
