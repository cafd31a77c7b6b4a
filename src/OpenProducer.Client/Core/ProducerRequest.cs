using System.Text.Json.Serialization;

namespace OpenProducer.Client.Core;

/// <summary>What every task request may carry: where the server posts the finished task.</summary>
public abstract record ProducerRequest
{
    /// <summary>
    /// Where the server posts the finished task's answer, signed (see <c>CallbackSignature</c>). A request with a
    /// callback is answered at once with its task id.
    /// </summary>
    [JsonPropertyName("callback_url")]
    public Uri? CallbackUrl { get; init; }
}
