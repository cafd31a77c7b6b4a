using System.Security.Cryptography;
using System.Text;

namespace OpenProducer.Server.Storage;

/// <summary>An authenticated caller: the token's application.</summary>
public sealed record Caller(string ApplicationId, string TokenId, long? Balance);

public enum TokenCheck { Ok, Unknown, Expired, Disabled }

/// <summary>Applications and their API tokens. Tokens are stored as SHA-256 hashes; the plaintext is shown once.</summary>
public sealed class TokenStore(Database db)
{
    public (string Token, string ApplicationId) Create(string name, long? balance, double? expiresInSeconds = null)
    {
        string token = "op_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        string appId = Guid.NewGuid().ToString();
        double now = Clock.Now();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Database.Exec(c, "INSERT INTO applications (id, name, balance, created_at) VALUES ($id, $name, $balance, $now)",
            ("$id", appId), ("$name", name), ("$balance", balance), ("$now", now));
        Database.Exec(c, "INSERT INTO tokens (id, application_id, name, token_hash, expires_at, created_at) VALUES ($id, $app, $name, $hash, $exp, $now)",
            ("$id", Guid.NewGuid().ToString()), ("$app", appId), ("$name", name), ("$hash", Hash(token)),
            ("$exp", expiresInSeconds is double e ? now + e : null), ("$now", now));
        tx.Commit();
        return (token, appId);
    }

    public (TokenCheck Check, Caller? Caller) Authenticate(string token)
    {
        using var c = db.Open();
        using var cmd = Database.Command(c, """
            SELECT t.id, t.application_id, t.expires_at, t.revoked, a.balance, a.disabled
            FROM tokens t JOIN applications a ON a.id = t.application_id WHERE t.token_hash = $hash
            """, ("$hash", Hash(token)));
        using var r = cmd.ExecuteReader();
        if (!r.Read() || r.GetInt64(3) != 0) return (TokenCheck.Unknown, null);
        if (!r.IsDBNull(2) && r.GetDouble(2) <= Clock.Now()) return (TokenCheck.Expired, null);
        if (r.GetInt64(5) != 0) return (TokenCheck.Disabled, null);
        return (TokenCheck.Ok, new Caller(r.GetString(1), r.GetString(0), r.IsDBNull(4) ? null : r.GetInt64(4)));
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
