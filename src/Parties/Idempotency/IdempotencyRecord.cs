using Parties.Erasure;

namespace Parties.Idempotency;

/// <summary>
/// What a write made under an Idempotency-Key decided, stored by its handler in the session that appends its
/// events, so both are committed together or not at all. The decision, not the rendered answer, is kept: the
/// answer is known only after the commit, while the decision is known inside it; the endpoint renders a replay
/// through the same mapping as the first answer, so the status, body and headers come out the same.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary><see cref="IdempotentWrite.RecordId"/>: unique per organization, so two concurrent writes with one key
    /// cannot both commit; the loser is retried by Wolverine and then finds this record.</summary>
    public string Id { get; set; } = "";

    public string Scope { get; set; } = "";
    public int? Item { get; set; }
    public string Fingerprint { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Whether a request with the key is answered from this record. A refusal (4xx, nothing written) is not: the key
    /// stays usable, for the same body or a corrected one. It is still stored, so that every decision under a key
    /// inserts this row and two concurrent requests meet at its primary key even when one was refused because it
    /// already saw the other's effects (a number taken, a version moved on) without yet seeing its record.
    /// </summary>
    public bool Replays { get; set; }

    /// <summary>The decision of a single write (or of one batch item).</summary>
    public PartyDecision? Decision { get; set; }

    /// <summary>The decision of an atomic bulk write.</summary>
    public BulkDecision? Bulk { get; set; }

    /// <summary>The decision kept here, if it is of the kind asked for.</summary>
    public TDecision? Decided<TDecision>() where TDecision : class, IWriteDecision => Decision as TDecision ?? Bulk as TDecision;

    /// <summary>This record with <paramref name="partyId"/>'s personal values taken out of the answer it keeps, so a
    /// replay cannot give them back.</summary>
    public IdempotencyRecord Erasing(IReadOnlyCollection<Guid> partyIds, ErasurePlan plan)
    {
        PartySnapshot Erase(PartySnapshot party) => partyIds.Contains(party.Id) ? party with { Data = plan.Erase(party.Data) } : party;
        Decision = Decision is { Party: { } party } decision ? decision with { Party = Erase(party) } : Decision;
        Bulk = Bulk is { } bulk ? bulk with { Parties = [.. bulk.Parties.Select(Erase)] } : Bulk;
        return this;
    }
}
