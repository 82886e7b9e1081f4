using Marten;
using Marten.Linq.MatchesSql;
using Marten.Services.BatchQuerying;

namespace Parties;

/// <summary>The candidates for one party: one round trip of index lookups, one per key it has (the name's by its
/// <see cref="NameBlocks"/>), then scored in the domain.</summary>
public static class FindDuplicates
{
    /// <summary>How many parties each lookup brings at most; the best of them are answered.</summary>
    public const int PerLookup = 100;

    public static async Task<IReadOnlyList<DuplicateCandidate>> ForAsync(IQuerySession session, Party party, double minScore,
        CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var lookups = new List<Task<IReadOnlyList<Party>>>();
        foreach (var key in DuplicateKeys.All.Where(k => k != DuplicateKeys.Name))
            if (key.Value(party) is { Length: > 0 } value)
                lookups.Add(Others(batch, party).Where(InlinedValues.Of<Party>(p => p.MatchesSql($"{key.Expression} = ?", value))).Take(PerLookup).ToList());
        if (party.NameKey is { } name && NameBlocks.Patterns(name) is { Length: > 0 } blocks)
            lookups.Add(Others(batch, party).Where(InlinedValues.Of<Party>(p => p.MatchesSql(SimilarName, blocks, blocks, name)))
                .Take(PerLookup).ToList());
        if (lookups.Count == 0) return [];
        await batch.Execute(cancellation);

        var found = new Dictionary<Guid, Party>();
        foreach (var lookup in lookups)
        foreach (var other in await lookup)
            found.TryAdd(other.Id, other);
        return [.. found.Values.Select(other => DuplicateScore.Of(party, other)).OfType<DuplicateCandidate>()
            .Where(c => c.Score >= minScore).OrderByDescending(c => c.Score).ThenBy(c => c.Party.Number, StringComparer.Ordinal)];
    }

    // The blocks are the index condition (on the search index's text, which holds the name; then on the name itself) and
    // pg_trgm's % (similarity at least 0.3) a filter, on the name with '' appended so it is no index condition.
    // "similarity() >= 0.3" would filter the same, but PostgreSQL estimates it keeps a third of the block, and under
    // LIMIT a scan of the whole table then looked cheaper for one name in eight on 1,000,000 parties (60-180 ms).
    public static readonly string SimilarName =
        $"{PartySearchIndex.Text} like any(?) and {DuplicateKeys.NameExpression} like any(?) " +
        $"and ({DuplicateKeys.NameExpression} || '') % ?";

    private static IBatchedQueryable<Party> Others(IBatchedQuery batch, Party party) =>
        batch.Query<Party>().Where(InlinedValues.Of<Party>(p => p.MergedInto == null && p.Id != party.Id));
}
