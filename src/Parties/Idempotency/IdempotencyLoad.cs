using Marten.Services.BatchQuerying;

namespace Parties.Idempotency;

/// <summary>Finds what an earlier request with the command's Idempotency-Key decided, in the handler's first batch.</summary>
public static class IdempotencyLoad
{
    public static Func<Task<PriorWrite>> Enlist(IBatchedQuery batch, IdempotentWrite? write)
    {
        if (write is null) return () => Task.FromResult(PriorWrite.None);
        var record = batch.Load<IdempotencyRecord>(write.RecordId);
        return async () => PriorWrite.Of(write, await record);
    }

    /// <summary>The records of a batch's items, each under its own key, in one query of the handler's first batch.</summary>
    public static Func<Task<PriorItemWrites>> EnlistEach(IBatchedQuery batch, IEnumerable<IIdempotentCommand> items)
    {
        var writes = items.Select(i => i.Idempotency).OfType<IdempotentWrite>().ToArray();
        if (writes.Length == 0) return () => Task.FromResult(PriorItemWrites.None);
        var records = batch.LoadMany<IdempotencyRecord>().ById(writes.Select(w => w.RecordId).ToArray());
        return async () =>
        {
            var found = (await records).ToDictionary(r => r.Id);
            return new PriorItemWrites(writes.ToDictionary(w => w.RecordId, w => PriorWrite.Of(w, found.GetValueOrDefault(w.RecordId))));
        };
    }
}
