using Parties.Api.Errors;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>One failure as Cin7 Core answers it.</summary>
public sealed record SupplierError(int ErrorCode, string Exception);

/// <summary>
/// Cin7 Core's request-level error shape, <c>[{"ErrorCode":403,"Exception":"Incorrect credentials!"}]</c>.
/// A failed authentication is 403, as the original answers. Per-supplier problems of a batch are not errors
/// of the request: they are each item's <c>Errors</c>.
/// </summary>
public sealed class SuppliersErrors : IDialectErrors
{
    public static readonly SuppliersErrors Instance = new();
    public const string Name = "suppliers";
    public const string SupplierNotFound = "Supplier with specified id does not exist";

    public string Dialect => Name;
    public const string IncorrectCredentials = "Incorrect credentials!";

    // Missing and wrong credentials read alike, as in the original.
    public IResult MissingCredentials() => Error(403, IncorrectCredentials);
    public IResult InvalidCredentials() => Error(403, IncorrectCredentials);
    public IResult InsufficientPermissions() => Error(403, "The application key is not allowed to perform this action.");
    public IResult NotFound() => Error(404, SupplierNotFound);
    public IResult BadRequest(string field, string message) => Error(400, $"{field}: {message}");
    public IResult PayloadTooLarge(long limit) => Error(413, $"Request body is larger than {limit} bytes.");
    public IResult IdempotencyKeyReused() => Error(422, IDialectErrors.KeyReusedMessage);
    public IResult Internal() => Error(500, "An unexpected error occurred.");
    public IResult Unavailable(int retryAfterSeconds) =>
        Error(503, $"Service temporarily unavailable. Retry in {retryAfterSeconds} seconds.");
    public IResult Failure(int status, string message) => Error(status, message);

    /// <summary>Cin7 Core answers 503 when its 60-calls-a-minute limit is reached.</summary>
    public IResult TooManyRequests(int retryAfterSeconds) =>
        Error(503, $"API limit reached: 60 calls per minute. Retry in {retryAfterSeconds} seconds.");

    public static string MergedText(Guid survivor) => $"Supplier was merged into {survivor}";

    public static IResult Merged(Guid survivor) => Error(StatusCodes.Status410Gone, MergedText(survivor));

    public static IResult Error(int status, string message) =>
        Results.Json(new[] { new SupplierError(status, message) }, SuppliersJson.Options, statusCode: status);
}
