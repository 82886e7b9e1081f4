namespace Parties.Api.Http;

public static class RequestIds
{
    public const string Header = "X-Request-Id";

    /// <summary>Takes X-Request-Id from the request (or makes one), uses it as the trace identifier and returns it.</summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var given = http.Request.Headers[Header].ToString();
        var usable = given.Length is > 0 and <= 128 && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
        http.TraceIdentifier = usable ? given : Guid.CreateVersion7().ToString("N");
        http.Response.Headers[Header] = http.TraceIdentifier;
        await next(http);
    });
}
