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
}
