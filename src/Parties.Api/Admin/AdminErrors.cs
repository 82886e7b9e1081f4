using Parties.Api.Errors;

namespace Parties.Api.Admin;

/// <summary>The admin API answers in RFC 9457 problem details, ASP.NET Core's own shape.</summary>
public sealed class AdminErrors : IDialectErrors
{
    public static readonly AdminErrors Instance = new();

    public string Dialect => "admin";
    public IResult MissingCredentials() => Results.Problem(statusCode: 401, title: "Missing credentials");
    public IResult InvalidCredentials() => Results.Problem(statusCode: 401, title: "Invalid API key");
    public IResult InsufficientPermissions() => Results.Problem(statusCode: 403, title: "Insufficient permissions");
    public IResult NotFound() => Results.Problem(statusCode: 404, title: "Not found");
    public IResult BadRequest(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
    public IResult PayloadTooLarge(long limit) => Results.Problem(statusCode: 413, title: $"Request body is larger than {limit} bytes");
    public IResult Internal() => Results.Problem(statusCode: 500, title: "Internal error");
    public IResult Unavailable(int retryAfterSeconds) => Results.Problem(statusCode: 503, title: "Service temporarily unavailable");
    public static IResult Conflict(string message) => Results.Problem(statusCode: 409, title: message);
}
