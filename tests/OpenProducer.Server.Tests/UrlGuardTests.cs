using System.Net;
using OpenProducer.Server.Outbound;

namespace OpenProducer.Server.Tests;

/// <summary>The URL guard's idea of a public address, range by range (IANA's special-purpose registries).</summary>
[Trait("Category", "Fast")]
public class UrlGuardTests
{
    [Theory]
    [InlineData("192.88.99.1")]       // the deprecated 6to4 relay anycast
    [InlineData("192.88.99.254")]
    [InlineData("100::1")]            // discard-only
    [InlineData("100::ffff:ffff:ffff:ffff")]
    [InlineData("2001:2::1")]         // benchmarking
    [InlineData("2001:20::1")]        // ORCHIDv2
    [InlineData("2001:0:c000:0201::1")] // Teredo
    [InlineData("3fff::1")]           // documentation
    [InlineData("5f00::1")]           // segment routing
    [InlineData("fec0::1")]           // site-local
    [InlineData("2002:c058:6301::1")] // 6to4 of 192.88.99.1
    [InlineData("2002:0a00:0001::1")] // 6to4 of 10.0.0.1
    [InlineData("64:ff9b::c058:6301")] // NAT64 of 192.88.99.1
    [InlineData("::ffff:0:7f00:1")]   // SIIT of 127.0.0.1
    [InlineData("::7f00:1")]          // IPv4-compatible 127.0.0.1
    [InlineData("255.255.255.255")]
    [InlineData("198.19.1.1")]
    public void Special_purpose_addresses_are_not_public(string address) => Assert.False(UrlGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("192.88.98.1")]
    [InlineData("192.88.100.1")]
    [InlineData("2606:2800:220:1::1")]
    [InlineData("101::1")]
    [InlineData("2001:200::1")]
    [InlineData("2002:5db8:d822::1")] // 6to4 of 93.184.216.34
    [InlineData("64:ff9b::5db8:d822")]
    public void Ordinary_internet_addresses_are_public(string address) => Assert.True(UrlGuard.IsPublic(IPAddress.Parse(address)));
}
