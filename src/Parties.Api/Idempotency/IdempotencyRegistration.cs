namespace Parties.Api.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>The <c>Idempotency-Key</c> feature: its options and the purge of expired keys (the endpoint filter is
    /// put on each write endpoint with <see cref="IdempotencyKeys.Idempotent{TBuilder}"/>).</summary>
    public static WebApplicationBuilder AddIdempotency(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        builder.Services.AddHostedService<IdempotencyRecordPurge>();
        return builder;
    }
}
