using System.CommandLine;
using System.Globalization;
using OpenProducer.Client.Lyrics;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// The verbs that make no song: <c>lyrics "prompt" [--seed S]</c> (a lyric sheet), <c>tasks ID…</c> (where tasks
/// stand) and <c>balance</c> (the token's credits).
/// </summary>
public static class AccountCommands
{
    public static IEnumerable<Command> Build()
    {
        yield return Lyrics();
        yield return Tasks();
        yield return Balance();
    }

    private static Command Lyrics()
    {
        var (command, options) = ClientOptions.Verb("lyrics", "Writes a lyric sheet for a theme.");
        var prompt = new Argument<string>("PROMPT") { Description = "The theme (at most 1000 characters)." };
        var seed = SongFields.Seed();
        command.Arguments.Add(prompt);
        command.Options.Add(seed);
        ClientSession.Handle(command, options, async (p, session) =>
        {
            var operation = await session.Client.Lyrics.StartCreateAsync(new LyricsRequest { Prompt = p.GetValue(prompt)!, Seed = p.GetValue(seed) }, session.Cancel);
            var (result, raw) = await session.FollowAsync("lyrics", operation);
            if (session.Json)
            {
                ClientSession.PrintJson(raw);
                return ClientExitCodes.Ok;
            }
            session.Terminal.Field("title", result.Value.Title);
            session.Terminal.WriteLine(result.Value.Text ?? result.Value.Lyrics ?? "");
            return ClientExitCodes.Ok;
        });
        return command;
    }

    private static Command Tasks()
    {
        var (command, options) = ClientOptions.Verb("tasks", "Shows where tasks stand: type, state, progress, time, credits.");
        var ids = new Argument<string[]>("ID") { Description = "Task ids (at most 100).", Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(ids);
        ClientSession.Handle(command, options, async (p, session) =>
        {
            string[] asked = p.GetValue(ids)!;
            var tasks = await session.Client.Tasks.GetManyAsync(asked, session.Cancel);
            if (session.Json) ClientSession.PrintJson(new { items = tasks });
            else
            {
                foreach (var t in tasks)
                {
                    var progress = t.Progress;
                    session.Terminal.WriteLine($"{t.Id}  {t.Type}  {progress.State}{(progress.Percent is int n ? $" {n}%" : "")}  " +
                        $"{t.Elapsed.ToString("0.0", CultureInfo.InvariantCulture)} s  {t.Credits} credits{(t.Refunded ? " (refunded)" : "")}");
                }
                foreach (string missing in asked.Except(tasks.Select(t => t.Id))) session.Terminal.Problem($"no task {missing}");
            }
            return tasks.Count == asked.Distinct().Count() ? ClientExitCodes.Ok : ClientExitCodes.Refused;
        });
        return command;
    }

    private static Command Balance()
    {
        var (command, options) = ClientOptions.Verb("balance", "Shows the token's credits (and its owner's general balance).");
        ClientSession.Handle(command, options, async (p, session) =>
        {
            var balance = await session.Client.Account.GetBalanceAsync(session.Cancel);
            if (session.Json)
            {
                ClientSession.PrintJson(balance);
                return ClientExitCodes.Ok;
            }
            session.Terminal.Field("balance", balance.Balance is long b ? $"{b} credits" : "unlimited");
            if (balance.GeneralBalance is long g)
                session.Terminal.Field("general balance", $"{g} credits ({(balance.AllowGeneralBalance ? "drawn on" : "not drawn on")} when the balance runs out)");
            return ClientExitCodes.Ok;
        });
        return command;
    }
}
