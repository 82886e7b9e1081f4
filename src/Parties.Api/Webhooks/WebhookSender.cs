using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using StandardWebhooks;

namespace Parties.Api.Webhooks;

/// <param name="StatusCode">The receiver's answer; null when there was none.</param>
/// <param name="Error">Why there was no answer; null when there was one.</param>
/// <param name="Refused">The target resolved to a forbidden address: nothing was sent, and nothing will be.</param>
public sealed record SendResult(int? StatusCode, string? Error, bool Refused, TimeSpan Duration)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>
    /// Worth another attempt: no answer, a server error, a timeout or throttling. Any other answer (a 3xx, since
    /// redirects are not followed, or a 4xx) says the request itself is wrong, and sending it again changes nothing.
    /// </summary>
    public bool Retryable => !Refused && (StatusCode is null or >= 500 or 408 or 429);
}

/// <summary>One signed POST to a subscription's URL (Standard Webhooks headers, signed by its library).</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public async Task<SendResult> SendAsync(string url, string secret, Guid eventId, string body, CancellationToken cancellation)
    {
        var id = eventId.ToString();
        var now = clock.GetUtcNow();
        var signature = new StandardWebhook(secret).Sign(id, now, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);

        var clock0 = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            return new((int)response.StatusCode, null, false, Stopwatch.GetElapsedTime(clock0));
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefused refused)
        {
            return new(null, refused.Message, true, Stopwatch.GetElapsedTime(clock0));
        }
        catch (HttpRequestException e)
        {
            return new(null, Describe(e), false, Stopwatch.GetElapsedTime(clock0));
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new(null, "The receiver did not answer within the timeout.", false, Stopwatch.GetElapsedTime(clock0));
        }
    }

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "The receiver's host does not resolve.",
        HttpRequestError.ConnectionError => $"Could not connect to the receiver ({e.InnerException?.Message ?? e.Message}).",
        HttpRequestError.SecureConnectionError => "The TLS handshake with the receiver failed.",
        _ => $"The request failed ({e.HttpRequestError}).",
    };
}
