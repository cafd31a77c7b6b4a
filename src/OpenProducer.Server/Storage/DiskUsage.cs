using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Storage;

/// <summary>
/// How much disk the server's data takes: the database (with SQLite, its file and write-ahead log, and the pages it
/// could give back), the files, and the songs' kept audio (a cache held within its own budget).
/// </summary>
public sealed record DiskUsage(long DatabaseBytes, long FreePages, long FilesBytes, int Folders, long Tasks, long Songs, long KeptBytes, int KeptSongs)
{
    private static readonly string[] SqliteFiles = ["", "-wal", "-shm"];

    public static DiskUsage Measure(Database db, ServerOptions options)
    {
        long dbBytes, free = 0;
        using (var c = db.Open())
        {
            if (db.IsPostgres)
            {
                using var size = Database.Command(c, "SELECT pg_database_size(current_database())");
                dbBytes = Convert.ToInt64(size.ExecuteScalar());
            }
            else
            {
                dbBytes = SqliteFiles.Select(x => options.DatabasePath + x).Where(File.Exists).Sum(f => new FileInfo(f).Length);
                using var pages = Database.Command(c, "PRAGMA freelist_count");
                free = Convert.ToInt64(pages.ExecuteScalar());
            }
        }
        long files = 0;
        int folders = 0;
        foreach (var root in new[] { options.FilesDir, options.InputsDir }.Where(Directory.Exists))
        {
            folders += Directory.EnumerateDirectories(root).Count();
            files += Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        }
        var kept = Directory.Exists(options.KeptDir) ? new DirectoryInfo(options.KeptDir) : null;
        long keptBytes = kept?.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) ?? 0;
        int keptSongs = kept?.EnumerateDirectories().Count() ?? 0;
        return new DiskUsage(dbBytes, free, files, folders, Count(db, "tasks"), Count(db, "songs"), keptBytes, keptSongs);
    }

    private static long Count(Database db, string table)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, $"SELECT COUNT(*) FROM {table}");
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    /// <summary>Gives the database's free pages back to the file system (SQLite: checkpoint and VACUUM; PostgreSQL: VACUUM).</summary>
    public static void Compact(Database db)
    {
        using var c = db.Open();
        if (db.IsPostgres)
        {
            Database.Exec(c, "VACUUM");
            return;
        }
        Database.Exec(c, "VACUUM");
        Database.Exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
    }
}
