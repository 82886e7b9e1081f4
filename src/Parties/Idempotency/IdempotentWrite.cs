namespace Parties.Idempotency;

/// <summary>A write made under an <c>Idempotency-Key</c>, as its command carries it to the handler.</summary>
/// <param name="Scope">The caller's user and key, <c>user:key</c> (user ids hold no colon): keys are per user, within the
/// organization the session is opened for.</param>
/// <param name="Fingerprint">SHA-256 of the request's method, path and body: the same key with another request is refused.</param>
/// <param name="FreshSince">Records made before this are expired: treated as absent and replaced.</param>
/// <param name="Item">The item of a batch whose items are decided each on its own (each keeps its own record);
/// null for a request decided as a whole.</param>
public sealed record IdempotentWrite(string Scope, string Fingerprint, DateTimeOffset FreshSince, int? Item = null)
{
    public string RecordId => Item is { } item ? $"{Scope}#{item}" : Scope;

    public IdempotentWrite ForItem(int item) => this with { Item = item };
}

/// <summary>A command that may be made under an Idempotency-Key.</summary>
public interface IIdempotentCommand
{
    IdempotentWrite? Idempotency { get; }
}
