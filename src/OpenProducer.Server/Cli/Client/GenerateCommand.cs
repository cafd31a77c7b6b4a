using System.CommandLine;
using OpenProducer.Client.Songs;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// <c>producer generate "a song for Christmas" [--lyrics FILE] [--title T] [--style S] [--instrumental] [--model M]
/// [--seed S] [--out song.m4a]</c>: a new song. With <c>--lyrics</c> it is made in custom mode (the words are yours,
/// the style is <c>--style</c> or the prompt).
/// </summary>
public static class GenerateCommand
{
    public static Command Build()
    {
        var (command, options) = ClientOptions.Verb("generate", "Makes a new song from a prompt, or from your words (--lyrics) in a style.");
        var prompt = new Argument<string?>("PROMPT") { Description = "What the song is about and how it sounds (at most 200 characters).", Arity = ArgumentArity.ZeroOrOne };
        var lyrics = SongFields.Lyrics();
        var title = SongFields.Title();
        var style = new Option<string?>("--style") { HelpName = "STYLE", Description = "The style: with --lyrics (or --instrumental) the style of custom mode; else added to the prompt." };
        var instrumental = SongFields.Instrumental();
        var model = new Option<string?>("--model") { HelpName = "MODEL", Description = "The model (default: the server's)." };
        var seed = SongFields.Seed();
        var output = SongReport.OutOption();
        command.Arguments.Add(prompt);
        foreach (var o in (Option[])[lyrics, title, style, instrumental, model, seed, output]) command.Options.Add(o);
        ClientSession.Handle(command, options, (p, session) =>
        {
            string? words = SongFields.ReadLyrics(p.GetValue(lyrics));
            string? about = p.GetValue(prompt), sound = p.GetValue(style);
            bool noVoice = p.GetValue(instrumental);
            bool custom = words is not null || (noVoice && sound is not null);
            string? text = custom ? sound ?? about : string.Join(", ", new[] { about, sound }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (string.IsNullOrWhiteSpace(text) && words is null) throw new ArgumentException("generate needs a PROMPT, or --lyrics FILE");
            var request = new GenerateSongRequest
            {
                Prompt = string.IsNullOrWhiteSpace(text) ? null : text,
                Custom = custom ? true : null,
                Lyric = words,
                Instrumental = noVoice ? true : null,
                Title = p.GetValue(title),
                Model = p.GetValue(model),
                Seed = p.GetValue(seed),
            };
            return SongReport.RunAsync(session, "generate", request, p.GetValue(output));
        });
        return command;
    }
}
