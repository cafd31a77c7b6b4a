namespace OpenProducer.Server.Storage;

/// <summary>What <c>GET /v1/tasks</c> asks for: an application's tasks, newest first, optionally of one state and type.</summary>
public sealed record TaskFilter(string ApplicationId, string? State, string? Type, string? Before, int Limit);

/// <summary>
/// An application's tasks page by page, newest first. Pages are cut by position (the task the last page ended with),
/// not by offset, so tasks arriving meanwhile do not shift them. Only ids are listed; the records are read one by
/// one as they are written out.
/// </summary>
public sealed class TaskPages(Database db)
{
    /// <summary>The ids of the page, and whether more follow; null when <see cref="TaskFilter.Before"/> is not one of the application's tasks.</summary>
    public (List<string> Ids, bool More)? Page(TaskFilter f)
    {
        using var c = db.Open();
        var args = new List<(string, object?)> { ("@app", f.ApplicationId), ("@n", f.Limit + 1) };
        string where = "application_id = @app";
        if (f.State is not null) { where += " AND state = @state"; args.Add(("@state", f.State)); }
        if (f.Type is not null) { where += " AND type = @type"; args.Add(("@type", f.Type)); }
        if (f.Before is not null)
        {
            using var at = Database.Command(c, "SELECT created_at FROM tasks WHERE id = @id AND application_id = @app", ("@id", f.Before), ("@app", f.ApplicationId));
            if (at.ExecuteScalar() is not double created) return null;
            where += " AND (created_at < @created OR created_at = @created AND id < @before)";
            args.Add(("@created", created));
            args.Add(("@before", f.Before));
        }
        using var cmd = Database.Command(c, $"SELECT id FROM tasks WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @n", [.. args]);
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read()) ids.Add(r.GetString(0));
        bool more = ids.Count > f.Limit;
        if (more) ids.RemoveAt(ids.Count - 1);
        return (ids, more);
    }
}
