using System.Security.Cryptography;
using System.Text;

namespace OpenProducer.Server.Storage;

/// <summary>An authenticated caller: the token's application.</summary>
public sealed record Caller(string ApplicationId, string TokenId, long? Balance);

public enum TokenCheck { Ok, Unknown, Expired, Disabled }

/// <summary>A token just made: its plaintext (shown once), its id, and its application.</summary>
public sealed record NewToken(string Token, string TokenId, string ApplicationId);

public sealed record ApplicationSummary(string Id, string Name, long? Balance, bool Disabled, double CreatedAt, int Tokens, long Spent, int Tasks,
    string? OwnerId = null, bool AllowGeneralBalance = false);

public sealed record TokenSummary(string Id, string Name, double? ExpiresAt, bool Revoked, double CreatedAt);

/// <summary>Applications and their API tokens. Tokens are stored as SHA-256 hashes; the plaintext is shown once.</summary>
public sealed class TokenStore(Database db)
{
    /// <summary>
    /// A new token: for a new application holding exactly <paramref name="balance"/> credits (null: no limit), or, when
    /// <paramref name="applicationId"/> names one, for that application (its balance is left as it is).
    /// </summary>
    public NewToken Create(string name, long? balance, double? expiresInSeconds = null, string? applicationId = null)
    {
        if (balance is < 0 or > Credits.Max) throw new ArgumentOutOfRangeException(nameof(balance), balance, Credits.Range(0));
        string token = "op_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        string appId = applicationId ?? Guid.NewGuid().ToString();
        double now = db.Time.UnixNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (applicationId is null)
            Database.Exec(c, "INSERT INTO applications (id, name, balance, callback_secret, created_at) VALUES (@id, @name, @balance, @secret, @now)",
                ("@id", appId), ("@name", name), ("@balance", balance), ("@secret", NewSecret()), ("@now", now));
        else if (Database.Exec(c, "UPDATE applications SET name = name WHERE id = @id", ("@id", appId)) == 0)
            throw new ArgumentException($"no application {appId}");
        string tokenId = Guid.NewGuid().ToString();
        Database.Exec(c, "INSERT INTO tokens (id, application_id, name, token_hash, expires_at, created_at) VALUES (@id, @app, @name, @hash, @exp, @now)",
            ("@id", tokenId), ("@app", appId), ("@name", name), ("@hash", Hash(token)),
            ("@exp", expiresInSeconds is double e ? now + e : null), ("@now", now));
        tx.Commit();
        return new NewToken(token, tokenId, appId);
    }

    public async Task<(TokenCheck Check, Caller? Caller)> AuthenticateAsync(string token, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var cmd = Database.Command(c, """
            SELECT t.id, t.application_id, t.expires_at, t.revoked, a.balance, a.disabled
            FROM tokens t JOIN applications a ON a.id = t.application_id WHERE t.token_hash = @hash
            """, ("@hash", Hash(token)));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || r.GetInt64(3) != 0) return (TokenCheck.Unknown, null);
        if (!r.IsDBNull(2) && r.GetDouble(2) <= db.Time.UnixNow()) return (TokenCheck.Expired, null);
        if (r.GetInt64(5) != 0) return (TokenCheck.Disabled, null);
        return (TokenCheck.Ok, new Caller(r.GetString(1), r.GetString(0), r.IsDBNull(4) ? null : r.GetInt64(4)));
    }

    /// <summary>Revokes a token by its id; false when there is no such token.</summary>
    public bool Revoke(string tokenId)
    {
        using var c = db.Open();
        return Database.Exec(c, "UPDATE tokens SET revoked = 1 WHERE id = @id", ("@id", tokenId)) > 0;
    }

    /// <summary>Disables (or enables again) an application: all its tokens answer <c>disabled</c>.</summary>
    public bool SetDisabled(string applicationId, bool disabled)
    {
        using var c = db.Open();
        return Database.Exec(c, "UPDATE applications SET disabled = @d WHERE id = @id", ("@d", disabled ? 1 : 0), ("@id", applicationId)) > 0;
    }

    /// <summary>
    /// Adds credits to a limited application's balance, never past <see cref="Credits.Max"/> (checked in the update
    /// itself, so concurrent top-ups cannot pass it either).
    /// </summary>
    public TopUp TopUp(string applicationId, long credits) => TopUpIn(db, "applications", "balance", applicationId, credits);

    /// <summary>A top-up of a balance column of one row, bounded; shared by applications and owners.</summary>
    internal static TopUp TopUpIn(Database db, string table, string column, string id, long credits)
    {
        if (credits is < 1 or > Credits.Max) throw new ArgumentOutOfRangeException(nameof(credits), credits, Credits.Range(1));
        using var c = db.Open();
        using (var cmd = Database.Command(c, $"UPDATE {table} SET {column} = {column} + @n WHERE id = @id AND {column} IS NOT NULL AND {column} <= @max - @n RETURNING {column}",
                   ("@n", credits), ("@id", id), ("@max", Credits.Max)))
            if (cmd.ExecuteScalar() is long done) return new TopUp(TopUpOutcome.Done, done);
        using var read = Database.Command(c, $"SELECT {column} FROM {table} WHERE id = @id", ("@id", id));
        using var r = read.ExecuteReader();
        if (!r.Read()) return new TopUp(TopUpOutcome.NotFound, null);
        return r.IsDBNull(0) ? new TopUp(TopUpOutcome.Unlimited, null) : new TopUp(TopUpOutcome.OverMaximum, r.GetInt64(0));
    }

    /// <summary>Every application (or the one named) with its balance, tokens and spending (credits charged and not refunded).</summary>
    public List<ApplicationSummary> Applications(string? applicationId = null)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, $"""
            SELECT a.id, a.name, a.balance, a.disabled, a.created_at,
                (SELECT COUNT(*) FROM tokens t WHERE t.application_id = a.id AND t.revoked = 0),
                (SELECT CAST(COALESCE(SUM(charged), 0) AS BIGINT) FROM tasks k WHERE k.application_id = a.id AND k.refunded = 0),
                (SELECT COUNT(*) FROM tasks k WHERE k.application_id = a.id), a.owner_id, a.allow_general_balance
            FROM applications a{(applicationId is null ? "" : " WHERE a.id = @id")} ORDER BY a.created_at
            """, applicationId is null ? [] : [("@id", applicationId)]);
        using var r = cmd.ExecuteReader();
        var list = new List<ApplicationSummary>();
        while (r.Read())
            list.Add(new ApplicationSummary(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetInt64(3) != 0,
                r.GetDouble(4), (int)r.GetInt64(5), r.GetInt64(6), (int)r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetInt64(9) != 0));
        return list;
    }

    /// <summary>An application's tokens (never their plaintext, which is not stored).</summary>
    public List<TokenSummary> Tokens(string applicationId)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, "SELECT id, name, expires_at, revoked, created_at FROM tokens WHERE application_id = @app ORDER BY created_at",
            ("@app", applicationId));
        using var r = cmd.ExecuteReader();
        var list = new List<TokenSummary>();
        while (r.Read())
            list.Add(new TokenSummary(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.GetInt64(3) != 0, r.GetDouble(4)));
        return list;
    }

    /// <summary>The application's name, balance (null: no limit) and callback signing secret, or null.</summary>
    public (string Name, long? Balance, string Secret)? Application(string applicationId)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, "SELECT name, balance, callback_secret FROM applications WHERE id = @id", ("@id", applicationId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? CallbackSecret(applicationId) : r.GetString(2));
    }

    /// <summary>
    /// The secret the application's callbacks are signed with. Applications made before signing existed get one on
    /// first use (the first writer wins, so every reader sees the same secret).
    /// </summary>
    public string CallbackSecret(string applicationId)
    {
        using var c = db.Open();
        using (var read = Database.Command(c, "SELECT callback_secret FROM applications WHERE id = @id", ("@id", applicationId)))
            if (read.ExecuteScalar() is string existing) return existing;
        Database.Exec(c, "UPDATE applications SET callback_secret = @s WHERE id = @id AND callback_secret IS NULL", ("@s", NewSecret()), ("@id", applicationId));
        using var cmd = Database.Command(c, "SELECT callback_secret FROM applications WHERE id = @id", ("@id", applicationId));
        return cmd.ExecuteScalar() as string ?? throw new InvalidOperationException($"no application {applicationId}");
    }

    private static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
