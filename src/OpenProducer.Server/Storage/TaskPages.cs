namespace OpenProducer.Server.Storage;

/// <summary>A task's accounting, without its request and response: what the operator's list shows.</summary>
public sealed record TaskCharge(string Id, string Type, string State, long Charged, bool Refunded, double CreatedAt, double? FinishedAt);

/// <summary>What <c>GET /v1/tasks</c> asks for: an application's tasks, newest first, optionally of one state and type.</summary>
public sealed record TaskFilter(string ApplicationId, string? State, string? Type, string? Before, int Limit);

/// <summary>
/// An application's tasks page by page, newest first. Pages are cut by position (the task the last page ended with),
/// not by offset, so tasks arriving meanwhile do not shift them. Only ids are listed; the records are read one by
/// one as they are written out.
/// </summary>
public sealed class TaskPages(Database db)
{
    /// <summary>An application's most recent tasks' accounting, newest first (no request or response is read).</summary>
    public List<TaskCharge> Charges(string applicationId, int limit)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, """
            SELECT id, type, state, charged, refunded, created_at, finished_at FROM tasks WHERE application_id = @app
            ORDER BY created_at DESC, id DESC LIMIT @n
            """, ("@app", applicationId), ("@n", limit));
        using var r = cmd.ExecuteReader();
        var list = new List<TaskCharge>();
        while (r.Read())
            list.Add(new TaskCharge(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4) != 0, r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6)));
        return list;
    }

    /// <summary>The ids of the page, and whether more follow; null when <see cref="TaskFilter.Before"/> is not one of the application's tasks.</summary>
    public async Task<(List<string> Ids, bool More)?> PageAsync(TaskFilter f, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var args = new List<(string, object?)> { ("@app", f.ApplicationId), ("@n", f.Limit + 1) };
        string where = "application_id = @app";
        if (f.State is not null) { where += " AND state = @state"; args.Add(("@state", f.State)); }
        if (f.Type is not null) { where += " AND type = @type"; args.Add(("@type", f.Type)); }
        if (f.Before is not null)
        {
            await using var at = Database.Command(c, "SELECT created_at FROM tasks WHERE id = @id AND application_id = @app", ("@id", f.Before), ("@app", f.ApplicationId));
            if (await at.ExecuteScalarAsync(ct) is not double created) return null;
            where += " AND (created_at < @created OR created_at = @created AND id < @before)";
            args.Add(("@created", created));
            args.Add(("@before", f.Before));
        }
        await using var cmd = Database.Command(c, $"SELECT id FROM tasks WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @n", [.. args]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await r.ReadAsync(ct)) ids.Add(r.GetString(0));
        bool more = ids.Count > f.Limit;
        if (more) ids.RemoveAt(ids.Count - 1);
        return (ids, more);
    }
}
