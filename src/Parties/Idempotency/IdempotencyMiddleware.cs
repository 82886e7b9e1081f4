using Marten;

namespace Parties.Idempotency;

/// <summary>Wolverine middleware for <see cref="IIdempotentCommand"/>: loads the key's record in the write's own session.</summary>
public static class IdempotencyMiddleware
{
    public static async Task<PriorWrite> LoadAsync(IIdempotentCommand command, IDocumentSession session, CancellationToken cancellation)
    {
        if (command.Idempotency is not { } write) return new PriorWrite(null, null, false);
        var record = await session.LoadAsync<IdempotencyRecord>(write.RecordId, cancellation);
        if (record is null) return new PriorWrite(write, null, false);
        if (!record.Replays || record.CreatedAt < write.FreshSince) return new PriorWrite(write, null, true);
        if (record.Fingerprint != write.Fingerprint) throw new IdempotencyKeyReusedException(write);
        return new PriorWrite(write, record, false);
    }
}
