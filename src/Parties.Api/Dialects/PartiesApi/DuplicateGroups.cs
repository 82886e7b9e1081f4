using Marten;
using Npgsql;
using Parties.Api.Auth;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>
/// <c>GET /api/duplicates/?reason=&amp;page=&amp;page_size=</c>: the organization's active parties grouped by an exact key
/// they share (an identifier, the E.164 mobile, the email, the normalized name), a DRF page of groups ordered by reason
/// and key. Each key is grouped over its own index.
/// </summary>
public static class DuplicateGroups
{
    public const string ReasonParameter = "reason";
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static async Task<IResult> Handle(HttpContext http, IDocumentStore store)
    {
        var (page, pageError) = Pagination.Read(http.Request);
        if (pageError is not null) return pageError;
        var reason = http.Request.Query[ReasonParameter].ToString();
        var keys = reason.Length == 0 ? DuplicateKeys.All : DuplicateKeys.All.Where(k => k.Reason == reason).ToArray();
        if (keys.Length == 0)
            return Errors.BadRequest(ReasonParameter,
                $"Select a valid choice. {reason} is not one of the available choices: {string.Join(", ", DuplicateKeys.All.Select(k => k.Reason))}.");

        var organization = http.Caller().OrganizationId;
        var groups = Groups(keys);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(http.RequestAborted);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"select count(*) from ({groups}) g", organization),
                Command($"select reason, key, ids from ({groups}) g order by reason, key limit {page!.Size} offset {page.Skip}", organization),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(http.RequestAborted);
        await reader.ReadAsync(http.RequestAborted);
        var count = reader.GetInt64(0);
        await reader.NextResultAsync(http.RequestAborted);
        var rows = new List<(string Reason, string Key, Guid[] Ids)>();
        while (await reader.ReadAsync(http.RequestAborted)) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<Guid[]>(2)));

        await using var session = store.QuerySession(organization);
        var parties = (await session.LoadManyAsync<Party>(http.RequestAborted, rows.SelectMany(r => r.Ids).Distinct()))
            .ToDictionary(p => p.Id);
        var results = rows.Select(r => new DuplicateGroup(r.Key, r.Reason,
            [.. r.Ids.Where(parties.ContainsKey).Select(i => DuplicateParty.From(parties[i]))])).ToList();
        return Pagination.Respond(http.Request, page, count, results);
    }

    /// <summary>One grouping per key over the organization's active parties of their own, each key's groups of two or more.</summary>
    private static string Groups(IEnumerable<DuplicateKey> keys) => string.Join(" union all ", keys.Select(k =>
        $"select '{k.Reason}' as reason, {k.Expression} as key, array_agg(id order by id) as ids " +
        $"from {PartiesStore.Schema}.mt_doc_party where tenant_id = $1 and (data ->> 'mergedInto') is null " +
        $"and (data -> 'data' ->> 'active') = 'true' and {k.Expression} is not null group by {k.Expression} having count(*) > 1"));

    private static NpgsqlBatchCommand Command(string sql, string organization) => new(sql) { Parameters = { new() { Value = organization } } };
}
