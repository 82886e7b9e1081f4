using Parties.Erasure;
using Wolverine;

namespace Parties.Api.Hosting;

public static class ErasureRegistration
{
    public const string Queue = "erasures";

    /// <summary>The durable queue of the erasures' second masking (<see cref="MaskErasedEvents"/>), and when it runs:
    /// <c>Parties:Erasure:MaskAgainAfter</c>, a minute by default.</summary>
    public static WebApplicationBuilder AddErasure(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new ErasureOptions(
            builder.Configuration.GetValue("Parties:Erasure:MaskAgainAfter", TimeSpan.FromMinutes(1))));
        builder.Services.ConfigureWolverine(opts =>
        {
            // Persisted in PostgreSQL with the erasure's transaction (Marten's outbox): it outlives a crash.
            opts.PublishMessage<MaskErasedEvents>().ToLocalQueue(Queue);
            opts.LocalQueue(Queue).UseDurableInbox();
        });
        return builder;
    }
}
