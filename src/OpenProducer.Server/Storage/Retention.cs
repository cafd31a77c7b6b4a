using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Storage;

/// <summary>What a retention pass removed.</summary>
public sealed record Removed(int Tasks, int Songs, int Folders);

/// <summary>
/// Tasks and songs older than a number of days, and their files, removed. Off unless the operator sets
/// <c>PRODUCER_RETENTION_DAYS</c> (or runs <c>producer disk --reclaim --older-than DAYS</c>). A task goes once it has
/// finished and its callback is settled; a song goes with its folder (its files, downloads, stems and video). Edits
/// made from a removed song keep working: each carries its source's recipe. Folders of no song (stems of earlier
/// versions, written per task) go once they are as old.
/// </summary>
public sealed class Retention(Database db, ServerOptions options)
{
    public Removed RemoveOlderThan(double days)
    {
        if (days <= 0) throw new ArgumentOutOfRangeException(nameof(days), days, "a positive number of days");
        double cutoff = db.Time.UnixNow() - days * 86400;
        int tasks, songs = 0, folders = 0;
        var keys = new List<string>();
        using (var c = db.Open())
        {
            tasks = Database.Exec(c, """
                DELETE FROM tasks WHERE finished_at IS NOT NULL AND finished_at < @cutoff
                    AND (callback_state IS NULL OR callback_state IN ('delivered', 'failed'))
                """, ("@cutoff", cutoff));
            using var cmd = Database.Command(c, "DELETE FROM songs WHERE created_at < @cutoff RETURNING file_key", ("@cutoff", cutoff));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                keys.Add(r.GetString(0));
                songs++;
            }
        }
        foreach (var key in keys.Distinct())
            if (Delete(Path.Combine(options.FilesDir, key))) folders++;
        if (Directory.Exists(options.FilesDir))
        {
            var kept = SongKeys();
            var before = DateTime.UtcNow.AddDays(-days);
            foreach (var dir in Directory.EnumerateDirectories(options.FilesDir))
                if (!kept.Contains(Path.GetFileName(dir)) && Directory.GetLastWriteTimeUtc(dir) < before && Delete(dir)) folders++;
        }
        return new Removed(tasks, songs, folders);
    }

    private HashSet<string> SongKeys()
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, "SELECT file_key FROM songs");
        using var r = cmd.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read()) keys.Add(r.GetString(0));
        return keys;
    }

    private static bool Delete(string dir)
    {
        try
        {
            if (!Directory.Exists(dir)) return false;
            Directory.Delete(dir, recursive: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
