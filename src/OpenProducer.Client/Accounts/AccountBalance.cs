using System.Text.Json.Serialization;

namespace OpenProducer.Client.Accounts;

/// <summary>The caller's application's credits (<c>GET /v1/balance</c>).</summary>
public sealed record AccountBalance
{
    /// <summary>The application's credits; null when it has no limit.</summary>
    [JsonPropertyName("balance")]
    public long? Balance { get; init; }

    /// <summary>The owner's general balance, when the application has an owner.</summary>
    [JsonPropertyName("general_balance")]
    public long? GeneralBalance { get; init; }

    /// <summary>Whether the application may draw on the general balance when its own runs out.</summary>
    [JsonPropertyName("allow_general_balance")]
    public bool AllowGeneralBalance { get; init; }
}
