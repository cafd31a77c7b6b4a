using System.CommandLine;
using OpenProducer.Client.Files;
using OpenProducer.Client.Songs;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// The files made of one of your songs, each a verb taking <c>SONG_ID</c> and <c>--out FILE</c>:
/// <c>stems [--all]</c> (a zip of WAVs), <c>wav [--bit-depth 16|24]</c>, <c>download [--format mp3|m4a|wav|flac|midi]</c>
/// and <c>video</c> (an MP4).
/// </summary>
public static class FileCommands
{
    public static IEnumerable<Command> Build()
    {
        var all = new Option<bool>("--all") { Description = "Every part group apart (all_stems), not just voice and music." };
        yield return Verb("stems", "Separates the song into stems: a zip of WAV files.", [all], async (p, session, id) =>
        {
            if (p.GetValue(all))
            {
                var (result, raw) = await session.FollowAsync("stems", await session.Client.Songs.StartCreateStemsAsync(new StemsRequest { AudioId = id, All = true }, session.Cancel));
                var first = result.Value.Count > 0 ? result.Value[0] : null;
                return (raw, first?.Title, first?.StemsUrl);
            }
            var (plain, answer) = await session.FollowAsync("stems", await session.Client.Files.StartCreateStemsAsync(new SongFileRequest { AudioId = id }, session.Cancel));
            var item = plain.Value.Count > 0 ? plain.Value[0] : null;
            return (answer, item?.Title, item?.StemsUrl);
        });

        var bits = BitDepth();
        yield return Verb("wav", "The song's master as a lossless WAV at 44.1 kHz.", [bits], async (p, session, id) =>
        {
            var op = await session.Client.Files.StartCreateWavAsync(new WavRequest { AudioId = id, BitDepth = p.GetValue(bits) }, session.Cancel);
            var (result, raw) = await session.FollowAsync("wav", op);
            var file = result.Value.Count > 0 ? result.Value[0] : null;
            return (raw, file?.Title, file?.FileUrl);
        });

        var format = new Option<string?>("--format") { HelpName = "FORMAT", Description = "mp3 (the default), m4a, wav, flac, or midi for the score." };
        format.AcceptOnlyFromAmong("mp3", "m4a", "wav", "flac", "midi");
        var depth = BitDepth();
        yield return Verb("download", "The song in a format, or its score as MIDI.", [format, depth], async (p, session, id) =>
        {
            var request = new DownloadRequest { AudioId = id, Format = p.GetValue(format), BitDepth = p.GetValue(depth) };
            var (result, raw) = await session.FollowAsync("download", await session.Client.Files.StartCreateDownloadAsync(request, session.Cancel));
            return (raw, result.Value.Title, result.Value.FileUrl);
        });

        yield return Verb("video", "The song's music video (an MP4).", [], async (_, session, id) =>
        {
            var (result, raw) = await session.FollowAsync("video", await session.Client.Files.StartCreateVideoAsync(new SongFileRequest { AudioId = id }, cancellationToken: session.Cancel));
            return (raw, result.Value.Title, result.Value.VideoUrl);
        });
    }

    private static Option<int?> BitDepth()
    {
        var option = new Option<int?>("--bit-depth") { HelpName = "BITS", Description = "16 or 24 bits per sample (default 16)." };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is int n && n is not (16 or 24)) r.AddError($"--bit-depth must be 16 or 24, not {n}");
        });
        return option;
    }

    private static Command Verb(string name, string description, Option[] own,
        Func<ParseResult, ClientSession, string, Task<(System.Text.Json.JsonElement Raw, string? Title, Uri? File)>> make)
    {
        var (command, options) = ClientOptions.Verb(name, description);
        var id = SongFields.SongId();
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Save the file here." };
        command.Arguments.Add(id);
        foreach (var o in (Option[])[.. own, output]) command.Options.Add(o);
        ClientSession.Handle(command, options, async (p, session) =>
        {
            var (raw, title, file) = await make(p, session, p.GetValue(id)!);
            if (session.Json) ClientSession.PrintJson(raw);
            else
            {
                session.Terminal.Field("title", title);
                session.Terminal.Field("file", file);
            }
            await session.SaveAsync(file, p.GetValue(output));
            return ClientExitCodes.Ok;
        });
        return command;
    }
}
