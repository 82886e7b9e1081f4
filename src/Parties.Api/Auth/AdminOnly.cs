using Parties.Api.Errors;
using Parties.Reference;

namespace Parties.Api.Auth;

public static class AdminOnly
{
    /// <summary>
    /// Only the organization's admins manage webhooks (a subscription sees every party's changes and decides where they
    /// go) and erase a person's data (it cannot be undone). After <see cref="CallerFilter.RequireCaller{TBuilder}"/>, which puts the caller in place.
    /// </summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder, IDialectErrors errors) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Caller().Role == UserRole.Admin ? await next(context) : errors.InsufficientPermissions());
}
