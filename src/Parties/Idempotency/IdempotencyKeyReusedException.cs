namespace Parties.Idempotency;

/// <summary>
/// Thrown when a concurrent request with the same key but another body committed first: the endpoints check the key
/// before writing, so only that race reaches the handler. Each dialect answers it as its 422.
/// </summary>
public sealed class IdempotencyKeyReusedException(IdempotentWrite write)
    : Exception($"The Idempotency-Key of scope '{write.Scope}' was used for another request.");
