using Microsoft.Data.Sqlite;
using Npgsql;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Storage;

/// <summary>
/// A full disk is a state of the server, not a fault of the request: below a reserve of free space
/// (<c>PRODUCER_MIN_FREE_DISK_MB</c>) new work is refused before any charge, and waiting tasks are failed and
/// refunded instead of starting; a task that runs out of space on the way fails and is refunded. The reserve leaves
/// room to record all of that.
/// </summary>
public static class DiskSpace
{
    public const string RefusedMessage = "The server is short of disk space and cannot take new work now; nothing was charged. Please try again later.";

    public const string TaskMessage = "The server ran out of disk space for this task; it was stopped and its credits were given back. Please try again later.";

    /// <summary>True when the data folder's disk has less free space than the reserve.</summary>
    public static bool Low(ServerOptions options)
    {
        if (options.MinFreeDiskMegabytes <= 0) return false;
        try
        {
            return new DriveInfo(Path.GetFullPath(options.DataDir)).AvailableFreeSpace < options.MinFreeDiskMegabytes * 1024L * 1024;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>True when the error, or one inside it, says a disk is full (a file write, SQLite, PostgreSQL, or ffmpeg's own words).</summary>
    public static bool IsFull(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is IOException { HResult: 28 } // ENOSPC
                || x is SqliteException { SqliteErrorCode: 13 } // SQLITE_FULL
                || x is PostgresException { SqlState: "53100" } // disk_full
                || x.Message.Contains("No space left on device", StringComparison.Ordinal)
                || x.Message.Contains("database or disk is full", StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
