namespace OpenProducer.Server.Storage;

/// <summary>
/// Tasks in the database: insert (with the charge), claim (atomically, with a lease), progress, completion (with the
/// refund), callbacks, and recovery of tasks whose worker went away.
/// </summary>
public sealed class TaskStore(Database db)
{
    private const string Columns = TaskRows.Columns;

    /// <summary>
    /// Accepts a task and takes its price, in one transaction: either both happen or neither. The price comes from
    /// the application's balance; when that does not cover it and the application may draw on its owner's general
    /// balance, from there (the task remembers which, to refund it there). A balance only goes down while it covers
    /// the price (an unlimited application has none), so concurrent requests can never take it below zero. False
    /// when neither covers the price.
    /// </summary>
    public async Task<bool> InsertAsync(TaskRow t, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        string? owner = null;
        if (t.Charged > 0 && await Database.ExecAsync(c, "UPDATE applications SET balance = balance - @p WHERE id = @app AND (balance IS NULL OR balance >= @p)",
                [("@p", t.Charged), ("@app", t.ApplicationId)], ct) == 0)
        {
            await using var general = Database.Command(c, """
                UPDATE owners SET general_balance = general_balance - @p
                WHERE general_balance >= @p AND id = (SELECT owner_id FROM applications WHERE id = @app AND allow_general_balance = 1)
                RETURNING id
                """, ("@p", t.Charged), ("@app", t.ApplicationId));
            owner = await general.ExecuteScalarAsync(ct) as string;
            if (owner is null) return false;
        }
        await Database.ExecAsync(c, """
            INSERT INTO tasks (id, application_id, type, trace_id, state, progress, request, job, song_id, callback_url, callback_state, created_at, charged, input_state, charged_owner)
            VALUES (@id, @app, @type, @trace, @state, 0, @request, @job, @song, @cb, @cbstate, @created, @charged, @input, @owner)
            """,
            [("@id", t.Id), ("@app", t.ApplicationId), ("@type", t.Type), ("@trace", t.TraceId), ("@state", t.State),
            ("@request", t.Request), ("@job", t.Job), ("@song", t.SongId), ("@cb", t.CallbackUrl),
            ("@cbstate", t.CallbackUrl is null ? null : "waiting"), ("@created", t.CreatedAt), ("@charged", t.Charged),
            ("@input", t.NeedsInput ? InputPending : null), ("@owner", owner)], ct);
        await db.NotifyAsync(c, Database.WorkChannel, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Takes the next pending task (of the one type, when given), or null. Applications take turns: the task comes
    /// from the application with the fewest running tasks (the oldest first among equals), and an application
    /// already running <paramref name="maxRunning"/> tasks waits (0: no limit). One UPDATE, so two workers never
    /// take the same task.
    /// </summary>
    public TaskRow? ClaimNext(string? type = null, int maxRunning = 0)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        // Claims take turns across processes, so each sees the others' running counts (the per-application cap
        // and the turn order hold on a shared database too).
        db.SerializeClaims(c);
        double now = db.Time.UnixNow();
        (string, object?)[] args = [("@now", now), ("@lease", LeaseSeconds), ("@max", maxRunning), .. type is null ? [] : new (string, object?)[] { ("@type", type) }];
        var claimed = TaskRows.ReadOne(Database.Command(c, $"""
            UPDATE tasks SET state = 'running', started_at = @now, attempts = attempts + 1, progress = 0, lease_until = {db.Now} + @lease
            WHERE id = (
                SELECT p.id FROM tasks p
                LEFT JOIN (SELECT application_id, COUNT(*) AS n FROM tasks WHERE state = 'running' AND input_state IS NULL GROUP BY application_id) r
                    ON r.application_id = p.application_id
                WHERE p.state = 'pending' AND p.input_state IS NULL{(type is null ? "" : " AND p.type = @type")} AND (@max = 0 OR COALESCE(r.n, 0) < @max)
                ORDER BY COALESCE(r.n, 0), p.created_at, p.id LIMIT 1{db.SkipLocked("p")})
            RETURNING {Columns}
            """, args));
        tx.Commit();
        return claimed;
    }

    /// <summary>The input_state of a task whose inputs are still to be fetched.</summary>
    private const string InputPending = "fetch";

    /// <summary>
    /// Takes the next task whose inputs must be fetched first (oldest first), with a lease like any claim; null when
    /// there is none. Fetching does not count toward an application's running tasks.
    /// </summary>
    public TaskRow? ClaimInput()
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        db.SerializeClaims(c);
        var claimed = TaskRows.ReadOne(Database.Command(c, $"""
            UPDATE tasks SET state = 'running', started_at = @now, attempts = attempts + 1, lease_until = {db.Now} + @lease
            WHERE id = (SELECT p.id FROM tasks p WHERE p.state = 'pending' AND p.input_state = '{InputPending}'
                ORDER BY p.created_at, p.id LIMIT 1{db.SkipLocked("p")})
            RETURNING {Columns}
            """, ("@now", db.Time.UnixNow()), ("@lease", LeaseSeconds)));
        tx.Commit();
        return claimed;
    }

    /// <summary>
    /// The task's inputs are ready: it goes back to the queue for a worker, as if it had not been claimed (the fetch
    /// does not count as one of its attempts). False when the claim no longer holds it.
    /// </summary>
    public bool InputReady(string id, int attempt)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        int changed = Database.Exec(c, """
            UPDATE tasks SET state = 'pending', input_state = NULL, started_at = NULL, lease_until = NULL, attempts = attempts - 1
            WHERE id = @id AND state = 'running' AND attempts = @attempt
            """, ("@id", id), ("@attempt", attempt));
        if (changed > 0) db.Notify(c, Database.WorkChannel);
        tx.Commit();
        return changed > 0;
    }

    /// <summary>How long a claim holds without renewal; a running worker renews it every third of that.</summary>
    public const double LeaseSeconds = 60;

    /// <summary>
    /// The worker is still at it: its task's lease runs another <see cref="LeaseSeconds"/>. False when the task is no
    /// longer this claim's (it was taken over after the lease ran out): the worker should stop.
    /// </summary>
    public bool Renew(string id, int attempt)
    {
        using var c = db.Open();
        return Database.Exec(c, $"UPDATE tasks SET lease_until = {db.Now} + @lease WHERE id = @id AND state = 'running' AND attempts = @attempt",
            [("@lease", LeaseSeconds), ("@id", id), ("@attempt", attempt), .. db.IsPostgres ? [] : new (string, object?)[] { ("@now", db.Time.UnixNow()) }]) > 0;
    }

    /// <summary>
    /// Tasks whose lease ran out lost their worker (a process that died, on this machine or another): a first loss
    /// puts the task back in the queue, a second fails it, as a restart does. Returns the tasks failed.
    /// </summary>
    public List<TaskRow> RecoverExpired(Func<TaskRow, string> failedResponse) =>
        // A worker that comes back in the meantime keeps its task: the finish here holds only while the lease is expired.
        Recover(byLease: true, failedResponse, "its worker was lost twice");

    /// <summary>
    /// Running tasks (with <paramref name="byLease"/>, those whose lease ran out) lost their worker: a first loss puts the task back in the
    /// queue, a second fails it (and refunds it), so a task that crashes its worker cannot loop forever. Returns the
    /// tasks failed.
    /// </summary>
    private List<TaskRow> Recover(bool byLease, Func<TaskRow, string> failedResponse, string reason)
    {
        List<TaskRow> failed;
        string lost = byLease ? $" AND lease_until < {db.Now}" : "";
        using (var c = db.Open())
        {
            (string, object?)[] at = byLease && !db.IsPostgres ? [("@now", db.Time.UnixNow())] : [];
            if (Database.Exec(c, $"UPDATE tasks SET state = 'pending', started_at = NULL, progress = 0 WHERE state = 'running'{lost} AND attempts < 2", at) > 0)
                db.Notify(c, Database.WorkChannel);
            failed = TaskRows.ReadMany(Database.Command(c, $"SELECT {Columns} FROM tasks WHERE state = 'running'{lost}", at));
        }
        return failed.Where(t => Finish(t.Id, TaskStates.Failed, failedResponse(t), reason, t.Attempts, leaseExpired: byLease)).ToList();
    }

    public void SetProgress(string id, int attempt, int progress)
    {
        using var c = db.Open();
        Database.Exec(c, "UPDATE tasks SET progress = @p WHERE id = @id AND state = 'running' AND attempts = @attempt",
            ("@p", progress), ("@id", id), ("@attempt", attempt));
    }

    /// <summary>
    /// Records a task's end, once: only a task still waiting or running can finish, and with
    /// <paramref name="attempt"/> only the claim that is running it (a worker whose task was taken over finishes
    /// nothing); with <paramref name="leaseExpired"/> only while its lease is still expired. A failed task gives its
    /// charge back in the same transaction (an unlimited application has no balance to credit). The task row is
    /// updated first, so a competing finish waits for it and then finds the task already finished. The job (the
    /// worker's input, which for an edit holds its whole chain of recipes) is emptied: the song keeps its own recipe.
    /// False when the task was not this caller's to finish.
    /// </summary>
    public bool Finish(string id, string state, string response, string? error, int? attempt = null, bool leaseExpired = false)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        (string, object?)[] args =
        [
            ("@state", state), ("@response", response), ("@error", error), ("@now", db.Time.UnixNow()), ("@id", id),
            .. attempt is int a ? new (string, object?)[] { ("@attempt", a) } : [],

        ];
        string? app = null, owner = null;
        long charged = 0;
        using (var cmd = Database.Command(c, $"""
            UPDATE tasks SET state = @state, response = @response, error = @error, finished_at = @now, job = '',
                progress = CASE WHEN @state = 'succeeded' THEN 100 ELSE progress END,
                callback_state = CASE WHEN callback_url IS NOT NULL THEN 'pending' ELSE NULL END,
                callback_next_at = @now,
                refunded = CASE WHEN @state = 'failed' AND charged > 0 THEN 1 ELSE refunded END
            WHERE id = @id AND {(attempt is null ? "state IN ('pending', 'running')" : "state = 'running' AND attempts = @attempt")}{(leaseExpired ? $" AND lease_until < {db.Now}" : "")}
            RETURNING application_id, charged, charged_owner
            """, args))
        using (var r = cmd.ExecuteReader())
            if (r.Read()) (app, charged, owner) = (r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2));
        if (app is null) return false;
        // The refund goes back where the charge came from.
        if (state == TaskStates.Failed && charged > 0 && owner is not null)
            Database.Exec(c, "UPDATE owners SET general_balance = general_balance + @charged WHERE id = @owner", ("@charged", charged), ("@owner", owner));
        else if (state == TaskStates.Failed && charged > 0)
            Database.Exec(c, "UPDATE applications SET balance = balance + @charged WHERE id = @app AND balance IS NOT NULL", ("@charged", charged), ("@app", app));
        db.Notify(c, Database.FinishedChannel, id);
        tx.Commit();
        return true;
    }

    public async Task<TaskRow?> GetAsync(string id, string applicationId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await TaskRows.ReadOneAsync(Database.Command(c, $"SELECT {Columns} FROM tasks WHERE id = @id AND application_id = @app",
            ("@id", id), ("@app", applicationId)), ct);
    }

    /// <summary>An application's most recent tasks, newest first.</summary>
    public List<TaskRow> OfApplication(string applicationId, int limit)
    {
        using var c = db.Open();
        return TaskRows.ReadMany(Database.Command(c, $"SELECT {Columns} FROM tasks WHERE application_id = @app ORDER BY created_at DESC LIMIT @n",
            ("@app", applicationId), ("@n", limit)));
    }

    /// <summary>True while the task waits or runs.</summary>
    public bool IsActive(string id)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, "SELECT COUNT(*) FROM tasks WHERE id = @id AND state IN ('pending', 'running')", ("@id", id));
        return Convert.ToInt64(cmd.ExecuteScalar()) > 0;
    }

    public async Task<TaskRow?> GetAnyAsync(string id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await TaskRows.ReadOneAsync(Database.Command(c, $"SELECT {Columns} FROM tasks WHERE id = @id", ("@id", id)), ct);
    }

    public TaskRow? GetAny(string id)
    {
        using var c = db.Open();
        return TaskRows.ReadOne(Database.Command(c, $"SELECT {Columns} FROM tasks WHERE id = @id", ("@id", id)));
    }

    /// <summary>
    /// After a restart, tasks that were running lost their worker. A first interruption puts the task back in
    /// the queue; a second marks it failed, so a task that crashes the server cannot loop forever.
    /// </summary>
    public List<TaskRow> RecoverInterrupted(Func<TaskRow, string> failedResponse) =>
        Recover(byLease: false, failedResponse, "interrupted by server restarts twice");

    /// <summary>
    /// Takes the next callback due for sending. While it is sent, its next-attempt time is a lease: a sender that
    /// dies leaves it to be taken up again once that time has passed (<see cref="RecoverCallbacks"/>).
    /// </summary>
    public TaskRow? NextDueCallback()
    {
        using var c = db.Open();
        double now = db.Time.UnixNow();
        return TaskRows.ReadOne(Database.Command(c, $"""
            UPDATE tasks SET callback_state = 'sending', callback_next_at = @lease
            WHERE id = (SELECT k.id FROM tasks k WHERE k.callback_state = 'pending' AND k.callback_next_at <= @now ORDER BY k.callback_next_at LIMIT 1{db.SkipLocked("k")})
            RETURNING {Columns}
            """, ("@now", now), ("@lease", now + CallbackLeaseSeconds)));
    }

    /// <summary>Longer than any delivery takes (the callback client gives up after 15 s).</summary>
    public const double CallbackLeaseSeconds = 60;

    public void RecordCallback(string id, string state, int attempts, double? nextAt, string logLine)
    {
        using var c = db.Open();
        Database.Exec(c, """
            UPDATE tasks SET callback_state = @state, callback_attempts = @attempts, callback_next_at = @next,
                callback_log = COALESCE(callback_log || @nl, '') || @line
            WHERE id = @id
            """, ("@state", state), ("@attempts", attempts), ("@next", nextAt), ("@line", logLine), ("@nl", "\n"), ("@id", id));
    }

    /// <summary>
    /// Callbacks cut off mid-send are sent again: all of them (a restart of the only process), or those whose
    /// sending lease ran out (a sender on a shared database died).
    /// </summary>
    public void RecoverCallbacks(bool all)
    {
        using var c = db.Open();
        Database.Exec(c, $"UPDATE tasks SET callback_state = 'pending', callback_next_at = @now WHERE callback_state = 'sending'{(all ? "" : " AND callback_next_at < @now")}",
            ("@now", db.Time.UnixNow()));
    }

    public double? NextCallbackDue()
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, "SELECT MIN(callback_next_at) FROM tasks WHERE callback_state = 'pending'");
        return cmd.ExecuteScalar() is double d ? d : null;
    }
}
