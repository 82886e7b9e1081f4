using Marten;

namespace Parties.Idempotency;

/// <summary>What an earlier request with the command's key decided within the window, if any; and how to keep this one's.</summary>
public sealed record PriorWrite(IdempotentWrite? Write, IdempotencyRecord? Record, bool Expired)
{
    public PartyDecision? Decision => Record?.Decision;
    public BulkDecision? Bulk => Record?.Bulk;

    public void Keep(IDocumentSession session, PartyDecision decision, DateTimeOffset now) =>
        Keep(session, decision.Status == DecisionStatus.Done, now, decision, null);

    public void Keep(IDocumentSession session, BulkDecision decision, DateTimeOffset now) =>
        Keep(session, decision.Succeeded, now, null, decision);

    /// <summary>
    /// Refusals wrote nothing and their requests answer 4xx, so the key stays unused and the caller may correct and
    /// retry with it. A batch item's refusal is kept, though: it is part of the batch's 200 answer.
    /// </summary>
    private void Keep(IDocumentSession session, bool succeeded, DateTimeOffset now, PartyDecision? decision, BulkDecision? bulk)
    {
        if (Write is null || (!succeeded && Write.Item is null)) return;
        // Inserted, never upserted: the primary key decides a race between two requests with one key. An expired
        // record is deleted first in this same transaction; a concurrent replacer waits on its row lock and then
        // fails on the new row's key.
        if (Expired) session.Delete<IdempotencyRecord>(Write.RecordId);
        session.Insert(new IdempotencyRecord
        {
            Id = Write.RecordId, Scope = Write.Scope, Item = Write.Item, Fingerprint = Write.Fingerprint, CreatedAt = now,
            Decision = decision, Bulk = bulk,
        });
    }
}
