using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Dialects.Suppliers;

namespace Parties.Api.Hosting;

/// <summary>The endpoint metadata that puts a route under one of the per-replica caps of <see cref="BulkConcurrency"/>.</summary>
public sealed record ConcurrencyCap(string Name);

/// <summary>
/// A cap on the requests that hold the most memory at once, per replica: atomic bulk writes (<c>/api/parties/bulk/</c>,
/// up to 1000 parties with their commands and Marten's pending operations) and Suppliers batches (up to 100 items).
/// Past the running cap, requests wait in a short queue before their body is read (so a waiting one holds no more
/// than the connection's buffer); past the queue they are refused at once with Retry-After: the Parties dialect 429
/// (<c>{"detail": …}</c>), the Suppliers dialect 503 as Cin7 answers when busy.
/// It is the rate limiter's global limiter, which runs beside each route group's per-key policy (an endpoint policy
/// would replace that one).
/// </summary>
public static class BulkConcurrency
{
    public static readonly ConcurrencyCap Bulk = new("bulk"), Batch = new("batch");
    public const int RetryAfterSeconds = 1;

    /// <summary>Puts the endpoint under a cap.</summary>
    public static TBuilder CappedAs<TBuilder>(this TBuilder builder, ConcurrencyCap cap) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(cap);

    public static WebApplicationBuilder AddBulkConcurrency(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Parties:Limits");
        var caps = new Dictionary<ConcurrencyCap, (int Permits, int Queue)>
        {
            [Bulk] = (limits.GetValue("ConcurrentBulkRequests", 2), limits.GetValue("QueuedBulkRequests", 4)),
            [Batch] = (limits.GetValue("ConcurrentBatchRequests", 4), limits.GetValue("QueuedBatchRequests", 16)),
        };
        builder.Services.Configure<RateLimiterOptions>(options =>
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var cap = http.GetEndpoint()?.Metadata.GetMetadata<ConcurrencyCap>();
                if (cap is null || caps[cap].Permits <= 0) return RateLimitPartition.GetNoLimiter("uncapped");
                var (permits, queue) = caps[cap];
                // One partition per cap: the cap is per replica, not per caller.
                return RateLimitPartition.GetConcurrencyLimiter(cap.Name, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = permits, QueueLimit = Math.Max(0, queue), QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            }));
        return builder;
    }

    /// <summary>The refusal when a cap is full, or null when the rejection was the per-key budget's.</summary>
    public static IResult? Refusal(HttpContext http, RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out _)) return null;
        var cap = http.GetEndpoint()?.Metadata.GetMetadata<ConcurrencyCap>();
        if (cap is null) return null;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return cap == Batch
            ? SuppliersErrors.Error(StatusCodes.Status503ServiceUnavailable, $"Too many batches in progress. Retry in {RetryAfterSeconds} second.")
            : PartiesErrors.Detail(StatusCodes.Status429TooManyRequests,
                $"Too many bulk requests in progress on this server. Expected available in {RetryAfterSeconds} second.");
    }
}
