using System.Globalization;
using Marten;
using Marten.Linq;
using Parties.Api.Auth;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary><c>GET /api/parties/</c>: filters and ordering from the query string, one page of parties.</summary>
public static class ListParties
{
    public static readonly string[] Orderings = ["number", "-number", "modified", "-modified"];

    public static async Task<IResult> Handle(HttpContext http, IDocumentStore store)
    {
        var (page, pageError) = Pagination.Read(http.Request);
        if (pageError is not null) return pageError;
        var (filter, filterError) = ReadFilter(http.Request.Query);
        if (filterError is not null) return filterError;

        var organization = http.Caller().OrganizationId;
        // A search is planned with its pattern and organization each time (see UnpreparedQuerySession).
        await using var session = filter!.Search is null
            ? store.QuerySession(organization)
            : await UnpreparedQuerySession.OpenAsync(store, organization, http.RequestAborted);
        // Stats makes the total count ride along with the page (count(*) over()), one statement.
        var query = Order(Filter(session.Query<Party>().Stats(out var stats), filter!), filter!.Ordering).Skip(page!.Skip).Take(page.Size);
        var parties = filter.Search is null
            ? await query.ToListAsync(http.RequestAborted)
            : await MatchingIdsFirstAsync(session, query, http.RequestAborted);
        var results = parties.Select(p => PartyOutput.From(PartySnapshot.Of(p))).ToList();
        return Pagination.Respond(http.Request, page, stats.TotalResults, results);
    }

    /// <summary>
    /// A search matches thousands of parties at 1,000,000: the page's ids are counted and ordered first, then only the
    /// page's documents are read, so the count, the sort and the reader carry ids and numbers (a column), not documents.
    /// </summary>
    private static async Task<IReadOnlyList<Party>> MatchingIdsFirstAsync(IQuerySession session, IQueryable<Party> page,
        CancellationToken cancellation)
    {
        var ids = await page.Select(p => p.Id).ToListAsync(cancellation);
        var loaded = (await session.LoadManyAsync<Party>(cancellation, ids)).ToDictionary(p => p.Id);
        return [.. ids.Where(loaded.ContainsKey).Select(id => loaded[id])];
    }

    private sealed record ListFilter(
        string? Role, PartyType? PartyType, string? SubType, string? Number, string? Search, DateTimeOffset? ModifiedSince,
        bool? Active, string Ordering);

    private static (ListFilter?, IResult?) ReadFilter(IQueryCollection query)
    {
        static string? Text(IQueryCollection query, string name) =>
            query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
        static IResult Invalid(string field, string message) => PartiesErrors.Instance.BadRequest(field, message);

        PartyType? partyType = null;
        if (Text(query, "party_type") is { } typeText)
        {
            partyType = typeText switch { "individual" => PartyType.Individual, "organization" => PartyType.Organization, _ => null };
            if (partyType is null)
                return (null, Invalid("party_type", $"Select a valid choice. {typeText} is not one of the available choices."));
        }

        DateTimeOffset? since = null;
        if (Text(query, "modified_since") is { } sinceText)
        {
            // An unencoded "+" of an offset arrives as a space.
            if (!DateTimeOffset.TryParse(sinceText.Replace(' ', '+'), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                return (null, Invalid("modified_since", "Enter a valid date/time."));
            since = parsed;
        }

        var ordering = Text(query, "ordering") ?? "number";
        if (!Orderings.Contains(ordering))
            return (null, Invalid("ordering", $"Select a valid choice. {ordering} is not one of the available choices: {string.Join(", ", Orderings)}."));

        var (isActive, activeError) = Flag(query, "is_active");
        var (includeInactive, includeError) = Flag(query, "include_inactive");
        if ((activeError ?? includeError) is { } flagError) return (null, flagError);
        bool? active = isActive ?? (includeInactive == true ? null : true);

        return (new ListFilter(Text(query, "role"), partyType, Text(query, "sub_type"), Text(query, "number"), Text(query, "search"),
            since, active, ordering), null);
    }

    private static (bool?, IResult?) Flag(IQueryCollection query, string name) =>
        query[name].ToString().Trim().ToLowerInvariant() switch
        {
            "" => (null, null),
            "true" or "1" => (true, null),
            "false" or "0" => (false, null),
            _ => (null, PartiesErrors.Instance.BadRequest(name, "Must be a valid boolean.")),
        };

    private static IQueryable<Party> Filter(IQueryable<Party> parties, ListFilter filter)
    {
        parties = parties.NotMerged();
        if (filter.Active is { } active) parties = parties.WhereInlined(p => p.Data.Active == active);
        if (filter.PartyType is { } type) parties = parties.WhereInlined(p => p.Data.PartyType == type);
        if (filter.SubType is { } subType) parties = parties.WhereInlined(p => p.Data.SubType == subType);
        if (filter.Number is { } number) parties = parties.WhereInlined(p => p.Number == number);
        if (filter.ModifiedSince is { } since) parties = parties.WhereInlined(p => p.ModifiedAt >= since);
        if (filter.Role is { } role)
        {
            // "customer_and_vendor" asks for parties with both, "none" for those with no built-in role; any other
            // value is one role's codename, custom included.
            if (role == RoleText.None)
                foreach (var r in Roles.BuiltIn) parties = parties.WhereInlined(p => !p.Data.Roles.Contains(r));
            else if (RoleText.TryParse(role, out var builtIn))
                foreach (var r in builtIn) parties = parties.WhereInlined(p => p.Data.Roles.Contains(r));
            else parties = parties.WhereInlined(p => p.Data.Roles.Contains(role));
        }
        if (filter.Search is { } search)
        {
            var key = search.ToLowerInvariant();
            // The trigram index finds the candidates; the OR keeps to the fields (see PartySearchIndex).
            parties = parties.TextContains(search, ignoreCase: true).WhereInlined(p =>
                p.NameKey!.Contains(key) ||
                p.Number.Contains(search, StringComparison.OrdinalIgnoreCase) ||
                p.Data.Mobile!.Contains(search, StringComparison.OrdinalIgnoreCase) ||
                p.Data.MobileE164!.Contains(search, StringComparison.OrdinalIgnoreCase) ||
                p.Data.NationalCode!.Contains(search, StringComparison.OrdinalIgnoreCase));
        }
        return parties;
    }

    // The id breaks ties, so a page boundary never splits or repeats parties that sort equal.
    private static IQueryable<Party> Order(IQueryable<Party> parties, string ordering) => ordering switch
    {
        "-number" => parties.OrderByDescending(p => p.Number).ThenByDescending(p => p.Id),
        "modified" => parties.OrderBy(p => p.ModifiedAt).ThenBy(p => p.Id),
        "-modified" => parties.OrderByDescending(p => p.ModifiedAt).ThenByDescending(p => p.Id),
        _ => parties.OrderBy(p => p.Number).ThenBy(p => p.Id),
    };
}
