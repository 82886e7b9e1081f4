namespace Parties.Idempotency;

/// <summary>
/// What earlier requests with the key decided for each item of a batch that is written in one transaction but decided
/// item by item (each item keeps its own record, as it would written on its own).
/// </summary>
/// <param name="ByRecord">By <see cref="IdempotentWrite.RecordId"/>: each keyed item's earlier record as it counts.</param>
public sealed record PriorItemWrites(IReadOnlyDictionary<string, PriorWrite> ByRecord)
{
    public static readonly PriorItemWrites None = new(new Dictionary<string, PriorWrite>());

    /// <summary>The item's earlier write under its key; nothing earlier for an item without a key.</summary>
    public PriorWrite For(IIdempotentCommand item) =>
        item.Idempotency is { } write ? ByRecord.GetValueOrDefault(write.RecordId) ?? new PriorWrite(write, null, false) : PriorWrite.None;
}
