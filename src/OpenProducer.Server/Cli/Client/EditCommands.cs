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
    private static Command Edit(string name, string description, Option[] own, Func<ParseResult, string, EditSongRequest> make) =>
        SongVerb(name, description, own, styled: true, (p, song) => make(p, song.Id) with
        {
            Prompt = song.Style,
            Lyric = song.Lyric,
            Instrumental = song.Instrumental,
        });

    private static Command Variation() =>
        SongVerb("variation", "A new take on the song, in its style.", [], styled: false, (_, song) => new VariationRequest
        {
            AudioId = song.Id,
            Lyric = song.Lyric,
            Custom = song.Lyric is null ? null : true,
            Instrumental = song.Instrumental,
        });

    /// <summary>What the options every verb on a song shares were given: the song, the style (edits only), the words and no voice.</summary>
    private sealed record SongChoices(string Id, string? Style, string? Lyric, bool? Instrumental);

    /// <summary>
    /// A verb on one song: <c>SONG_ID</c>, the verb's own options, then <c>--style</c> (when <paramref name="styled"/>),
    /// <c>--lyrics</c>, <c>--instrumental</c>, <c>--title</c>, <c>--seed</c> and <c>--out</c>. The request
    /// <paramref name="make"/> builds is sent with the title and seed asked for.
    /// </summary>
    private static Command SongVerb(string name, string description, Option[] own, bool styled, Func<ParseResult, SongChoices, SongRequest> make)
    {
        var (command, options) = ClientOptions.Verb(name, description);
        var id = SongFields.SongId();
        var style = styled ? SongFields.Style() : null;
        var lyrics = SongFields.Lyrics();
        var instrumental = SongFields.Instrumental();
        var title = SongFields.Title();
        var seed = SongFields.Seed();
        var output = SongReport.OutOption();
        command.Arguments.Add(id);
        foreach (var o in own) command.Options.Add(o);
        if (style is not null) command.Options.Add(style);
        foreach (var o in (Option[])[lyrics, instrumental, title, seed, output]) command.Options.Add(o);
        ClientSession.Handle(command, options, (p, session) =>
        {
            var song = new SongChoices(p.GetValue(id)!, style is null ? null : p.GetValue(style), SongFields.ReadLyrics(p.GetValue(lyrics)),
                p.GetValue(instrumental) ? true : null);
            var request = make(p, song) with { Title = p.GetValue(title), Seed = p.GetValue(seed) };
            return SongReport.RunAsync(session, name, request, p.GetValue(output));
        });
        return command;
    }
}
