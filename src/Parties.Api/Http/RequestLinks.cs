using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Parties.Api.Http;

/// <summary>Links to other pages of the same request: its absolute URL with one query parameter changed.</summary>
public static class RequestLinks
{
    /// <summary>The request's URL with <paramref name="name"/> set to <paramref name="value"/> (where it stands, or
    /// last when absent), or removed when the value is null; every other parameter kept as sent.</summary>
    public static string WithQuery(this HttpRequest request, string name, string? value)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        if (value is null) query.Remove(name);
        else query[name] = value;
        var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, builder.ToQueryString());
    }
}
