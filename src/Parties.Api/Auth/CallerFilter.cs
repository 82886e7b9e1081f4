using Microsoft.AspNetCore.Authentication;
using Parties.Api.Errors;

namespace Parties.Api.Auth;

/// <summary>
/// Requires an authenticated caller with a permission on every endpoint of a group, and answers in the
/// group's dialect when there is none. Endpoints then take the <see cref="Caller"/> from <c>HttpContext.Items</c>.
/// </summary>
public static class CallerFilter
{
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder, IDialectErrors errors, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // The authentication middleware keeps only a successful result; a failed one is asked for again
            // (the handler caches it per request) so a bad key is told apart from none.
            var result = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult ?? await http.AuthenticateAsync();
            if (result is null || result.None) return errors.MissingCredentials();
            if (!result.Succeeded) return errors.InvalidCredentials();
            var caller = Auth.Caller.FromClaims(result.Principal!);
            if (!caller.Can(permission)) return errors.InsufficientPermissions();
            http.Items[typeof(Auth.Caller)] = caller;
            return await next(context);
        });

    public static Caller Caller(this HttpContext http) =>
        http.Items[typeof(Auth.Caller)] as Auth.Caller ?? throw new InvalidOperationException("The endpoint has no RequireCaller filter.");
}
