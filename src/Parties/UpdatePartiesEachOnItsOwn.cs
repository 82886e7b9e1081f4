using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using Parties.Idempotency;
using Wolverine.Marten;

namespace Parties;

/// <summary>
/// Update several parties, each named by its ID and decided on its own as <see cref="UpdateParty"/> decides it (unknown,
/// merged, not the caller's vendor, refused by a rule: that item's decision, and the others are still written). A later
/// item sees what the earlier ones took or left, and an item naming a party an earlier item changed sees that change.
/// All of them, with each keyed item's Idempotency-Key record, are written in one transaction.
/// </summary>
public sealed record UpdatePartiesEachOnItsOwn(ImmutableArray<UpdateParty> Items, Actor Actor) : IActorCommand;

/// <summary>The parties a batch names, by ID, each loaded under its stream's lock (absent: not in the organization).</summary>
public sealed record LockedParties(IReadOnlyDictionary<Guid, IEventStream<Party>> Streams);

public static class UpdatePartiesEachOnItsOwnHandler
{
    /// <summary>
    /// One round trip: every party named, its stream row locked (SELECT … FOR UPDATE) as <see cref="UpdatePartyHandler"/>
    /// locks one, with its snapshot; reference data, the holders of the numbers and names asked for, the items' records.
    /// </summary>
    public static async Task<(LockedParties, PartyContext, PriorItemWrites)> LoadAsync(UpdatePartiesEachOnItsOwn command,
        IDocumentSession session, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        // Locked in order of ID, so two batches naming the same parties queue on each other instead of deadlocking. The
        // empty Guid names no party, and Marten refuses it as a stream id.
        var streams = command.Items.Select(i => i.PartyId).Where(id => id != Guid.Empty).Distinct().Order()
            .Select(id => batch.Events.FetchForExclusiveWriting<Party>(id)).ToList();
        var context = PartyContextLoader.Enlist(batch, command.Items.Select(i => i.Edits.AsEnumerable()));
        var prior = IdempotencyLoad.EnlistEach(batch, command.Items);
        await batch.Execute(cancellation);

        var locked = new Dictionary<Guid, IEventStream<Party>>();
        foreach (var stream in streams) locked[(await stream).Id] = await stream;
        var complete = (await context()).Context;
        foreach (var item in command.Items)
            complete = await PartyContextLoader.WithDerivedNameAsync(session, complete, locked.GetValueOrDefault(item.PartyId)?.Aggregate,
                item.Edits, cancellation);
        return (new LockedParties(locked), complete, await prior());
    }

    public static (ItemDecisions, IEnumerable<IMartenOp>) Handle(UpdatePartiesEachOnItsOwn command, LockedParties parties,
        PartyContext context, PriorItemWrites prior, TimeProvider clock)
    {
        var aggregates = parties.Streams.Where(s => s.Value.Aggregate is not null).ToDictionary(s => s.Key, s => s.Value.Aggregate!);
        var (decisions, changes, records) = Decide(command, aggregates, context, prior, clock);
        return (decisions, changes.Select(c => (IMartenOp)new AppendToLockedStream(parties.Streams[c.PartyId], c.Event)).Concat(records));
    }

    /// <param name="parties">The parties named, as stored, by ID (one not there is not found).</param>
    public static (ItemDecisions Decisions, ImmutableArray<(Guid PartyId, PartyFieldsChanged Event)> Changes, IReadOnlyList<IMartenOp> Records)
        Decide(UpdatePartiesEachOnItsOwn command, IReadOnlyDictionary<Guid, Party> parties, PartyContext context, PriorItemWrites prior,
            TimeProvider clock)
    {
        var holders = new BatchHolders(context);
        var current = new Dictionary<Guid, Party>(parties);
        var decisions = ImmutableArray.CreateBuilder<PartyDecision>(command.Items.Length);
        var changes = ImmutableArray.CreateBuilder<(Guid, PartyFieldsChanged)>();
        var records = new List<IMartenOp>();
        foreach (var item in command.Items)
        {
            var party = current.GetValueOrDefault(item.PartyId);
            var (decision, changed, record) = prior.For(item).Once(clock, now => UpdatePartyHandler.Decide(item, party, holders.Current, now));
            decisions.Add(decision);
            records.AddRange(record);
            if (changed is null || party is null || decision.Party is not { } after) continue;
            holders.Took(party.Id, party.Data, after.Data);
            current[party.Id] = Written(party, after);
            changes.Add((party.Id, changed));
        }
        return (new ItemDecisions(decisions.MoveToImmutable()), changes.ToImmutable(), records);
    }

    /// <summary>The party as a later item of the batch finds it: as the earlier item left it.</summary>
    private static Party Written(Party party, PartySnapshot after) => new()
    {
        Id = party.Id, Version = after.Version, Data = after.Data, CreatedAt = party.CreatedAt, ModifiedAt = after.ModifiedAt,
        Number = after.Data.Number, VendorNameKey = after.Data.VendorNameKey, NameKey = Party.Normalize(after.Data.Name),
        MergedInto = party.MergedInto,
    };
}
