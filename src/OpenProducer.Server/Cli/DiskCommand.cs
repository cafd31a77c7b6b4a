using System.CommandLine;
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
    public static Command Build()
    {
        var data = Values.DataDir();
        var database = Values.DatabaseUrl();
        var reclaim = new Option<bool>("--reclaim") { Description = "Remove what is older than DAYS, files left by interrupted tasks, and the database's free pages." };
        var olderThan = new Option<string?>("--older-than") { HelpName = "DAYS", Description = "With --reclaim: the age in days past which tasks, songs and files go (default: PRODUCER_RETENTION_DAYS)." };
        var command = new Command("disk", "What the database and the files take; with --reclaim, gives space back. Works while the server runs.")
        {
            reclaim, olderThan, data, database,
        };
        command.SetAction(p => Run(p.GetValue(data)!, p.GetValue(database), p.GetValue(reclaim), p.GetValue(olderThan)));
        return command;
    }

    private static int Run(string dataDir, string? databaseUrl, bool reclaim, string? olderThan)
    {
        var options = ServerOptions.FromEnvironment(new ServerOptions { DataDir = dataDir, DatabaseUrl = databaseUrl });
        double? days = olderThan is { } d
            ? double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n > 0 ? n : throw new ArgumentException($"--older-than must be a number of days above 0, not '{d}'")
            : options.RetentionDays > 0 ? options.RetentionDays : null;
        var db = Database.For(options);
        var before = DiskUsage.Measure(db, options);
        Print("", before);
        Console.WriteLine($"kept audio {Megabytes(before.KeptBytes)} for {before.KeptSongs} songs, within its budget of {options.KeptAudioMegabytes} MB " +
            "(PRODUCER_KEPT_AUDIO_MB; the least recently used go first)");
        if (!reclaim) return 0;
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
