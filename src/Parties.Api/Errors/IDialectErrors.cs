namespace Parties.Api.Errors;

/// <summary>How one dialect answers the failures every endpoint shares, in that dialect's own shape.</summary>
public interface IDialectErrors
{
    string Dialect { get; }
    IResult MissingCredentials();
    IResult InvalidCredentials();
    IResult InsufficientPermissions();
    IResult NotFound();
    IResult BadRequest(string field, string message);
    IResult PayloadTooLarge(long limit);
    IResult Internal();

    /// <summary>The answer while the database is unreachable or a statement was cut; the Retry-After header is already set.</summary>
    IResult Unavailable(int retryAfterSeconds);

    /// <summary>An Idempotency-Key that an earlier request (another method, path or body) used within the window.</summary>
    IResult IdempotencyKeyReused() =>
        Results.Json(new { error = KeyReusedMessage }, statusCode: StatusCodes.Status422UnprocessableEntity);

    const string KeyReusedMessage = "This Idempotency-Key was already used for another request (method, path or body).";

    /// <summary>The answer at the rate limit; the Retry-After header is already set.</summary>
    IResult TooManyRequests(int retryAfterSeconds) =>
        Results.Json(new { error = $"Too many requests. Retry in {retryAfterSeconds} seconds." }, statusCode: StatusCodes.Status429TooManyRequests);
}
