using System.CommandLine;
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
    public static Command BuildOwner() => new("owner", "Owners and their general balances: create, list, topup.") { Create(), List(), TopUp() };

    /// <summary><c>app general APP_ID on|off [--owner OWNER_ID]</c>.</summary>
    public static Command BuildGeneral()
    {
        var app = new Argument<string>("APP_ID") { Description = "The application's id." };
        var state = new Argument<string>("on|off") { Description = "Whether the application draws on its owner's general balance." };
        state.AcceptOnlyFromAmong("on", "off");
        var owner = new Option<string?>("--owner") { HelpName = "OWNER_ID", Description = "The owner the application belongs to from now on." };
        var command = new Command("general", "Which owner an application belongs to, and whether it draws on that owner's general balance.") { app, state, owner };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            var owners = new OwnerStore(Database.For(data.Read(p)));
            string id = p.GetValue(app)!;
            if (owners.SetGeneral(id, p.GetValue(owner), p.GetValue(state) == "on") is { } problem) return DataOptions.Report(false, "", problem);
            var general = owners.For(id);
            Console.WriteLine($"application {id} draws on the general balance of owner {general.OwnerId ?? "(none)"}: {(general.Allowed ? "on" : "off")}");
            return 0;
        });
        return command;
    }

    private static Command Create()
    {
        var name = new Option<string>("--name") { HelpName = "NAME", Description = "The owner's name.", DefaultValueFactory = _ => "default" };
        var balance = Values.Credits("--balance", "The general balance to start with (default: 0).");
        var command = new Command("create", "Creates an owner; its id is the last line printed.") { name, balance };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            long credits = p.GetValue(balance) ?? 0;
            if (credits > Credits.Max) throw new ArgumentException($"--balance must be {Credits.Range(0)}");
            string ownerName = p.GetValue(name)!;
            string id = new OwnerStore(Database.For(data.Read(p))).Create(ownerName, credits);
            Console.WriteLine($"Created owner '{ownerName}' with a general balance of {credits} credits.");
            Console.WriteLine(id);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Lists the owners: id, name, general balance, applications.");
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            foreach (var o in new OwnerStore(Database.For(data.Read(p))).Owners())
                Console.WriteLine($"{o.Id}  {o.Name}  general balance {o.GeneralBalance}  {o.Applications} applications");
            return 0;
        });
        return command;
    }

    private static Command TopUp()
    {
        var id = new Argument<string>("OWNER_ID") { Description = "The owner's id (owner list shows it)." };
        var credits = DataOptions.CreditsArgument();
        var command = new Command("topup", "Adds credits to an owner's general balance.") { id, credits };
        var data = DataOptions.AddTo(command);
        command.SetAction(p =>
        {
            string owner = p.GetValue(id)!;
            long added = p.GetValue(credits);
            if (added is < 1 or > Credits.Max) return DataOptions.Report(false, "", $"CREDITS must be {Credits.Range(1)}");
            var done = new OwnerStore(Database.For(data.Read(p))).TopUp(owner, added);
            return done.Outcome != TopUpOutcome.Done
                ? DataOptions.Report(false, "", done.Problem("owner"))
                : DataOptions.Report(true, $"owner {owner} now holds a general balance of {done.Balance} credits", "");
        });
        return command;
    }
}
