using Parties.Api.Errors;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>Django REST Framework's error shapes: <c>{"field":["message"]}</c> and <c>{"detail":"…"}</c>.</summary>
public sealed class PartiesErrors : IDialectErrors
{
    public static readonly PartiesErrors Instance = new();
    public const string Name = "parties";

    public string Dialect => Name;
    public IResult MissingCredentials() => Detail(401, "Authentication credentials were not provided.");
    public IResult InvalidCredentials() => Detail(401, "Invalid API key.");
    public IResult InsufficientPermissions() => Detail(403, "You do not have permission to perform this action.");
    public IResult NotFound() => Detail(404, "Not found.");
    public IResult BadRequest(string field, string message) => Fields(new Dictionary<string, string[]> { [field] = [message] });
    public IResult PayloadTooLarge(long limit) => Detail(413, $"Request body is larger than {limit} bytes.");
    public IResult Internal() => Detail(500, "A server error occurred.");
    public IResult Unavailable(int retryAfterSeconds) => Detail(503, "Service temporarily unavailable, try again later.");
    public IResult Failure(int status, string message) => Detail(status, message);
    public IResult TooManyRequests(int retryAfterSeconds) =>
        Detail(429, $"Request was throttled. Expected available in {retryAfterSeconds} seconds.");
    public IResult IdempotencyKeyReused() => Detail(422, IDialectErrors.KeyReusedMessage);
    public IResult PreconditionFailed(int version) =>
        Detail(412, $"Precondition failed: the party is at version {version}.");

    /// <summary>410 for a party merged into another: where it went, as <c>merged_into</c>.</summary>
    public static IResult Gone(Guid survivor) => Results.Json(
        new Dictionary<string, string> { ["detail"] = $"This party was merged into {survivor}.", ["merged_into"] = survivor.ToString() },
        PartiesJson.Options, statusCode: StatusCodes.Status410Gone);

    public static IResult Fields(IReadOnlyDictionary<string, string[]> errors) =>
        Results.Json(errors, PartiesJson.Options, statusCode: 400);

    public static IResult Detail(int status, string detail) =>
        Results.Json(new Dictionary<string, string> { ["detail"] = detail }, PartiesJson.Options, statusCode: status);
}
