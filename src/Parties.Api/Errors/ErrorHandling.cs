using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Parties.Api.Admin;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Dialects.Suppliers;
using Parties.Api.Dialects.Vendors;
using Parties.Api.Http;
using Parties.Idempotency;

namespace Parties.Api.Errors;

/// <summary>
/// Unexpected failures, oversized bodies, a database that is not there for now (503 with Retry-After) and the
/// framework's bodiless answers (no route, wrong method), answered in the shape of the request's dialect.
/// </summary>
public static class ErrorHandling
{
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The dialect a request's failures are answered in: the one its route group declares
    /// (<c>WithMetadata(XxxErrors.Instance)</c>), or for a request that matched no endpoint, the one its path
    /// prefix names.
    /// </summary>
    public static IDialectErrors For(HttpContext http) =>
        EndpointOf(http)?.Metadata.GetMetadata<IDialectErrors>() ?? ForUnmatched(http.Request.Path);

    // The exception handler clears the endpoint before it runs (to let a re-executed request route afresh) and
    // keeps the one that threw on its feature.
    private static Endpoint? EndpointOf(HttpContext http) =>
        http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;

    /// <summary>
    /// No route, a wrong method (routing's 405 endpoint carries no group metadata): nothing but the path tells
    /// which API the caller meant. Anything else answers as the Parties dialect, the service's own.
    /// </summary>
    private static readonly (string Prefix, IDialectErrors Errors)[] UnmatchedPrefixes =
    [
        ("/v1.0", VendorsErrors.Instance),
        ("/Suppliers", SuppliersErrors.Instance),
        ("/admin", AdminErrors.Instance),
        ("/api", PartiesErrors.Instance),
    ];

    private static IDialectErrors ForUnmatched(PathString path) =>
        UnmatchedPrefixes.FirstOrDefault(d => path.StartsWithSegments(d.Prefix, StringComparison.OrdinalIgnoreCase)).Errors
        ?? PartiesErrors.Instance;

    public static WebApplicationBuilder AddErrorHandling(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        return builder;
    }

    public static WebApplication UseDialectErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException b => b.StatusCode,
                _ when TransientFailures.IsTransient(e) => StatusCodes.Status503ServiceUnavailable,
                IdempotencyKeyReusedException => StatusCodes.Status422UnprocessableEntity,
                _ => 500,
            },
            ExceptionHandler = async http =>
            {
                var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                var errors = For(http);
                var result = exception switch
                {
                    BadHttpRequestException { StatusCode: 413 } => errors.PayloadTooLarge(MaxBodyBytes),
                    BadHttpRequestException b => errors.BadRequest("body", b.Message),
                    not null when TransientFailures.IsTransient(exception) => Unavailable(http, errors),
                    IdempotencyKeyReusedException => errors.IdempotencyKeyReused(),
                    _ => errors.Internal(),
                };
                await result.ExecuteAsync(http);
            },
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var errors = For(http);
            var status = http.Response.StatusCode;
            var result = status switch
            {
                404 => errors.NotFound(),
                413 => errors.PayloadTooLarge(MaxBodyBytes),
                _ => errors.Failure(status, ReasonPhrases.GetReasonPhrase(status)),
            };
            await result.ExecuteAsync(http);
        });
        app.Use(RefuseNullCharacters);
        return app;
    }

    private static IResult Unavailable(HttpContext http, IDialectErrors errors)
    {
        http.Response.Headers.RetryAfter = TransientFailures.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return errors.Unavailable(TransientFailures.RetryAfterSeconds);
    }

    /// <summary>PostgreSQL text cannot hold U+0000: a query value carrying one would fail only in the database, so
    /// it is refused here, naming the parameter. (The server itself refuses one in the path.)</summary>
    private static async Task RefuseNullCharacters(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var field = request.Query
            .FirstOrDefault(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)).Key;
        if (field is null)
        {
            await next(http);
            return;
        }
        var name = field.Replace("\0", "");
        await For(http).BadRequest(name.Length > 0 ? name : "query", NoNullCharacters.Message).ExecuteAsync(http);
    }
}
