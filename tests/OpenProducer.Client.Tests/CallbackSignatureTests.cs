using System.Text;
using OpenProducer.Client.Callbacks;
using ServerSignature = OpenProducer.Server.Queue.CallbackSignature;

namespace OpenProducer.Client.Tests;

/// <summary>The SDK's check against the server's own signing code, for bodies a receiver may meet.</summary>
[Trait("Category", "Fast")]
public class CallbackSignatureTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

    private static (string Timestamp, string Signature) Signed(string secret, string body)
    {
        var headers = ServerSignature.Headers(secret, body, At).ToDictionary(h => h.Name, h => h.Value);
        return (headers[CallbackSignature.TimestampHeader], headers[CallbackSignature.SignatureHeader]);
    }

    [Theory]
    [InlineData("{\"success\":true}")]
    [InlineData("{\"text\":\"悲伤的歌 — é\"}")]
    [InlineData("")]
    public void What_the_server_signs_verifies_as_text_and_as_bytes(string body)
    {
        var (timestamp, signature) = Signed("s3cret", body);
        Assert.True(CallbackSignature.Verify("s3cret", body, timestamp, signature, At));
        Assert.True(CallbackSignature.Verify("s3cret", Encoding.UTF8.GetBytes(body), timestamp, signature, At));
    }

    [Fact]
    public void A_wrong_secret_body_timestamp_or_malformed_signature_does_not_verify()
    {
        var (timestamp, signature) = Signed("s3cret", "{}");
        Assert.False(CallbackSignature.Verify("other", "{}", timestamp, signature, At));
        Assert.False(CallbackSignature.Verify("s3cret", "{ }", timestamp, signature, At));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", "1780000001", signature, At));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", timestamp, signature.Replace("sha256=", "sha1="), At));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", timestamp, "sha256=zz", At));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", timestamp, null, At));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", "soon", signature, At));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", "99999999999999999999", signature, At));
    }

    [Fact]
    public void A_signature_is_accepted_only_within_the_tolerance_either_side_of_now()
    {
        var (timestamp, signature) = Signed("s3cret", "{}");
        Assert.True(CallbackSignature.Verify("s3cret", "{}", timestamp, signature, At.AddMinutes(5)));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", timestamp, signature, At.AddMinutes(5).AddSeconds(1)));
        Assert.False(CallbackSignature.Verify("s3cret", "{}", timestamp, signature, At.AddMinutes(-6)));
        Assert.True(CallbackSignature.Verify("s3cret", "{}", timestamp, signature, At.AddHours(1), TimeSpan.FromHours(2)));
    }
}
