namespace OpenProducer.Server.Storage;

public sealed record OwnerSummary(string Id, string Name, long GeneralBalance, int Applications, double CreatedAt);

/// <summary>An application's claim on a general balance: whose, how much is in it, and whether the application may draw on it.</summary>
public sealed record GeneralBalance(string? OwnerId, long? Credits, bool Allowed);

/// <summary>
/// Owners and their general balance (seeds 001 and 003: "When 'Allow General Balance' is enabled, the general balance
/// is used automatically if an app's balance is insufficient"). An owner holds a general balance; an application
/// belongs to at most one owner and draws on its general balance only while allowed to. Charges and refunds are
/// taken with the task (<see cref="TaskStore.InsertAsync"/>, <see cref="TaskStore.Finish"/>).
/// </summary>
public sealed class OwnerStore(Database db)
{
    public string Create(string name, long generalBalance)
    {
        if (generalBalance is < 0 or > Credits.Max) throw new ArgumentOutOfRangeException(nameof(generalBalance), generalBalance, Credits.Range(0));
        string id = Guid.NewGuid().ToString();
        using var c = db.Open();
        Database.Exec(c, "INSERT INTO owners (id, name, general_balance, created_at) VALUES (@id, @name, @balance, @now)",
            ("@id", id), ("@name", name), ("@balance", generalBalance), ("@now", db.Time.UnixNow()));
        return id;
    }

    public TopUp TopUp(string ownerId, long credits) => TokenStore.TopUpIn(db, "owners", "general_balance", ownerId, credits);

    public List<OwnerSummary> Owners(string? ownerId = null)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, $"""
            SELECT o.id, o.name, o.general_balance, (SELECT COUNT(*) FROM applications a WHERE a.owner_id = o.id), o.created_at
            FROM owners o{(ownerId is null ? "" : " WHERE o.id = @id")} ORDER BY o.created_at
            """, ownerId is null ? [] : [("@id", ownerId)]);
        using var r = cmd.ExecuteReader();
        var list = new List<OwnerSummary>();
        while (r.Read()) list.Add(new OwnerSummary(r.GetString(0), r.GetString(1), r.GetInt64(2), (int)r.GetInt64(3), r.GetDouble(4)));
        return list;
    }

    /// <summary>
    /// Sets an application's owner (when <paramref name="ownerId"/> is given) and whether it may draw on the owner's
    /// general balance. Null when done; otherwise what is wrong.
    /// </summary>
    public string? SetGeneral(string applicationId, string? ownerId, bool allow)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (ownerId is not null && Owners(ownerId).Count == 0) return $"no owner {ownerId}";
        int changed = Database.Exec(c, $"UPDATE applications SET allow_general_balance = @allow{(ownerId is null ? "" : ", owner_id = @owner")} WHERE id = @app",
            [("@allow", allow ? 1 : 0), ("@app", applicationId), .. ownerId is null ? [] : new (string, object?)[] { ("@owner", ownerId) }]);
        if (changed == 0) return $"no application {applicationId}";
        using (var check = Database.Command(c, "SELECT owner_id FROM applications WHERE id = @app", ("@app", applicationId)))
            if (allow && check.ExecuteScalar() is not string) return $"application {applicationId} has no owner: give it one to draw on a general balance";
        tx.Commit();
        return null;
    }

    public GeneralBalance For(string applicationId)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, """
            SELECT a.owner_id, o.general_balance, a.allow_general_balance FROM applications a LEFT JOIN owners o ON o.id = a.owner_id WHERE a.id = @app
            """, ("@app", applicationId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return new GeneralBalance(null, null, false);
        return new GeneralBalance(r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetInt64(2) != 0);
    }
}
