using System.Text.Json.Serialization;

namespace OpenProducer.Client.Accounts;

/// <summary>The caller's application (<c>GET /v1/application</c>), with the secret its callbacks are signed with.</summary>
public sealed record ApplicationInfo
{
    /// <summary>The application's id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The application's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The application's credits; null when it has no limit.</summary>
    [JsonPropertyName("balance")]
    public long? Balance { get; init; }

    /// <summary>The owner whose general balance it may draw on, or null.</summary>
    [JsonPropertyName("owner_id")]
    public string? OwnerId { get; init; }

    /// <summary>The owner's general balance, when the application has an owner.</summary>
    [JsonPropertyName("general_balance")]
    public long? GeneralBalance { get; init; }

    /// <summary>Whether the application may draw on the general balance.</summary>
    [JsonPropertyName("allow_general_balance")]
    public bool AllowGeneralBalance { get; init; }

    /// <summary>The key of the HMAC that signs this application's callbacks (see <c>CallbackSignature.Verify</c>).</summary>
    [JsonPropertyName("callback_secret")]
    public string CallbackSecret { get; init; } = "";
}
