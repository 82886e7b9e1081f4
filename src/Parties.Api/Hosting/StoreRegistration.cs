using JasperFx;
using JasperFx.Core;
using JasperFx.CodeGeneration;
using Marten;
using Marten.Exceptions;
using Npgsql;
using Parties;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace Parties.Api.Hosting;

public static class StoreRegistration
{
    /// <summary>Marten (event store and documents) and Wolverine (commands) over <c>ConnectionStrings:Parties</c>.</summary>
    public static WebApplicationBuilder AddPartiesStore(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Parties")
            ?? throw new InvalidOperationException("ConnectionStrings:Parties is not set.");
        var applySchema = builder.Configuration.GetValue("Parties:ApplySchemaOnStartup", true);

        builder.Services.AddSingleton(TimeProvider.System);
        var marten = builder.Services.AddMarten(opts => PartiesStore.Configure(opts, connectionString))
            .UseLightweightSessions()
            .IntegrateWithWolverine();
        // Marten applies changes under a PostgreSQL advisory lock, so many replicas may start at once.
        if (applySchema) marten.ApplyAllDatabaseChangesOnStartup();

        builder.Host.UseWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(Party).Assembly);
            opts.Policies.AutoApplyTransactions();
            opts.Policies.ForMessagesOfType<IActorCommand>().AddMiddleware(typeof(ActorMetadata));

            // A writer without If-Match never loses to another writer: its command is decided again on
            // the fresh state. Unique-index races are decided again too, so the loser sees the winner.
            opts.OnException<ConcurrencyException>().Or<ConcurrentUpdateException>()
                .RetryWithCooldown(5.Milliseconds(), 10.Milliseconds(), 25.Milliseconds(), 50.Milliseconds(),
                    100.Milliseconds(), 200.Milliseconds());
            opts.OnException(IsUniqueViolation)
                .RetryWithCooldown(5.Milliseconds(), 20.Milliseconds(), 50.Milliseconds());

            opts.CodeGeneration.TypeLoadMode = builder.Configuration.GetValue("Parties:TypeLoadMode", TypeLoadMode.Dynamic);
        });
        return builder;
    }

    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }
}
