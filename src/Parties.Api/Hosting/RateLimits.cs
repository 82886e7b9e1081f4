using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Parties.Api.Auth;
using Parties.Api.Errors;

namespace Parties.Api.Hosting;

/// <summary>
/// A fixed window of calls per API key per minute (ASP.NET Core's rate limiter), as a policy each route group
/// names. The Suppliers dialect has its own, smaller budget and answers 503 at its limit as Cin7 Core does; the
/// other dialects answer 429. Both with Retry-After. Health, docs and unauthenticated calls are not limited.
/// </summary>
public static class RateLimits
{
    /// <summary>The budget of every API but the Suppliers dialect.</summary>
    public const string PerKey = "per-key";

    /// <summary>The Suppliers dialect's budget, counted apart from <see cref="PerKey"/>.</summary>
    public const string Suppliers = "suppliers";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        builder.Services.AddRateLimiter(limiter => limiter.OnRejected = RejectAsync);
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.AddPolicy(PerKey, http => PerApiKey(http, limits.Value.PermitsPerMinute));
            limiter.AddPolicy(Suppliers, http => PerApiKey(http, limits.Value.SuppliersPermitsPerMinute));
        });
        return builder;
    }

    private static RateLimitPartition<string> PerApiKey(HttpContext http, int permitsPerMinute)
    {
        var key = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } result
            ? Caller.FromClaims(result.Principal!).ApiKeyId.ToString()
            : null;
        if (key is null || permitsPerMinute <= 0) return RateLimitPartition.GetNoLimiter("unlimited");
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (BulkConcurrency.Refusal(http, context.Lease) is { } full)
        {
            await full.ExecuteAsync(http);
            return;
        }
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ErrorHandling.For(http).TooManyRequests(seconds).ExecuteAsync(http);
    }
}
