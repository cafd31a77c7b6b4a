namespace OpenProducer.Client.Core;

/// <summary>
/// The <c>error.code</c> of a Producer error body. An extensible set: the known codes are static properties, and a
/// code this version does not know is kept as it was sent.
/// </summary>
public readonly struct ProducerErrorCode : IEquatable<ProducerErrorCode>
{
    private readonly string? _value;

    /// <summary>A code as the server spells it.</summary>
    public ProducerErrorCode(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The request carried no token (400).</summary>
    public static ProducerErrorCode NoToken { get; } = new("no_token");

    /// <summary>The token is unknown or revoked (401).</summary>
    public static ProducerErrorCode InvalidToken { get; } = new("invalid_token");

    /// <summary>The token has expired (401).</summary>
    public static ProducerErrorCode TokenExpired { get; } = new("token_expired");

    /// <summary>The token's application is disabled (400).</summary>
    public static ProducerErrorCode Disabled { get; } = new("disabled");

    /// <summary>No such endpoint (404).</summary>
    public static ProducerErrorCode NoApi { get; } = new("no_api");

    /// <summary>The endpoint exists in the API but this server does not implement it (400).</summary>
    public static ProducerErrorCode ApiNotImplemented { get; } = new("api_not_implemented");

    /// <summary>The request is invalid; the message names the field (400).</summary>
    public static ProducerErrorCode BadRequest { get; } = new("bad_request");

    /// <summary>The application's balance does not cover the request (403).</summary>
    public static ProducerErrorCode UsedUp { get; } = new("used_up");

    /// <summary>Too many requests; <see cref="ProducerException.RetryAfter"/> says when to try again (429).</summary>
    public static ProducerErrorCode TooManyRequests { get; } = new("too_many_requests");

    /// <summary>The server failed (500); a failed task's charge is refunded.</summary>
    public static ProducerErrorCode ApiError { get; } = new("api_error");

    /// <summary>No such song, or not one of the caller's (404, the server's extensions).</summary>
    public static ProducerErrorCode NotFound { get; } = new("not_found");

    /// <summary>The answer had no Producer error body (a proxy's page, an empty answer).</summary>
    public static ProducerErrorCode Unknown { get; } = new("unknown");

    /// <summary>The code as the server spells it.</summary>
    public override string ToString() => _value ?? "";

    /// <summary>Whether both are the same code (compared as spelled).</summary>
    public bool Equals(ProducerErrorCode other) => string.Equals(_value ?? "", other._value ?? "", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ProducerErrorCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value ?? "");

    /// <summary>Whether both are the same code.</summary>
    public static bool operator ==(ProducerErrorCode left, ProducerErrorCode right) => left.Equals(right);

    /// <summary>Whether the codes differ.</summary>
    public static bool operator !=(ProducerErrorCode left, ProducerErrorCode right) => !left.Equals(right);

    /// <summary>A code from its spelling.</summary>
    public static implicit operator ProducerErrorCode(string value) => new(value);
}
