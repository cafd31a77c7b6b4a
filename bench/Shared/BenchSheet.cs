using OpenProducer.Engine.Lyrics;

/// <summary>The English lyrics the timing benchmarks sing.</summary>
internal static class BenchSheet
{
    /// <summary>
    /// A sheet as a user's song has one, from the engine's own lyric writer: two verses that differ, a pre-chorus and a
    /// chorus that come back three times, a bridge; another sheet for each seed, so no song sings another's lines.
    /// Singing lines already sung costs less (spoken lines are kept, and a line sung again on the same notes is
    /// kept), so a sheet of one block repeated times the voice of a song that is three-quarters repeats.
    /// </summary>
    public static string Written(ulong seed) => SheetWriter.WriteSheet("a song about a summer by the sea", seed).Text;

    /// <summary>The block below, one sheet: eight lines.</summary>
    public const string Block = """
        [Verse]
        Woke up with the sun in my eyes
        No clouds above just blue in the skies
        Shoes on my feet I'm ready to run
        Every step feels like a loaded gun
        [Chorus]
        Happy days are rolling in
        Let the joy beneath my skin
        No more shadows no more lies
        Just the truth that lifts me high
        """;

    /// <summary>The block <paramref name="times"/> times over, one sheet.</summary>
    public static string Repeated(int times) => string.Join("\n", Enumerable.Repeat(Block, times));
}
