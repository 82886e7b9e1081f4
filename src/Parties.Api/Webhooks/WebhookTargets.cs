using System.Net;
using System.Net.Sockets;

namespace Parties.Api.Webhooks;

/// <summary>A target that must not be reached: its host resolves to a forbidden address, or not at all.</summary>
public sealed class WebhookTargetRefused(string message) : Exception(message);

/// <summary>
/// The server-side request forgery guard, used when a subscription is saved and again for every connection a
/// delivery opens (DNS can change in between). The connection goes to the very address that was checked, so a
/// name that resolves differently a moment later (DNS rebinding) cannot slip past.
/// </summary>
public sealed class WebhookTargets(IWebhookTargetResolver resolver, WebhookOptions options)
{
    /// <returns>Null when the URL may be used; else why not, for a 400 naming <c>url</c>.</returns>
    public async Task<string?> RefusalAsync(string? url, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return "Enter a valid URL.";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return "Only http and https URLs are allowed.";
        if (uri.UserInfo.Length > 0) return "A URL with credentials is not allowed.";
        try
        {
            await AllowedAddressesAsync(uri.IdnHost, cancellation);
            return null;
        }
        catch (WebhookTargetRefused refused)
        {
            return refused.Message;
        }
    }

    /// <summary>The host's addresses that may be reached; throws <see cref="WebhookTargetRefused"/> when there are none.</summary>
    public async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken cancellation)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host.Trim('[', ']'), cancellation);
        }
        catch (SocketException)
        {
            throw new WebhookTargetRefused("The URL's host does not resolve.");
        }
        addresses = [.. addresses.Where(a => TargetAddresses.IsIp(a.AddressFamily))];
        if (addresses.Length == 0) throw new WebhookTargetRefused("The URL's host does not resolve.");
        // One forbidden address refuses the host: a name that also points inside could be steered there.
        if (!options.AllowPrivateTargets && addresses.Any(TargetAddresses.IsForbidden))
            throw new WebhookTargetRefused("The URL's host resolves to a loopback, private, link-local, multicast or metadata address.");
        return addresses;
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: connect only to an address just checked.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var addresses = await AllowedAddressesAsync(context.DnsEndPoint.Host, cancellation);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
