using System.Collections.Immutable;
using Marten;
using Parties.Idempotency;
using Wolverine.Marten;

namespace Parties;

/// <summary>
/// Register several parties, each decided on its own as <see cref="RegisterParty"/> decides it: a refused item is that
/// item's decision and the others are still written. A later item sees what the earlier ones took (a number, a vendor
/// name, an identifier). All of them, with each keyed item's Idempotency-Key record, are written in one transaction.
/// </summary>
public sealed record RegisterPartiesEachOnItsOwn(ImmutableArray<RegisterParty> Items, Actor Actor) : IActorCommand;

public static class RegisterPartiesEachOnItsOwnHandler
{
    /// <summary>One round trip: reference data, the holders of every number and name asked for, the items' records.</summary>
    public static async Task<(PartyContext, PriorItemWrites)> LoadAsync(RegisterPartiesEachOnItsOwn command, IDocumentSession session,
        CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var context = PartyContextLoader.Enlist(batch, command.Items.Select(i => i.Edits.AsEnumerable()));
        var prior = IdempotencyLoad.EnlistEach(batch, command.Items);
        await batch.Execute(cancellation);
        return ((await context()).Context, await prior());
    }

    // The registered streams are written set-based, as the atomic bulk writes them; a race lost at a unique index
    // rolls the whole batch back and Wolverine decides it again, so the loser is then refused as an item of its own.
    public static (ItemDecisions, IEnumerable<IMartenOp>) Handle(RegisterPartiesEachOnItsOwn command, PartyContext context,
        PriorItemWrites prior, TimeProvider clock)
    {
        var (decisions, events, records) = Decide(command, context, prior, clock);
        IEnumerable<IMartenOp> streams = events.IsEmpty ? [] : [new SetBasedPartyAppend(events)];
        return (decisions, streams.Concat(records));
    }

    public static (ItemDecisions Decisions, ImmutableArray<PartyRegistered> Events, IReadOnlyList<IMartenOp> Records) Decide(
        RegisterPartiesEachOnItsOwn command, PartyContext context, PriorItemWrites prior, TimeProvider clock)
    {
        var holders = new BatchHolders(context);
        var decisions = ImmutableArray.CreateBuilder<PartyDecision>(command.Items.Length);
        var events = ImmutableArray.CreateBuilder<PartyRegistered>();
        var records = new List<IMartenOp>();
        foreach (var item in command.Items)
        {
            var (decision, registered, record) = prior.For(item).Once(clock, now => RegisterPartyHandler.Decide(item, holders.Current, now));
            decisions.Add(decision);
            records.AddRange(record);
            if (registered is null) continue;
            holders.Took(item.PartyId, new PartyData(), registered.Data);
            events.Add(registered);
        }
        return (new ItemDecisions(decisions.MoveToImmutable()), events.ToImmutable(), records);
    }
}
