using System.Text.Json.Nodes;

namespace OpenProducer.Server.Storage;

/// <summary>A stored song: its wire data item, its engine record (null for older songs) and the key of its files' folder.</summary>
public sealed record StoredSong(string Data, string? Engine, string FileKey);

/// <summary>Finished songs: the wire data item, the engine's details, and the random key of their files.</summary>
public sealed class SongStore(Database db)
{
    /// <summary>The song's stored details JSON, if it belongs to the application.</summary>
    public async Task<string?> DetailsAsync(string id, string applicationId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Database.Command(c, "SELECT details FROM songs WHERE id = @id AND application_id = @app", ("@id", id), ("@app", applicationId));
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <param name="engine">What the engine needs to render the song again exactly (request and master settings); null for an uploaded recording.</param>
    public void Insert(string id, string applicationId, string taskId, string fileKey, string data, string details, string? engine)
    {
        using var c = db.Open();
        Database.Exec(c, """
            INSERT INTO songs (id, application_id, task_id, file_key, data, details, engine, created_at)
            VALUES (@id, @app, @task, @key, @data, @details, @engine, @now)
            ON CONFLICT (id) DO UPDATE SET application_id = excluded.application_id, task_id = excluded.task_id,
                file_key = excluded.file_key, data = excluded.data, details = excluded.details, engine = excluded.engine,
                created_at = excluded.created_at
            """, ("@id", id), ("@app", applicationId), ("@task", taskId), ("@key", fileKey), ("@data", data),
            ("@details", details), ("@engine", engine), ("@now", db.Time.UnixNow()));
    }

    /// <summary>A song of this application, or null.</summary>
    public async Task<StoredSong?> FindAsync(string id, string applicationId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Database.Command(c, "SELECT data, engine, file_key FROM songs WHERE id = @id AND application_id = @app", ("@id", id), ("@app", applicationId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new StoredSong(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2));
    }

    /// <summary>Sets one field of the song's wire data item (its <c>video_url</c> once a video is made).</summary>
    public void SetDataField(string id, string applicationId, string field, string value)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        using var read = Database.Command(c, "SELECT data FROM songs WHERE id = @id AND application_id = @app" + db.ForUpdate, ("@id", id), ("@app", applicationId));
        read.Transaction = tx;
        if (read.ExecuteScalar() is not string data) return;
        var item = JsonNode.Parse(data)!.AsObject();
        item[field] = value;
        using var write = Database.Command(c, "UPDATE songs SET data = @data WHERE id = @id AND application_id = @app",
            ("@data", item.ToJsonString()), ("@id", id), ("@app", applicationId));
        write.Transaction = tx;
        write.ExecuteNonQuery();
        tx.Commit();
    }
}
