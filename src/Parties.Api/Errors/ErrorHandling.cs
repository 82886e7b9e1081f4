using Microsoft.AspNetCore.Diagnostics;
using Parties.Api.Admin;
using Parties.Api.Dialects.PartiesApi;
using Parties.Idempotency;

namespace Parties.Api.Errors;

/// <summary>
/// Unexpected failures, oversized bodies and a database that is not there for now (503 with Retry-After),
/// answered in the shape of the dialect the path belongs to.
/// </summary>
public static class ErrorHandling
{
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly List<(string Prefix, IDialectErrors Errors)> Dialects =
    [
        ("/api/", PartiesErrors.Instance),
        ("/admin/", AdminErrors.Instance),
    ];

    public static void Register(string pathPrefix, IDialectErrors errors) => Dialects.Insert(0, (pathPrefix, errors));

    public static IDialectErrors For(PathString path) =>
        Dialects.FirstOrDefault(d => path.StartsWithSegments(d.Prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)).Errors
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
                var errors = For(http.Request.Path);
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
        return app;
    }

    private static IResult Unavailable(HttpContext http, IDialectErrors errors)
    {
        http.Response.Headers.RetryAfter = TransientFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return errors.Unavailable(TransientFailures.RetryAfterSeconds);
    }
}
