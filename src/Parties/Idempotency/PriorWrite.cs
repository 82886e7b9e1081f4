using Wolverine.Marten;

namespace Parties.Idempotency;

/// <summary>
/// What an earlier request with the command's key decided within the window, if it is answered again; and how to keep
/// this request's decision.
/// </summary>
/// <param name="Replaced">A record is there but does not count (expired, or a refusal): this write replaces it.</param>
public sealed record PriorWrite(IdempotentWrite? Write, IdempotencyRecord? Record, bool Replaced)
{
    /// <summary>A write made without a key: nothing earlier, nothing to keep.</summary>
    public static readonly PriorWrite None = new(null, null, false);

    /// <summary>The earlier request's record as it counts for this one: replayed, replaced (expired or a refusal), or
    /// refused when another body used the key.</summary>
    public static PriorWrite Of(IdempotentWrite write, IdempotencyRecord? record)
    {
        if (record is null) return new PriorWrite(write, null, false);
        if (!record.Replays || record.CreatedAt < write.FreshSince) return new PriorWrite(write, null, true);
        if (record.Fingerprint != write.Fingerprint) throw new IdempotencyKeyReusedException(write);
        return new PriorWrite(write, record, false);
    }

    /// <summary>
    /// Decides a write once per key: the earlier decision when this key's request was decided already (nothing to write),
    /// else <paramref name="decide"/>'s decision and effect with the operations that keep the decision under the key, in
    /// the transaction of the write's events. Every idempotent handler goes through here.
    /// </summary>
    public (TDecision Decision, TEffect? Effect, IEnumerable<IMartenOp> Record) Once<TDecision, TEffect>(TimeProvider clock,
        Func<DateTimeOffset, (TDecision Decision, TEffect? Effect)> decide)
        where TDecision : class, IWriteDecision
    {
        if (Record?.Decided<TDecision>() is { } earlier) return (earlier, default, []);
        var now = clock.GetUtcNow();
        var (decision, effect) = decide(now);
        return (decision, effect, Keep(decision, now));
    }

    /// <summary>A batch item's refusal is replayed too: it is part of the batch's 200 answer.</summary>
    private IEnumerable<IMartenOp> Keep(IWriteDecision decision, DateTimeOffset now)
    {
        if (Write is null) return [];
        var record = new IdempotencyRecord
        {
            Id = Write.RecordId, Scope = Write.Scope, Item = Write.Item, Fingerprint = Write.Fingerprint, CreatedAt = now,
            Replays = decision.Succeeded || Write.Item is not null,
            Decision = decision as PartyDecision, Bulk = decision as BulkDecision,
        };
        // Inserted, never upserted: the primary key decides a race between two requests with one key. A record that
        // does not count is deleted first in this same transaction; a concurrent replacer waits on its row lock and
        // then fails on the new row's key.
        return Replaced ? [MartenOps.Delete<IdempotencyRecord>(Write.RecordId), MartenOps.Insert(record)] : [MartenOps.Insert(record)];
    }
}
