using Parties.Api.Errors;

namespace Parties.Api.Dialects.Vendors;

/// <summary>The Vendors dialect's failures: <c>{"ok":false,"error":{"code","message"}}</c>.</summary>
public sealed class VendorsErrors : IDialectErrors
{
    public static readonly VendorsErrors Instance = new();
    public const string Name = "vendors";

    public string Dialect => Name;
    public IResult MissingCredentials() => Error(401, "MISSING_CREDENTIALS", "Missing Credentials");
    public IResult InvalidCredentials() => Error(401, "INVALID_API_KEY", "Invalid API Key");
    public IResult InsufficientPermissions() => Error(403, "INSUFFICIENT_PERMISSIONS", "Permission check failed - PERMISSION_CHECK_FAILED");
    public IResult NotFound() => Error(404, "VENDOR_NOT_FOUND", "Vendor not found");
    public IResult BadRequest(string field, string message) => Error(400, "VALIDATION_ERROR", $"Validation failed: {field}: {message}");
    public IResult PayloadTooLarge(long limit) => Error(413, "PAYLOAD_TOO_LARGE", $"Request body is larger than {limit} bytes");
    public IResult Internal() => Error(500, "INTERNAL_ERROR", "Internal error");
    public IResult Unavailable(int retryAfterSeconds) =>
        Error(503, "SERVICE_UNAVAILABLE", $"Service temporarily unavailable. Retry in {retryAfterSeconds} seconds.");
    public IResult Failure(int status, string message) =>
        Error(status, message.ToUpperInvariant().Replace(' ', '_'), message);
    public IResult TooManyRequests(int retryAfterSeconds) =>
        Error(429, "RATE_LIMITED", $"Too many requests. Retry in {retryAfterSeconds} seconds.");
    public IResult IdempotencyKeyReused() => Error(422, "IDEMPOTENCY_KEY_REUSED", IDialectErrors.KeyReusedMessage);
    public IResult AccessDenied() => Error(403, "ACCESS_DENIED", "Access denied: You can only view vendors you own");
    public IResult Invalid(WireError error) => BadRequest(error.Pointer, error.Message);

    /// <summary>A vendor id in the path that is not one of ours.</summary>
    public IResult InvalidId() => BadRequest("/vendorId", "must be a valid vendor id");

    /// <summary>The answer for a vendor the caller may not see or change, or null when it may.</summary>
    public IResult? Refusal(VendorAccessResult access) => access switch
    {
        VendorAccessResult.NotFound => NotFound(),
        VendorAccessResult.Denied => AccessDenied(),
        _ => null,
    };

    public static IResult Merged(VendorRef survivor) => Results.Json(
        new VendorsMergedFailure(false, new VendorsErrorBody("VENDOR_MERGED", $"Vendor was merged into {survivor.Id}"), survivor),
        VendorsJson.Options, statusCode: StatusCodes.Status410Gone);

    public static IResult Error(int status, string code, string message) => Error(status, new VendorsErrorBody(code, message));

    public static IResult Error(int status, VendorsErrorBody error) =>
        Results.Json(new VendorsFailure(false, error), VendorsJson.Options, statusCode: status);
}
