/// <summary>The English lyric block the timing benchmarks sing, repeated to make a song of the length they need.</summary>
internal static class BenchSheet
{
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
