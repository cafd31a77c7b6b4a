using Microsoft.Data.Sqlite;
using OpenProducer.Tests.Support;

namespace OpenProducer.Bench;

/// <summary>
/// Judges the keys of a finished sweep again, from the files it delivered (kept in its data folder), with the key
/// estimate as it is now: a change to the estimator is measured on the very same audio as the figure it replaces.
/// </summary>
public static class SweepKeys
{
    public static void Run(string outDir)
    {
        string data = Path.Combine(outDir, "sweep-data");
        using var db = new SqliteConnection($"Data Source={Path.Combine(data, "producer.db")};Mode=ReadOnly");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT json_extract(details, '$.key'), json_extract(details, '$.genre'), file_key, id FROM songs ORDER BY created_at";
        using var rows = query.ExecuteReader();
        int agreed = 0, total = 0;
        var missed = new Dictionary<string, int>();
        while (rows.Read())
        {
            string key = rows.GetString(0), genre = rows.GetString(1);
            string file = Path.Combine(data, "files", rows.GetString(2), rows.GetString(3) + ".m4a");
            var heard = KeyEstimator.Estimate(Media.DecodeMono(file));
            bool ok = KeyEstimator.SameOrRelative(KeyEstimator.Parse(key), heard);
            total++;
            if (ok) agreed++;
            else
            {
                missed[genre] = missed.GetValueOrDefault(genre) + 1;
                Console.WriteLine($"{genre}: {key}, heard {KeyEstimator.Name(heard)}");
            }
        }
        Console.WriteLine($"keys of the sweep in {data}: agreed on {agreed}/{total} ({100.0 * agreed / Math.Max(1, total):F1} %, relative allowed); " +
            "misses by genre: " + string.Join(", ", missed.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}")));
    }
}
