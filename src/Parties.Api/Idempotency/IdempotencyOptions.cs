namespace Parties.Api.Idempotency;

/// <summary><c>Parties:Idempotency</c>: how long a key is remembered, and how often expired keys are purged.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Parties:Idempotency";

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan PurgeEvery { get; set; } = TimeSpan.FromHours(1);
}
