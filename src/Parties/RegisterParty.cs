using System.Collections.Immutable;
using Marten;
using Parties.Idempotency;
using Wolverine;
using Wolverine.Marten;

namespace Parties;

/// <summary>Register a new party from edits applied to an empty one (all or nothing).</summary>
public sealed record RegisterParty(Guid PartyId, ImmutableArray<PartyEdit> Edits, Actor Actor, IdempotentWrite? Idempotency = null)
    : IIdempotentCommand;

public static class RegisterPartyHandler
{
    /// <summary>One round trip: the reference data, the holders of the number and name asked for, the key's record.</summary>
    public static async Task<(PartyContext, PriorWrite)> ReadAsync(RegisterParty command, IDocumentSession session,
        CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var context = PartyContextLoader.Enlist(batch, [command.Edits]);
        var prior = IdempotencyLoad.Enlist(batch, command.Idempotency);
        await batch.Execute(cancellation);
        return ((await context()).Context, await prior());
    }

    /// <summary>Loads, decides and writes in two round trips (<see cref="CommitInLastBatch"/>).</summary>
    public static Task<PartyDecision> HandleAsync(RegisterParty command, IDocumentStore store, IMessageContext bus,
        TimeProvider clock, CancellationToken cancellation) =>
        CommitInLastBatch.WriteAsync(store, bus.TenantId!, command.Actor, async session =>
        {
            var (context, prior) = await ReadAsync(command, session, cancellation);
            return Writes(command, context, prior, clock);
        }, cancellation);

    public static (PartyDecision, IEnumerable<IMartenOp>) Writes(RegisterParty command, PartyContext context, PriorWrite prior,
        TimeProvider clock)
    {
        var (decision, registered, record) = prior.Once(clock, now => Decide(command, context, now));
        return (decision, registered is null ? record : record.Prepend(MartenOps.StartStream<Party>(command.PartyId, registered)));
    }

    public static (PartyDecision Decision, PartyRegistered? Event) Decide(RegisterParty command, PartyContext context, DateTimeOffset now)
    {
        var (outcomes, data) = PartyDecisions.Apply(command.PartyId, new PartyData(), command.Edits, context, EditMode.AllOrNothing);
        if (outcomes.Any(o => o.Status == EditStatus.Rejected))
            return (new PartyDecision(DecisionStatus.Rejected, outcomes, null), null);
        var snapshot = new PartySnapshot(command.PartyId, 1, data, now, now);
        return (new PartyDecision(DecisionStatus.Done, outcomes, snapshot), new PartyRegistered(command.PartyId, data,
            Claims: IdentifierClaims.Of(new PartyData(), data, context.Reference.Settings.UniqueIdentifiers)));
    }
}
