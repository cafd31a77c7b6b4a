namespace OpenProducer.Server.Storage;

/// <summary>
/// The data folder holds callback secrets and every song: readable by the server's user only. Folders are made (or
/// made again) 0700, the database files 0600.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder if missing, and makes it private.</summary>
    public static void Folder(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>Makes an existing file private (nothing when it does not exist).</summary>
    public static void FileIfPresent(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path)) System.IO.File.SetUnixFileMode(path, FileMode);
    }
}
