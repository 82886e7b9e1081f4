using System.Net;

namespace Parties.Api.Webhooks;

/// <summary>Turns a webhook URL's host into addresses: DNS in the service, a fixed table in tests.</summary>
public interface IWebhookTargetResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellation);
}

public sealed class DnsTargetResolver : IWebhookTargetResolver
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellation) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellation);
}
