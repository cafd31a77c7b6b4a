using System.Data.Common;

namespace OpenProducer.Server.Storage;

/// <summary>The columns of a task row and how a row is read back, shared by the queries on tasks.</summary>
internal static class TaskRows
{
    public const string Columns = """
        id, application_id, type, trace_id, state, progress, request, response, error, song_id, attempts,
        callback_url, callback_state, callback_attempts, callback_log, created_at, started_at, finished_at, job, charged, refunded
        """;

    public static TaskRow? ReadOne(DbCommand cmd)
    {
        using (cmd) return ReadMany(cmd).FirstOrDefault();
    }

    public static async Task<TaskRow?> ReadOneAsync(DbCommand cmd, CancellationToken ct)
    {
        await using (cmd)
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            return await r.ReadAsync(ct) ? Row(r) : null;
        }
    }

    public static List<TaskRow> ReadMany(DbCommand cmd)
    {
        var list = new List<TaskRow>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(Row(r));
        return list;
    }

    private static TaskRow Row(DbDataReader r) => new()
    {
        Id = r.GetString(0), ApplicationId = r.GetString(1), Type = r.GetString(2), TraceId = r.GetString(3),
        State = r.GetString(4), Progress = r.GetInt32(5), Request = r.GetString(6),
        Response = r.IsDBNull(7) ? null : r.GetString(7), Error = r.IsDBNull(8) ? null : r.GetString(8),
        SongId = r.GetString(9), Attempts = r.GetInt32(10), CallbackUrl = r.IsDBNull(11) ? null : r.GetString(11),
        CallbackState = r.IsDBNull(12) ? null : r.GetString(12), CallbackAttempts = r.GetInt32(13),
        CallbackLog = r.IsDBNull(14) ? null : r.GetString(14), CreatedAt = r.GetDouble(15),
        StartedAt = r.IsDBNull(16) ? null : r.GetDouble(16), FinishedAt = r.IsDBNull(17) ? null : r.GetDouble(17), Job = r.GetString(18),
        Charged = r.GetInt64(19), Refunded = r.GetInt64(20) != 0,
    };
}
