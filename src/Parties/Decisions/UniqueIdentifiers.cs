using Marten;
using Marten.Linq.MatchesSql;
using Marten.Services.BatchQuerying;

namespace Parties;

/// <summary>
/// The identifiers an organization may keep unique (<see cref="Reference.OrganizationSettings.UniqueIdentifiers"/>): the
/// fields, and how a write finds the active parties holding the values it asks for, each over its own index
/// (<see cref="DuplicateKeys"/>).
/// </summary>
public static class UniqueIdentifiers
{
    public static readonly PartyField<string?>[] Fields = [PartyFields.NationalCode, PartyFields.EconomicCode, PartyFields.RegistrationNumber];

    // A condition on no column: PostgreSQL evaluates it once, before reading any row, and it is never true (no row loads).
    // The key is hashed here, not in SQL: a parameter holding the value would reach the command log at Debug.
    private const string LockSql = "where (select count(*) from (select pg_advisory_xact_lock(?)) as held) = 0";

    private static readonly string[] Expressions =
        [DuplicateKeys.NationalCode.Expression, DuplicateKeys.EconomicCode.Expression, DuplicateKeys.RegistrationNumber.Expression];

    /// <summary>Whether the (unwrapped) edits give an identifier.</summary>
    public static bool Given(IEnumerable<PartyEdit> edits) =>
        edits.OfType<SetValue<string?>>().Any(e => Fields.Contains(e.Field) && e.Value is { Length: > 0 });

    /// <summary>
    /// The values per field the edits may give, and a query for their holders; null when they give none. With
    /// <paramref name="lockingTenant"/>, each value is first locked for the write's transaction (a transaction-scoped advisory
    /// lock per organization and value, in one order), so of two writers giving one value the second reads the holders only
    /// once the first has committed: a race ends as the decision's refusal. The caller's session must be in a transaction.
    /// </summary>
    public static Func<Task<Dictionary<string, PartyRef>>>? EnlistHolders(IBatchedQuery batch, IReadOnlyList<PartyEdit> edits,
        string? lockingTenant = null)
    {
        var values = Fields.Select(f => edits.OfType<SetValue<string?>>().Where(e => e.Field == f && e.Value is { Length: > 0 })
            .Select(e => e.Value!).Distinct().ToArray()).ToArray();
        if (values.All(v => v.Length == 0)) return null;
        if (lockingTenant is not null)
            foreach (var key in Fields.Zip(values).SelectMany(p => p.Second.Select(v => LockKey($"{lockingTenant}:{p.First.Name}:{v}"))).Order())
                _ = batch.Query<Party>(LockSql, key);
        var sql = $"({string.Join(" or ", Expressions.Select(e => $"{e} = ANY(?)"))})";
        var holders = batch.Query<Party>()
            .Where(p => p.MergedInto == null && p.Data.Active)
            .Where(p => p.MatchesSql(sql, values[0], values[1], values[2]))
            .ToList();
        return async () =>
        {
            var found = new Dictionary<string, PartyRef>();
            foreach (var party in await holders)
            foreach (var field in Fields)
                if (field.Get(party.Data) is { Length: > 0 } value)
                    found.TryAdd(PartyContext.IdentifierKey(field.Name, value), new PartyRef(party.Id, party.Data.Name));
            return found;
        };
    }

    private static long LockKey(string text) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
