namespace OpenProducer.Server.Storage;

/// <summary>
/// One server per SQLite data folder. A second server on the same folder would take the first one's running tasks
/// for lost (each start puts them back in the queue) and render them again; so the folder is locked (an exclusive
/// lock on <c>server.lock</c>, released by the system when the process ends, however it ends) and a second server
/// refuses to start. Several servers share work through PostgreSQL. The command-line tools do not take the lock.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    public static DataFolderLock Acquire(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        string path = Path.Combine(dataDir, "server.lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var w = new StreamWriter(file, leaveOpen: true)) w.Write(Environment.ProcessId + "\n");
            file.Flush();
            return new DataFolderLock(file);
        }
        catch (IOException e)
        {
            throw new DataFolderInUseException(
                $"Another server is already running on the data folder {Path.GetFullPath(dataDir)}: two servers on one SQLite folder would take " +
                "each other's running tasks. Stop it first, give this one another --data folder, or share the work between servers " +
                "through PostgreSQL (--database postgres://…).", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
