using System.Collections.Immutable;
using Marten;
using Marten.Services.BatchQuerying;

namespace Parties;

/// <summary>
/// The identifiers an organization may keep unique (<see cref="Reference.OrganizationSettings.UniqueIdentifiers"/>): the
/// fields, and how a write finds the active parties holding the values it asks for, each over its own index
/// (<see cref="DuplicateKeys"/>). Two writers giving one value both read no holder; the claim indexes on the snapshot
/// (<see cref="IdentifierClaims"/>) let only one of them commit, and the other's decision, taken again, reads the winner.
/// </summary>
public static class UniqueIdentifiers
{
    public static readonly PartyField<string?>[] Fields = [PartyFields.NationalCode, PartyFields.EconomicCode, PartyFields.RegistrationNumber];

    private static readonly string[] Expressions =
        [DuplicateKeys.NationalCode.Expression, DuplicateKeys.EconomicCode.Expression, DuplicateKeys.RegistrationNumber.Expression];

    // The holders matter only when the organization keeps identifiers unique, which the reference data read in the same
    // batch says too late to leave the query out: the query asks it itself, so an organization that does not (the
    // default) reads no holder rows at all. The organization is a parameter, not d.tenant_id: uncorrelated, the check is
    // a one-time filter that PostgreSQL runs before touching the party indexes (correlated, it ran after them, per row).
    private static readonly string KeptUnique =
        $"exists (select 1 from {PartiesStore.Schema}.mt_doc_referencedata r where r.tenant_id = ? " +
        $"and r.id = '{Reference.ReferenceData.DocumentId}' and (r.data -> 'settings' ->> 'uniqueIdentifiers') = 'true')";

    /// <summary>The filter of <see cref="HoldersOfIdentifiers"/>: a holder of any of the values, in an organization that
    /// keeps them unique (parameters: one array per field, in the order of <see cref="Fields"/>, then the organization).</summary>
    public static readonly string HoldersSql = $"({string.Join(" or ", Expressions.Select(e => $"{e} = ANY(?)"))}) and {KeptUnique}";

    /// <summary>The values per field the edits may give, and a query for their holders; null when they give none.</summary>
    public static Func<Task<Dictionary<string, ImmutableArray<PartyRef>>>>? EnlistHolders(IBatchedQuery batch,
        IReadOnlyList<PartyEdit> edits)
    {
        var values = Fields.Select(f => edits.OfType<SetValue<string?>>().Where(e => e.Field == f && e.Value is { Length: > 0 })
            .Select(e => e.Value!).Distinct().ToArray()).ToArray();
        if (values.All(v => v.Length == 0)) return null;
        var holders = batch.Query(new HoldersOfIdentifiers
        {
            NationalCodes = values[0], EconomicCodes = values[1], RegistrationNumbers = values[2], Organization = batch.Parent.TenantId,
        });
        return async () =>
        {
            var found = new Dictionary<string, ImmutableArray<PartyRef>>();
            foreach (var party in await holders)
            foreach (var field in Fields)
                if (field.Get(party.Data) is { Length: > 0 } value)
                {
                    var key = PartyContext.IdentifierKey(field.Name, value);
                    found[key] = found.GetValueOrDefault(key, []).Add(new PartyRef(party.Id, party.Data.Name));
                }
            return found;
        };
    }
}
