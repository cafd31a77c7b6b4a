using System.CommandLine;
using OpenProducer.Client.Songs;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// The edits of one of your songs, each a verb taking <c>SONG_ID</c>: <c>extend [--from SECONDS]</c>,
/// <c>replace --start S --end S</c>, <c>cover [--strength X]</c>, <c>swap-vocals</c>, <c>swap-instrumentals</c> (each
/// with <c>--style</c>, <c>--lyrics FILE</c>, <c>--instrumental</c>), and <c>variation [--lyrics FILE] [--instrumental]</c>;
/// all take <c>--title</c>, <c>--seed</c> and <c>--out FILE</c>.
/// </summary>
public static class EditCommands
{
    public static IEnumerable<Command> Build()
    {
        var from = new Option<double?>("--from") { HelpName = "SECONDS", Description = "Where the new material takes over, in seconds (default: the end of the song)." };
        yield return Edit("extend", "Continues the song with new material.", [from],
            (p, id) => new ExtendSongRequest { AudioId = id, ContinueAt = p.GetValue(from) });

        var start = new Option<double>("--start") { HelpName = "SECONDS", Description = "Where the span starts, in seconds.", Required = true };
        var end = new Option<double>("--end") { HelpName = "SECONDS", Description = "Where it ends, in seconds (at least a second after --start).", Required = true };
        yield return Edit("replace", "Makes a span of the song again.", [start, end],
            (p, id) => new ReplaceSectionRequest { AudioId = id, ReplaceSectionStart = p.GetValue(start), ReplaceSectionEnd = p.GetValue(end) });

        var strength = new Option<double?>("--strength") { HelpName = "X", Description = "How far the arrangement moves from the original, 0.2-1 (default 1)." };
        yield return Edit("cover", "The song's tune and words in another style (--style).", [strength],
            (p, id) => new CoverSongRequest { AudioId = id, CoverStrength = p.GetValue(strength) });

        yield return Edit("swap-vocals", "The song's music under a new voice, words (--lyrics) and tune.", [], (_, id) => new SwapVocalsRequest { AudioId = id });
        yield return Edit("swap-instrumentals", "The song's voice over new music in the style asked (--style).", [],
            (_, id) => new SwapInstrumentalsRequest { AudioId = id });
        yield return Variation();
    }

    /// <summary>An edit verb: the song, its own options, and the fields every edit shares.</summary>
    private static Command Edit(string name, string description, Option[] own, Func<ParseResult, string, EditSongRequest> make)
    {
        var (command, options) = ClientOptions.Verb(name, description);
        var id = SongFields.SongId();
        var style = SongFields.Style();
        var lyrics = SongFields.Lyrics();
        var instrumental = SongFields.Instrumental();
        var title = SongFields.Title();
        var seed = SongFields.Seed();
        var output = SongReport.OutOption();
        command.Arguments.Add(id);
        foreach (var o in (Option[])[.. own, style, lyrics, instrumental, title, seed, output]) command.Options.Add(o);
        ClientSession.Handle(command, options, (p, session) =>
        {
            var request = make(p, p.GetValue(id)!) with
            {
                Prompt = p.GetValue(style),
                Lyric = SongFields.ReadLyrics(p.GetValue(lyrics)),
                Instrumental = p.GetValue(instrumental) ? true : null,
                Title = p.GetValue(title),
                Seed = p.GetValue(seed),
            };
            return SongReport.RunAsync(session, name, request, p.GetValue(output));
        });
        return command;
    }

    private static Command Variation()
    {
        var (command, options) = ClientOptions.Verb("variation", "A new take on the song, in its style.");
        var id = SongFields.SongId();
        var lyrics = SongFields.Lyrics();
        var instrumental = SongFields.Instrumental();
        var title = SongFields.Title();
        var seed = SongFields.Seed();
        var output = SongReport.OutOption();
        command.Arguments.Add(id);
        foreach (var o in (Option[])[lyrics, instrumental, title, seed, output]) command.Options.Add(o);
        ClientSession.Handle(command, options, (p, session) =>
        {
            string? words = SongFields.ReadLyrics(p.GetValue(lyrics));
            var request = new VariationRequest
            {
                AudioId = p.GetValue(id)!,
                Lyric = words,
                Custom = words is null ? null : true,
                Instrumental = p.GetValue(instrumental) ? true : null,
                Title = p.GetValue(title),
                Seed = p.GetValue(seed),
            };
            return SongReport.RunAsync(session, "variation", request, p.GetValue(output));
        });
        return command;
    }
}
