using System.Net;
using Parties.Api.Webhooks;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

/// <summary>The address rule alone, without a host or a network.</summary>
public class target_addresses
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.100.100.200")]
    [InlineData("192.0.0.192")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    public void loopback_private_link_local_multicast_and_metadata_addresses_are_forbidden(string address) =>
        TargetAddresses.IsForbidden(IPAddress.Parse(address)).ShouldBeTrue();

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData("2606:4700::1111")]
    public void public_addresses_are_allowed(string address) =>
        TargetAddresses.IsForbidden(IPAddress.Parse(address)).ShouldBeFalse();
}
