using System.CommandLine;

namespace OpenProducer.Server.Cli.Client;

/// <summary>The options the song verbs share, made afresh for each verb.</summary>
public static class SongFields
{
    public static Argument<string> SongId() => new("SONG_ID") { Description = "The song's id (generate prints it as 'song')." };

    public static Option<string?> Lyrics() => new("--lyrics") { HelpName = "FILE", Description = "A text file with the words, section tags such as [Verse] allowed." };

    public static Option<string?> Title() => new("--title") { HelpName = "TITLE", Description = "The song's title (default: one made from the request)." };

    public static Option<string?> Style() => new("--style") { HelpName = "STYLE", Description = "The style of what is made." };

    public static Option<bool> Instrumental() => new("--instrumental") { Description = "No voice." };

    public static Option<string?> Seed() => new("--seed") { HelpName = "SEED", Description = "A seed (a number or any text): the same request and seed make the same song." };

    /// <summary>The words in the file <c>--lyrics</c> names, or null without it.</summary>
    public static string? ReadLyrics(string? path)
    {
        if (path is null) return null;
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--lyrics: cannot read {path}: {e.Message}");
        }
    }
}
