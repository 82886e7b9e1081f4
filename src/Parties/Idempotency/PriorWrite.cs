using Marten;

namespace Parties.Idempotency;

/// <summary>
/// What an earlier request with the command's key decided within the window, if it is answered again; and how to keep
/// this request's decision.
/// </summary>
/// <param name="Replaced">A record is there but does not count (expired, or a refusal): this write replaces it.</param>
public sealed record PriorWrite(IdempotentWrite? Write, IdempotencyRecord? Record, bool Replaced)
{
    public PartyDecision? Decision => Record?.Decision;
    public BulkDecision? Bulk => Record?.Bulk;

    public void Keep(IDocumentSession session, PartyDecision decision, DateTimeOffset now) =>
        Keep(session, decision.Status == DecisionStatus.Done, now, decision, null);

    public void Keep(IDocumentSession session, BulkDecision decision, DateTimeOffset now) =>
        Keep(session, decision.Succeeded, now, null, decision);

    /// <summary>A batch item's refusal is replayed too: it is part of the batch's 200 answer.</summary>
    private void Keep(IDocumentSession session, bool succeeded, DateTimeOffset now, PartyDecision? decision, BulkDecision? bulk)
    {
        if (Write is null) return;
        // Inserted, never upserted: the primary key decides a race between two requests with one key. A record that
        // does not count is deleted first in this same transaction; a concurrent replacer waits on its row lock and
        // then fails on the new row's key.
        if (Replaced) session.Delete<IdempotencyRecord>(Write.RecordId);
        session.Insert(new IdempotencyRecord
        {
            Id = Write.RecordId, Scope = Write.Scope, Item = Write.Item, Fingerprint = Write.Fingerprint, CreatedAt = now,
            Replays = succeeded || Write.Item is not null, Decision = decision, Bulk = bulk,
        });
    }
}
