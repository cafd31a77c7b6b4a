using System.CommandLine;
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
    public static Command BuildToken() => new("token", "API tokens: create, list, revoke (on the data folder's database; works while the server runs).")
    {
        Create(), List(), Revoke(),
    };

    /// <summary>The <c>app</c> verb; <paramref name="general"/> is <c>app general</c>, which the owner commands answer.</summary>
    public static Command BuildApp(Command general) => new("app", "Applications: list, topup, disable, enable, general.")
    {
        AppList(), TopUp(), SetDisabled("disable"), SetDisabled("enable"), general,
    };

    private static Command Create()
    {
        var name = new Option<string>("--name") { HelpName = "NAME", Description = "The token's name.", DefaultValueFactory = _ => "default" };
        var balance = Values.Credits("--balance", "Credits for a new application (default: unlimited).");
        var expires = Values.Seconds("--expires-in", "Seconds until the token expires (default: never).");
        var app = new Option<string?>("--app") { HelpName = "APP_ID", Description = "An existing application to add the token to (default: a new one)." };
        var command = new Command("create", "Creates a token; the token is the last line printed.") { name, balance, expires, app };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            var tokens = new TokenStore(Database.For(data.Read(p)));
            string tokenName = p.GetValue(name)!;
            long? credits = p.GetValue(balance);
            if (credits > Credits.Max) throw new ArgumentException($"--balance must be {Credits.Range(0)}");
            double? expiresIn = p.GetValue(expires) is long e ? e : null;
            var made = tokens.Create(tokenName, credits, expiresIn, p.GetValue(app));
            var application = tokens.Application(made.ApplicationId)!.Value;
            Console.WriteLine($"Created token '{tokenName}' ({made.TokenId}) for application {made.ApplicationId} " +
                $"(balance: {(application.Balance is long b ? b + " credits" : "unlimited")}{(expiresIn is double x ? $", expires in {x} s" : "")}).");
            Console.WriteLine($"Callbacks of this application are signed with: {application.Secret}");
            Console.WriteLine("Keep the token safe: it is shown only once.");
            Console.WriteLine(made.Token);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var app = new Option<string?>("--app") { HelpName = "APP_ID", Description = "Only this application's tokens." };
        var command = new Command("list", "Lists the tokens: id, application, name, state.") { app };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            var tokens = new TokenStore(Database.For(data.Read(p)));
            string? only = p.GetValue(app);
            foreach (var a in tokens.Applications().Where(a => only is null || a.Id == only))
            foreach (var t in tokens.Tokens(a.Id))
                Console.WriteLine($"{t.Id}  app {a.Id}  {t.Name}  {(t.Revoked ? "revoked" : t.ExpiresAt is double x && x <= TimeProvider.System.UnixNow() ? "expired" : "active")}");
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("TOKEN_ID") { Description = "The token's id (token list shows it)." };
        var command = new Command("revoke", "Revokes a token at once.") { id };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            string token = p.GetValue(id)!;
            return DataOptions.Report(new TokenStore(Database.For(data.Read(p))).Revoke(token), $"revoked token {token}", $"no token {token}");
        });
        return command;
    }

    private static Command AppList()
    {
        var command = new Command("list", "Lists the applications: balance, state, tokens, tasks, credits spent.");
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            foreach (var a in new TokenStore(Database.For(data.Read(p))).Applications())
                Console.WriteLine($"{a.Id}  {a.Name}  balance {(a.Balance is long b ? b.ToString(CultureInfo.InvariantCulture) : "unlimited")}  " +
                    $"{(a.Disabled ? "disabled" : "enabled")}  {a.Tokens} tokens  {a.Tasks} tasks  {a.Spent} credits spent" +
                    (a.OwnerId is null ? "" : $"  owner {a.OwnerId}  general balance {(a.AllowGeneralBalance ? "on" : "off")}"));
            return 0;
        });
        return command;
    }

    private static Command TopUp()
    {
        var id = new Argument<string>("APP_ID") { Description = "The application's id (app list shows it)." };
        var credits = DataOptions.CreditsArgument();
        var command = new Command("topup", "Adds credits to an application's balance.") { id, credits };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            string app = p.GetValue(id)!;
            long added = p.GetValue(credits);
            if (added is < 1 or > Credits.Max) return DataOptions.Report(false, "", $"CREDITS must be {Credits.Range(1)}");
            var done = new TokenStore(Database.For(data.Read(p))).TopUp(app, added);
            return done.Outcome switch
            {
                TopUpOutcome.Done => DataOptions.Report(true, $"application {app} now holds {done.Balance} credits", ""),
                TopUpOutcome.NotFound => DataOptions.Report(false, "", $"no application {app}"),
                TopUpOutcome.Unlimited => DataOptions.Report(false, "", $"application {app} has no balance limit (it needs no top-up)"),
                _ => DataOptions.Report(false, "", $"application {app} holds {done.Balance} credits: this top-up would pass {Credits.Max}, the most a balance may hold"),
            };
        });
        return command;
    }

    private static Command SetDisabled(string verb)
    {
        var id = new Argument<string>("APP_ID") { Description = "The application's id (app list shows it)." };
        var command = new Command(verb, verb == "disable" ? "Refuses the application's tokens until it is enabled." : "Accepts the application's tokens again.") { id };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            string app = p.GetValue(id)!;
            return DataOptions.Report(new TokenStore(Database.For(data.Read(p))).SetDisabled(app, verb == "disable"), $"application {app} {verb}d", $"no application {app}");
        });
        return command;
    }
}
