using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using Parties.Idempotency;
using Parties.Reference;
using Wolverine;
using Wolverine.Marten;

namespace Parties.Erasure;

/// <summary>Erase a person's personal data (the right to erasure): the party stays, its personal values go.</summary>
public sealed record EraseParty(Guid PartyId, string Reason, Actor Actor) : IActorCommand;

/// <summary>A stream whose events before <paramref name="Version"/> hold personal values to mask.</summary>
public sealed record StreamToMask(Guid StreamId, long Version);

/// <param name="Fields">The personal fields that held a value, as <see cref="PartyFields"/> names them.</param>
/// <param name="Streams">The streams whose stored events are masked next: the party's own up to the erasure; a merge
/// adds the streams the party absorbed.</param>
public sealed record ErasureDecision(bool Found, ImmutableArray<string> Fields, ErasurePlan Plan, ImmutableArray<StreamToMask> Streams)
{
    public static readonly ErasureDecision NotFound = new(false, [], ErasurePlan.For(PartyType.Individual, []), []);
}

public static class ErasePartyHandler
{
    /// <summary>One round trip: the party's stream locked with its snapshot, the parties merged into it (their own events hold
    /// the person's values too), the reference data (which flex fields are personal), and the Idempotency-Key records whose
    /// kept answer shows the party.</summary>
    public static async Task<(IEventStream<Party>, IReadOnlyList<Party>, ReferenceData, IReadOnlyList<IdempotencyRecord>)> LoadAsync(
        EraseParty command, IDocumentSession session, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var stream = batch.Events.FetchForExclusiveWriting<Party>(command.PartyId);
        var absorbed = batch.Query<Party>().Where(p => p.MergedInto == command.PartyId).ToList();
        var reference = batch.Load<ReferenceData>(ReferenceData.DocumentId);
        // The kept answers that show the party, or a party merged into it.
        var records = batch.Query<IdempotencyRecord>(
            $"""
            where tenant_id = ? and (data::text like ? or exists (select 1 from {PartiesStore.Schema}.mt_doc_party as merged
                where merged.tenant_id = d.tenant_id and merged.data ->> 'mergedInto' = ? and d.data::text like '%' || merged.id || '%'))
            """, session.TenantId, $"%{command.PartyId}%", command.PartyId.ToString());
        await batch.Execute(cancellation);
        return (await stream, await absorbed, await reference ?? new ReferenceData(), await records);
    }

    public static (ErasureDecision, IEnumerable<IMartenOp>, OutgoingMessages) Handle(EraseParty command, IEventStream<Party> stream,
        IReadOnlyList<Party> absorbed, ReferenceData reference, IReadOnlyList<IdempotencyRecord> records, ErasureOptions options)
    {
        var (decision, erased, absorbedErased) = Decide(command, stream.Aggregate, absorbed, reference);
        if (erased is null) return (decision, [], []);
        var again = new OutgoingMessages();
        again.Delay(new MaskErasedEvents(stream.Aggregate!.Data.PartyType, erased.CustomFields, decision.Streams), options.MaskAgainAfter);
        return (decision,
            [
                new AppendToLockedStream(stream, erased),
                .. absorbedErased.Select(a => new AppendAtVersion(a.Party.Id, a.Party.Version + 1, a.Event)),
                .. records.Select(r => MartenOps.Store(r.Erasing([command.PartyId, .. absorbed.Select(a => a.Id)], decision.Plan))),
            ],
            again);
    }

    /// <summary>The party's erasure, and one for each party merged into it that still holds a personal value: a merged person
    /// is one person, whatever ids their values came under.</summary>
    public static (ErasureDecision Decision, PartyErased? Event, IReadOnlyList<(Party Party, PartyErased Event)> Absorbed) Decide(
        EraseParty command, Party? party, IReadOnlyList<Party> absorbed, ReferenceData reference)
    {
        if (party is null) return (ErasureDecision.NotFound, null, []);
        var plan = ErasurePlan.For(party.Data, reference);
        var held = plan.HeldBy(party.Data);
        var customFields = plan.CustomFields.Order(StringComparer.Ordinal).ToImmutableArray();
        var absorbedErased = absorbed.Select(a => (Party: a, Held: plan.HeldBy(a.Data))).Where(a => a.Held.Length > 0)
            .Select(a => (a.Party, new PartyErased(command.Reason, a.Held, customFields))).ToList();
        var streams = absorbed.Select(a => new StreamToMask(a.Id, a.Version + 1));
        var decision = new ErasureDecision(true, held, plan, [new StreamToMask(party.Id, party.Version + 1), .. streams]);
        return (decision, new PartyErased(command.Reason, held, customFields), absorbedErased);
    }
}
