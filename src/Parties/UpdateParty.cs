using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using Parties.Idempotency;
using Wolverine;
using Wolverine.Marten;

namespace Parties;

/// <param name="ExpectedVersion">The caller's If-Match: the write is refused (412) unless the party is at this version.</param>
/// <param name="AsVendorOf">When set, the write is a vendor's, refused unless <see cref="VendorAccess"/> lets this caller change it.</param>
public sealed record UpdateParty(Guid PartyId, ImmutableArray<PartyEdit> Edits, EditMode Mode, int? ExpectedVersion, Actor Actor,
    VendorCaller? AsVendorOf = null, IdempotentWrite? Idempotency = null) : IIdempotentCommand;

public static class UpdatePartyHandler
{
    /// <summary>
    /// One round trip: the party's stream row locked (SELECT … FOR UPDATE) with its snapshot, the reference data, the
    /// holders of the number and name asked for, and the key's record. Writers of one party queue on that lock instead
    /// of racing and retrying: any number of concurrent writers, on any number of replicas, each decide on the state
    /// the previous one left.
    /// </summary>
    public static async Task<(IEventStream<Party>, PartyContext, PriorWrite)> ReadAsync(UpdateParty command, IDocumentSession session,
        CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var stream = batch.Events.FetchForExclusiveWriting<Party>(command.PartyId);
        var context = PartyContextLoader.Enlist(batch, [command.Edits]);
        var prior = IdempotencyLoad.Enlist(batch, command.Idempotency);
        await batch.Execute(cancellation);
        var party = await stream;
        var complete = await PartyContextLoader.WithDerivedNameAsync(session, (await context()).Context, party.Aggregate, command.Edits,
            cancellation);
        return (party, complete, await prior());
    }

    /// <summary>Loads, decides and writes in two round trips (<see cref="CommitInLastBatch"/>).</summary>
    public static Task<PartyDecision> HandleAsync(UpdateParty command, IDocumentStore store, IMessageContext bus,
        TimeProvider clock, CancellationToken cancellation) =>
        CommitInLastBatch.WriteAsync(store, bus.TenantId!, command.Actor, async session =>
        {
            var (stream, context, prior) = await ReadAsync(command, session, cancellation);
            return Writes(command, stream, context, prior, clock);
        }, cancellation);

    public static (PartyDecision, IEnumerable<IMartenOp>) Writes(UpdateParty command, IEventStream<Party> stream, PartyContext context,
        PriorWrite prior, TimeProvider clock)
    {
        var (decision, changed, record) = prior.Once(clock, now => Decide(command, stream.Aggregate, context, now));
        return (decision, changed is null ? record : record.Prepend(new AppendToLockedStream(stream, changed)));
    }

    public static (PartyDecision Decision, PartyFieldsChanged? Event) Decide(UpdateParty command, Party? party, PartyContext context,
        DateTimeOffset now)
    {
        if (party is null) return (PartyDecision.NotFound, null);
        if (command.AsVendorOf is { } vendorCaller)
            switch (VendorAccess.Check(party.Data, vendorCaller))
            {
                case VendorAccessResult.NotFound: return (PartyDecision.NotFound, null);
                case VendorAccessResult.Denied: return (PartyDecision.Denied, null);
            }
        if (party.MergedInto is { } survivor) return (PartyDecision.Gone(survivor), null);
        var current = PartySnapshot.Of(party);
        if (command.ExpectedVersion is { } expected && expected != party.Version)
            return (new PartyDecision(DecisionStatus.VersionMismatch, [], current), null);

        var (outcomes, data) = PartyDecisions.Apply(party.Id, party.Data, command.Edits, context, command.Mode);
        var rejected = command.Mode == EditMode.AllOrNothing && outcomes.Any(o => o.Status == EditStatus.Rejected);
        var status = rejected ? DecisionStatus.Rejected : DecisionStatus.Done;
        var claims = IdentifierClaims.Of(party.Data, data, context.Reference.Settings.UniqueIdentifiers);
        if (PartyEvents.Of(party.Data, data, claims) is not { } changed) return (new PartyDecision(status, outcomes, current), null);

        var after = current with { Version = party.Version + 1, Data = data, ModifiedAt = now };
        return (new PartyDecision(status, outcomes, after), changed);
    }
}
