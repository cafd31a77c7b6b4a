using System.Globalization;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Cli;

/// <summary>
/// <c>producer disk [--reclaim] [--older-than DAYS] [--data DIR] [--database URL]</c>: what the database and the files
/// take; with <c>--reclaim</c>, removes tasks, songs and files older than DAYS (or <c>PRODUCER_RETENTION_DAYS</c>; none
/// when neither is given), files left by interrupted tasks, and gives the database's free pages back. Works while the
/// server runs.
/// </summary>
public static class DiskCommand
{
    public const string Usage = "producer disk [--reclaim] [--older-than DAYS]";

    public static int Run(Arguments args)
    {
        args.Allow("data", "database", "reclaim", "older-than");
        var options = ServerOptions.FromEnvironment(new ServerOptions { DataDir = args.Get("data") ?? "data", DatabaseUrl = args.Get("database") });
        double? days = args.Get("older-than") is { } d
            ? double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n > 0 ? n : throw new ArgumentException($"--older-than must be a number of days above 0, not '{d}'")
            : options.RetentionDays > 0 ? options.RetentionDays : null;
        var db = Database.For(options);
        var before = DiskUsage.Measure(db, options);
        Print("", before);
        Console.WriteLine($"kept audio {Megabytes(before.KeptBytes)} for {before.KeptSongs} songs, within its budget of {options.KeptAudioMegabytes} MB " +
            "(PRODUCER_KEPT_AUDIO_MB; the least recently used go first)");
        if (args.Get("reclaim") is null) return 0;
        if (days is double keep)
        {
            var removed = new Retention(db, options).RemoveOlderThan(keep);
            Console.WriteLine($"removed what is older than {keep.ToString(CultureInfo.InvariantCulture)} days: {removed.Tasks} tasks, {removed.Songs} songs, {removed.Folders} folders");
        }
        int leftovers = LeftoverFiles.Clean(options, new TaskStore(db), TimeSpan.FromHours(1));
        Console.WriteLine($"removed {leftovers} files and folders left by interrupted tasks");
        DiskUsage.Compact(db);
        var after = DiskUsage.Measure(db, options);
        Print("after: ", after);
        Console.WriteLine($"reclaimed {Megabytes(before.DatabaseBytes + before.FilesBytes - after.DatabaseBytes - after.FilesBytes)}");
        return 0;
    }

    private static void Print(string prefix, DiskUsage u) =>
        Console.WriteLine($"{prefix}database {Megabytes(u.DatabaseBytes)} ({u.Tasks} tasks, {u.Songs} songs, {u.FreePages} free pages); files {Megabytes(u.FilesBytes)} in {u.Folders} folders");

    private static string Megabytes(long bytes) => $"{(bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)} MB";
}
