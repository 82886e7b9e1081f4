using System.Collections.Immutable;
using Marten;
using Parties.Idempotency;
using Wolverine.Marten;

namespace Parties;

/// <param name="ExpectedVersion">The caller's If-Match: the write is refused (412) unless the party is at this version.</param>
/// <param name="VendorOf">When set, the write is a vendor's, refused unless this caller may change that vendor.</param>
public sealed record UpdateParty(Guid PartyId, ImmutableArray<PartyEdit> Edits, EditMode Mode, int? ExpectedVersion, Actor Actor,
    VendorCaller? VendorOf = null, IdempotentWrite? Idempotency = null) : IActorCommand, IIdempotentCommand;

/// <summary>Who writes a vendor, for <see cref="VendorAccess"/>.</summary>
public sealed record VendorCaller(string UserId, bool SeesAll);

public static class UpdatePartyHandler
{
    public static Task<PartyContext> LoadAsync(UpdateParty command, IDocumentSession session, CancellationToken cancellation) =>
        PartyContextLoader.LoadForUpdateAsync(session, command.PartyId, command.Edits, cancellation);

    // Writers of one party queue on its stream row (SELECT … FOR UPDATE) instead of racing and retrying: any
    // number of concurrent writers, on any number of replicas, each decide on the state the previous one left.
    [AggregateHandler(ConcurrencyStyle.Exclusive)]
    public static (PartyDecision, Events) Handle(UpdateParty command, Party? party, PartyContext context, PriorWrite prior,
        IDocumentSession session, TimeProvider clock)
    {
        var events = new Events();
        if (prior.Decision is { } earlier) return (earlier, events);
        var now = clock.GetUtcNow();
        var (decision, changed) = Decide(command, party, context, now);
        prior.Keep(session, decision, now);
        if (changed is not null) events.Add(changed);
        return (decision, events);
    }

    public static (PartyDecision Decision, PartyChanged? Event) Decide(UpdateParty command, Party? party, PartyContext context,
        DateTimeOffset now)
    {
        if (party is null) return (PartyDecision.NotFound, null);
        if (command.VendorOf is { } vendorOf)
            switch (VendorAccess.Check(party.Data, vendorOf.UserId, vendorOf.SeesAll))
            {
                case VendorAccessResult.NotFound: return (PartyDecision.NotFound, null);
                case VendorAccessResult.Denied: return (PartyDecision.Denied, null);
            }
        var current = PartySnapshot.Of(party);
        if (command.ExpectedVersion is { } expected && expected != party.Version)
            return (new PartyDecision(DecisionStatus.VersionMismatch, [], current), null);

        var (outcomes, data) = PartyDecisions.Apply(party.Id, party.Data, command.Edits, context, command.Mode);
        var changes = PartyFields.Diff(party.Data, data);
        var rejected = command.Mode == EditMode.AllOrNothing && outcomes.Any(o => o.Status == EditStatus.Rejected);
        var status = rejected ? DecisionStatus.Rejected : DecisionStatus.Done;
        if (changes.IsEmpty) return (new PartyDecision(status, outcomes, current), null);

        var after = current with { Version = party.Version + 1, Data = data, ModifiedAt = now };
        return (new PartyDecision(status, outcomes, after), new PartyChanged(changes));
    }
}
