namespace OpenProducer.Server.Storage;

/// <summary>
/// Credits are whole numbers. A balance is at most <see cref="Max"/>: far beyond any real account, far below where
/// the database's integers overflow (SQLite turns an overflowing sum into a float, and a float balance stops being
/// charged), and exact in a JSON client that reads numbers as doubles.
/// </summary>
public static class Credits
{
    public const long Max = 1_000_000_000_000_000;

    public static string Range(long min) => $"a whole number of credits from {min} to {Max}";
}
