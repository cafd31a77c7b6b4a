using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenProducer.Server.Storage;

/// <summary>
/// The database: the single source of truth for applications, tokens, tasks and songs. SQLite on one machine (WAL
/// mode lets the command-line tools write while the server runs on the same file); PostgreSQL when several server
/// processes share the work. The stores write SQL both understand, with <c>@name</c> parameters; the few places
/// where the two differ ask this class (<see cref="SkipLocked"/>, <see cref="ForUpdate"/>).
/// </summary>
public sealed class Database
{
    private readonly string? _sqlite;
    private readonly NpgsqlDataSource? _postgres;

    public bool IsPostgres => _postgres is not null;

    /// <summary>The clock the stores write times with (tests advance a fake one). PostgreSQL leases use the database's own.</summary>
    public TimeProvider Time { get; }

    /// <summary>
    /// In a claim's inner SELECT on PostgreSQL: lock the chosen row and pass over rows other transactions hold, so
    /// two workers never take the same task. SQLite has one writer at a time and needs nothing.
    /// </summary>
    public string SkipLocked(string table) => IsPostgres ? $" FOR UPDATE OF {table} SKIP LOCKED" : "";

    /// <summary>
    /// "Now" in Unix seconds for lease times: the database server's clock on PostgreSQL, so machines whose clocks
    /// differ agree on when a lease runs out; on SQLite (one machine) the <c>@now</c> parameter the caller passes.
    /// </summary>
    public string Now => IsPostgres ? "extract(epoch from clock_timestamp())::double precision" : "@now";

    /// <summary>A read-then-write inside a transaction locks what it read on PostgreSQL (SQLite's writer lock covers it).</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    /// <summary>
    /// Tells other processes on a shared PostgreSQL database that something happened (delivered when the current
    /// transaction commits); nothing on SQLite, where one process does everything.
    /// </summary>
    public void Notify(DbConnection c, string channel, string payload = "")
    {
        if (IsPostgres) Exec(c, "SELECT pg_notify(@channel, @payload)", ("@channel", channel), ("@payload", payload));
    }

    /// <inheritdoc cref="Notify"/>
    public async Task NotifyAsync(DbConnection c, string channel, CancellationToken ct)
    {
        if (IsPostgres) await ExecAsync(c, "SELECT pg_notify(@channel, '')", [("@channel", channel)], ct);
    }

    /// <summary>
    /// Within a claim's transaction on PostgreSQL, waits for other processes' claims to commit first (a
    /// transaction-scoped advisory lock); SQLite's writer lock already does this.
    /// </summary>
    public void SerializeClaims(DbConnection c)
    {
        if (IsPostgres) Exec(c, "SELECT pg_advisory_xact_lock(730502)");
    }

    /// <summary>The PostgreSQL connection source, for a listener of its own; null on SQLite.</summary>
    public NpgsqlDataSource? PostgresSource => _postgres;

    public const string WorkChannel = "producer_work", FinishedChannel = "producer_finished";

    /// <summary>A SQLite database in a file (made with its folder if missing).</summary>
    public Database(string path, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        // The folder and the file hold callback secrets: the server's user's only (SQLite gives its WAL and shared
        // memory files the database file's mode).
        PrivateFiles.Folder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _sqlite = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var c = Open();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) PrivateFiles.FileIfPresent(file);
        Exec(c, "PRAGMA journal_mode=WAL;");
        Exec(c, Schema("INTEGER", "REAL"));
        Migrate(c);
        NameJobKinds(c);
    }

    private Database(NpgsqlDataSource postgres, TimeProvider? time)
    {
        _postgres = postgres;
        Time = time ?? TimeProvider.System;
        using var c = Open();
        // Several processes may start at once: one of them creates the schema while the others wait.
        Exec(c, "SELECT pg_advisory_lock(730501)");
        try
        {
            Exec(c, Schema("BIGINT", "DOUBLE PRECISION"));
            Exec(c, "ALTER TABLE tasks ADD COLUMN IF NOT EXISTS lease_until DOUBLE PRECISION NULL");
            Exec(c, "ALTER TABLE tasks ADD COLUMN IF NOT EXISTS input_state TEXT NULL");
            Exec(c, "ALTER TABLE tasks ADD COLUMN IF NOT EXISTS charged_owner TEXT NULL");
            Exec(c, "ALTER TABLE applications ADD COLUMN IF NOT EXISTS owner_id TEXT NULL");
            Exec(c, "ALTER TABLE applications ADD COLUMN IF NOT EXISTS allow_general_balance BIGINT NOT NULL DEFAULT 0");
            Exec(c, "CREATE INDEX IF NOT EXISTS tasks_by_application ON tasks(application_id, state)");
            Exec(c, "CREATE INDEX IF NOT EXISTS tasks_by_application_time ON tasks(application_id, created_at)");
            NameJobKinds(c);
        }
        finally
        {
            Exec(c, "SELECT pg_advisory_unlock(730501)");
        }
    }

    /// <summary>A PostgreSQL database: a <c>postgres://user:password@host:port/db</c> URL or an Npgsql connection string.</summary>
    public static Database Postgres(string url, TimeProvider? time = null)
    {
        string cs = url;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "postgres" or "postgresql")
        {
            var b = new NpgsqlConnectionStringBuilder
            {
                Host = uri.DnsSafeHost, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port, Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            };
            string[] user = uri.UserInfo.Split(':', 2);
            if (user[0].Length > 0) b.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length > 1) b.Password = Uri.UnescapeDataString(user[1]);
            // Options in the query (sslmode=verify-full, …) are kept; an unknown one is an error, not ignored.
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = pair.Split('=', 2);
                b[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            }
            cs = b.ConnectionString;
        }
        return new Database(NpgsqlDataSource.Create(cs), time);
    }

    /// <summary>The database the options name: PostgreSQL when a URL is given, else the SQLite file in the data folder.</summary>
    public static Database For(Configuration.ServerOptions options, TimeProvider? time = null) =>
        options.DatabaseUrl is { Length: > 0 } url ? Postgres(url, time) : new Database(options.DatabasePath, time);

    /// <summary>Columns added after the first release, added to SQLite databases created before them.</summary>
    private static void Migrate(DbConnection c)
    {
        AddColumn(c, "songs", "engine", "TEXT NULL");
        AddColumn(c, "tasks", "charged", "INTEGER NOT NULL DEFAULT 0");
        AddColumn(c, "tasks", "refunded", "INTEGER NOT NULL DEFAULT 0");
        AddColumn(c, "tasks", "lease_until", "REAL NULL");
        AddColumn(c, "tasks", "input_state", "TEXT NULL");
        AddColumn(c, "tasks", "charged_owner", "TEXT NULL");
        AddColumn(c, "applications", "owner_id", "TEXT NULL");
        AddColumn(c, "applications", "allow_general_balance", "INTEGER NOT NULL DEFAULT 0");
        AddColumn(c, "applications", "callback_secret", "TEXT NULL");
        Exec(c, "CREATE INDEX IF NOT EXISTS tasks_by_application ON tasks(application_id, state)");
        Exec(c, "CREATE INDEX IF NOT EXISTS tasks_by_application_time ON tasks(application_id, created_at)");
    }

    /// <summary>
    /// Jobs stored before they named their kind were the request itself: an unfinished one is put in the envelope
    /// the workers read now (<c>{"kind","job"}</c>), its kind told by its action. Finished tasks keep no job.
    /// </summary>
    private static void NameJobKinds(DbConnection c)
    {
        var bare = new List<(string Id, string Job)>();
        using (var cmd = Command(c, "SELECT id, job FROM tasks WHERE job <> '' AND job NOT LIKE '{\"kind\"%'"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) bare.Add((r.GetString(0), r.GetString(1)));
        foreach (var (id, job) in bare)
        {
            string kind = System.Text.Json.Nodes.JsonNode.Parse(job)?["Action"]?.GetValue<string>() switch
            {
                "lyrics" => "lyrics",
                "stems" or "all_stems" or "wav" or "download" or "video" => "song_files",
                _ => "song",
            };
            Exec(c, "UPDATE tasks SET job = @job WHERE id = @id AND job = @old",
                ("@job", $$"""{"kind":"{{kind}}","job":{{job}}}"""), ("@id", id), ("@old", job));
        }
    }

    private static void AddColumn(DbConnection c, string table, string column, string type)
    {
        var columns = new HashSet<string>();
        using (var cmd = Command(c, $"SELECT name FROM pragma_table_info('{table}')"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) columns.Add(r.GetString(0));
        if (!columns.Contains(column)) Exec(c, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
    }

    public DbConnection Open()
    {
        if (_postgres is not null) return _postgres.OpenConnection();
        var c = new SqliteConnection(_sqlite);
        c.Open();
        Exec(c, "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
        return c;
    }

    /// <summary>
    /// A connection for a request's handler: on PostgreSQL opened without holding a thread while it waits. SQLite
    /// has no asynchronous I/O (its async calls complete synchronously), so there it is <see cref="Open"/>.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        _postgres is not null ? await _postgres.OpenConnectionAsync(ct) : Open();

    public static async Task<int> ExecAsync(DbConnection c, string sql, (string Name, object? Value)[] args, CancellationToken ct)
    {
        await using var cmd = Command(c, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static int Exec(DbConnection c, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, sql, args);
        return cmd.ExecuteNonQuery();
    }

    public static DbCommand Command(DbConnection c, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>The tables, with the integer and real types of the dialect (PostgreSQL's REAL is single precision).</summary>
    private static string Schema(string integer, string real) => $"""
        CREATE TABLE IF NOT EXISTS owners (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            general_balance {integer} NOT NULL DEFAULT 0,
            created_at {real} NOT NULL);
        CREATE TABLE IF NOT EXISTS applications (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            balance {integer} NULL,
            disabled {integer} NOT NULL DEFAULT 0,
            created_at {real} NOT NULL,
            callback_secret TEXT NULL,
            owner_id TEXT NULL,
            allow_general_balance {integer} NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS tokens (
            id TEXT PRIMARY KEY,
            application_id TEXT NOT NULL REFERENCES applications(id),
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            expires_at {real} NULL,
            revoked {integer} NOT NULL DEFAULT 0,
            created_at {real} NOT NULL);
        CREATE TABLE IF NOT EXISTS tasks (
            id TEXT PRIMARY KEY,
            application_id TEXT NOT NULL REFERENCES applications(id),
            type TEXT NOT NULL,
            trace_id TEXT NOT NULL,
            state TEXT NOT NULL,
            progress INTEGER NOT NULL DEFAULT 0,
            request TEXT NOT NULL,
            job TEXT NOT NULL,
            response TEXT NULL,
            error TEXT NULL,
            song_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            callback_url TEXT NULL,
            callback_state TEXT NULL,
            callback_attempts INTEGER NOT NULL DEFAULT 0,
            callback_next_at {real} NULL,
            callback_log TEXT NULL,
            created_at {real} NOT NULL,
            started_at {real} NULL,
            finished_at {real} NULL,
            charged {integer} NOT NULL DEFAULT 0,
            refunded {integer} NOT NULL DEFAULT 0,
            lease_until {real} NULL,
            input_state TEXT NULL,
            charged_owner TEXT NULL);
        CREATE INDEX IF NOT EXISTS tasks_queue ON tasks(state, created_at);
        CREATE INDEX IF NOT EXISTS tasks_callbacks ON tasks(callback_state, callback_next_at);
        CREATE TABLE IF NOT EXISTS songs (
            id TEXT PRIMARY KEY,
            application_id TEXT NOT NULL REFERENCES applications(id),
            task_id TEXT NOT NULL,
            file_key TEXT NOT NULL,
            data TEXT NOT NULL,
            details TEXT NOT NULL,
            created_at {real} NOT NULL,
            engine TEXT NULL);
        """;
}
