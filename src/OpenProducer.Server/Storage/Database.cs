using Microsoft.Data.Sqlite;

namespace OpenProducer.Server.Storage;

/// <summary>
/// The SQLite database: the single source of truth for applications, tokens, tasks and songs.
/// WAL mode lets the command-line tools write while the server runs on the same file.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var c = Open();
        Exec(c, "PRAGMA journal_mode=WAL;");
        Exec(c, Schema);
        Migrate(c);
    }

    /// <summary>Columns added after the first release, added to databases created before them.</summary>
    private static void Migrate(SqliteConnection c)
    {
        AddColumn(c, "songs", "engine", "TEXT NULL");
        AddColumn(c, "tasks", "charged", "INTEGER NOT NULL DEFAULT 0");
        AddColumn(c, "tasks", "refunded", "INTEGER NOT NULL DEFAULT 0");
        AddColumn(c, "applications", "callback_secret", "TEXT NULL");
        Exec(c, "CREATE INDEX IF NOT EXISTS tasks_by_application ON tasks(application_id, state)");
    }

    private static void AddColumn(SqliteConnection c, string table, string column, string type)
    {
        var columns = new HashSet<string>();
        using (var cmd = Command(c, $"SELECT name FROM pragma_table_info('{table}')"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) columns.Add(r.GetString(0));
        if (!columns.Contains(column)) Exec(c, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
    }

    public SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Exec(c, "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
        return c;
    }

    public static int Exec(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, sql, args);
        return cmd.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS applications (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            balance INTEGER NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS tokens (
            id TEXT PRIMARY KEY,
            application_id TEXT NOT NULL REFERENCES applications(id),
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            expires_at REAL NULL,
            revoked INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL);
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
            callback_next_at REAL NULL,
            callback_log TEXT NULL,
            created_at REAL NOT NULL,
            started_at REAL NULL,
            finished_at REAL NULL);
        CREATE INDEX IF NOT EXISTS tasks_queue ON tasks(state, created_at);
        CREATE INDEX IF NOT EXISTS tasks_callbacks ON tasks(callback_state, callback_next_at);
        CREATE TABLE IF NOT EXISTS songs (
            id TEXT PRIMARY KEY,
            application_id TEXT NOT NULL REFERENCES applications(id),
            task_id TEXT NOT NULL,
            file_key TEXT NOT NULL,
            data TEXT NOT NULL,
            details TEXT NOT NULL,
            created_at REAL NOT NULL);
        """;
}
