namespace OpenProducer.Server.Storage;

/// <summary>Finished songs: the wire data item, the engine's details, and the random key of their files.</summary>
public sealed class SongStore(Database db)
{
    /// <summary>The song's stored details JSON, if it belongs to the application.</summary>
    public string? Details(string id, string applicationId)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, "SELECT details FROM songs WHERE id = $id AND application_id = $app", ("$id", id), ("$app", applicationId));
        return cmd.ExecuteScalar() as string;
    }

    public void Insert(string id, string applicationId, string taskId, string fileKey, string data, string details)
    {
        using var c = db.Open();
        Database.Exec(c, """
            INSERT OR REPLACE INTO songs (id, application_id, task_id, file_key, data, details, created_at)
            VALUES ($id, $app, $task, $key, $data, $details, $now)
            """, ("$id", id), ("$app", applicationId), ("$task", taskId), ("$key", fileKey), ("$data", data),
            ("$details", details), ("$now", Clock.Now()));
    }
}
