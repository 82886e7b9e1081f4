using System.Collections.Immutable;
using Marten;
using Parties.Idempotency;
using Wolverine.Marten;

namespace Parties;

/// <summary>Register many parties at once, atomically: all are written in one transaction, or none.</summary>
public sealed record RegisterParties(ImmutableArray<NewParty> Items, Actor Actor, IdempotentWrite? Idempotency = null)
    : IActorCommand, IIdempotentCommand;

public sealed record NewParty(Guid PartyId, ImmutableArray<PartyEdit> Edits);

public static class RegisterPartiesHandler
{
    /// <summary>One round trip for the whole batch: reference data, the holders of every number and name asked for, the key's record.</summary>
    public static async Task<(PartyContext, PriorWrite)> LoadAsync(RegisterParties command, IDocumentSession session,
        CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var context = PartyContextLoader.Enlist(batch, command.Items.Select(i => i.Edits.AsEnumerable()));
        var prior = IdempotencyLoad.Enlist(batch, command.Idempotency);
        await batch.Execute(cancellation);
        return ((await context()).Context, await prior());
    }

    // Every stream is started in the one session, set-based (a few statements for the whole bulk); Wolverine's
    // transactional middleware commits them together with the Idempotency-Key record.
    public static (BulkDecision, IEnumerable<IMartenOp>) Handle(RegisterParties command, PartyContext context, PriorWrite prior,
        TimeProvider clock)
    {
        var (decision, events, record) = prior.Once(clock, now => Decide(command, context, now));
        IEnumerable<IMartenOp> streams = events.IsDefaultOrEmpty ? [] : [new SetBasedPartyAppend(events)];
        return (decision, streams.Concat(record));
    }

    public static (BulkDecision Decision, ImmutableArray<PartyRegistered> Events) Decide(RegisterParties command, PartyContext context,
        DateTimeOffset now)
    {
        var holders = new BatchHolders(context);
        var parties = ImmutableArray.CreateBuilder<PartySnapshot>(command.Items.Length);
        var events = ImmutableArray.CreateBuilder<PartyRegistered>(command.Items.Length);
        for (var index = 0; index < command.Items.Length; index++)
        {
            var item = command.Items[index];
            var (outcomes, data) = PartyDecisions.Apply(item.PartyId, new PartyData(), item.Edits, holders.Current, EditMode.AllOrNothing);
            if (outcomes.FirstOrDefault(o => o.Status == EditStatus.Rejected) is { } rejected)
                return (BulkDecision.Failed(index, rejected.Key, rejected.Error!), []);
            holders.Took(item.PartyId, new PartyData(), data);
            parties.Add(new PartySnapshot(item.PartyId, 1, data, now, now));
            events.Add(new PartyRegistered(item.PartyId, data,
                Claims: IdentifierClaims.Of(new PartyData(), data, context.Reference.Settings.UniqueIdentifiers)));
        }
        return (new BulkDecision(parties.ToImmutable(), null), events.ToImmutable());
    }
}
