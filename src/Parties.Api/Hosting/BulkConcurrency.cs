using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Dialects.Suppliers;

namespace Parties.Api.Hosting;

/// <summary>
/// A cap on the requests that hold the most memory at once, per replica: atomic bulk writes (<c>/api/parties/bulk/</c>,
/// up to 1000 parties with their commands and Marten's pending operations) and Suppliers batches (up to 100 items).
/// Past the running cap, requests wait in a short queue before their body is read (so a waiting one holds no more
/// than the connection's buffer); past the queue they are refused at once with Retry-After: the Parties dialect 429
/// (<c>{"detail": …}</c>), the Suppliers dialect 503 as Cin7 answers when busy. Named rate-limiter policies with their
/// own rejection answer, beside the per-key limiter's global one, which keeps its own answers.
/// </summary>
public static class BulkConcurrency
{
    public const string BulkPolicy = "bulk-concurrency", BatchPolicy = "batch-concurrency";
    public const int RetryAfterSeconds = 1;

    public static WebApplicationBuilder AddBulkConcurrency(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Parties:Limits");
        var bulk = new CapPolicy(BulkPolicy, limits.GetValue("ConcurrentBulkRequests", 2), limits.GetValue("QueuedBulkRequests", 4),
            () => PartiesErrors.Detail(StatusCodes.Status429TooManyRequests,
                $"Too many bulk requests in progress on this server. Expected available in {RetryAfterSeconds} second."));
        var batch = new CapPolicy(BatchPolicy, limits.GetValue("ConcurrentBatchRequests", 4), limits.GetValue("QueuedBatchRequests", 16),
            () => SuppliersErrors.Error(StatusCodes.Status503ServiceUnavailable,
                $"Too many batches in progress. Retry in {RetryAfterSeconds} second."));
        builder.Services.Configure<RateLimiterOptions>(options =>
        {
            options.AddPolicy(BulkPolicy, bulk);
            options.AddPolicy(BatchPolicy, batch);
        });
        return builder;
    }

    /// <summary>One process-wide concurrency limiter (a single partition: the cap is per replica, not per caller).</summary>
    private sealed class CapPolicy(string name, int permits, int queue, Func<IResult> refusal) : IRateLimiterPolicy<string>
    {
        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => permits <= 0
            ? RateLimitPartition.GetNoLimiter(name)
            : RateLimitPartition.GetConcurrencyLimiter(name, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = permits, QueueLimit = Math.Max(0, queue), QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await refusal().ExecuteAsync(http);
        };
    }
}
