using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Parties.Api.Auth;
using Parties.Api.Errors;

namespace Parties.Api.Hosting;

/// <summary>
/// A fixed window of calls per API key per minute (ASP.NET Core's rate limiter). The Suppliers dialect has
/// its own, smaller budget (Cin7 Core allows 60 calls a minute) and answers 503 at its limit as Cin7 does;
/// the other dialects answer 429. Both with Retry-After. Health, docs and unauthenticated calls are not limited.
/// </summary>
public static class RateLimits
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Parties:RateLimit:PermitsPerMinute", 600);
        var suppliersPerMinute = builder.Configuration.GetValue("Parties:RateLimit:SuppliersPermitsPerMinute", 60);

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var key = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } result
                    ? Caller.FromClaims(result.Principal!).ApiKeyId.ToString()
                    : null;
                var suppliers = IsSuppliers(http.Request.Path);
                var limit = suppliers ? suppliersPerMinute : perMinute;
                if (key is null || limit <= 0) return RateLimitPartition.GetNoLimiter("unlimited");
                return RateLimitPartition.GetFixedWindowLimiter($"{(suppliers ? "suppliers" : "api")}:{key}", _ =>
                    new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.OnRejected = async (context, cancellation) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ErrorHandling.For(http).TooManyRequests(seconds).ExecuteAsync(http);
            };
        });
        return builder;
    }

    public static bool IsSuppliers(PathString path) => path.StartsWithSegments("/Suppliers", StringComparison.OrdinalIgnoreCase);
}
