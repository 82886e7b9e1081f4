using Marten.Services.BatchQuerying;

namespace Parties.Idempotency;

/// <summary>Finds what an earlier request with the command's Idempotency-Key decided, in the handler's first batch.</summary>
public static class IdempotencyLoad
{
    public static Func<Task<PriorWrite>> Enlist(IBatchedQuery batch, IdempotentWrite? write)
    {
        if (write is null) return () => Task.FromResult(new PriorWrite(null, null, false));
        var record = batch.Load<IdempotencyRecord>(write.RecordId);
        return async () => PriorWrite.Of(write, await record);
    }
}
