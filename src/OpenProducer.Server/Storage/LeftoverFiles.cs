using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Storage;

/// <summary>
/// What a worker killed mid-task leaves behind: files still under their private <c>.part</c> (or <c>.given</c>)
/// names, song folders left empty, and fetched inputs whose task is over. Removed at start (on SQLite nothing else
/// can be writing them, so at any age) and, on a shared database, once they are older than any task takes.
/// </summary>
public static class LeftoverFiles
{
    /// <summary>Removes leftovers older than <paramref name="minAge"/>; returns how many files and folders went.</summary>
    public static int Clean(ServerOptions options, TaskStore tasks, TimeSpan minAge)
    {
        var before = DateTime.UtcNow - minAge;
        // At any age means at any age: a folder's time changes as its leftovers go, so no clock comparison then.
        bool Old(DateTime written) => minAge <= TimeSpan.Zero || written < before;
        int removed = 0;
        if (Directory.Exists(options.FilesDir))
            foreach (var folder in Directory.EnumerateDirectories(options.FilesDir))
            {
                foreach (var file in Directory.EnumerateFiles(folder))
                    if (Unfinished(file) && Old(File.GetLastWriteTimeUtc(file)) && TryDelete(file)) removed++;
                if (!Directory.EnumerateFileSystemEntries(folder).Any() && Old(Directory.GetLastWriteTimeUtc(folder)) && TryDelete(folder)) removed++;
            }
        if (Directory.Exists(options.InputsDir))
            foreach (var file in Directory.EnumerateFiles(options.InputsDir))
            {
                if (!Old(File.GetLastWriteTimeUtc(file))) continue;
                string taskId = Path.GetFileName(file).Split('.')[0];
                // A fetched cover waits for its song; once the task is over it is nobody's.
                if ((Unfinished(file) || !tasks.IsActive(taskId)) && TryDelete(file)) removed++;
            }
        return removed;
    }

    private static bool Unfinished(string file) =>
        file.EndsWith(".part", StringComparison.Ordinal) || file.EndsWith(".given", StringComparison.Ordinal) || file.Contains(".part.", StringComparison.Ordinal);

    private static bool TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path);
            else File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            // Written to meanwhile: it is not a leftover.
            return false;
        }
    }
}
