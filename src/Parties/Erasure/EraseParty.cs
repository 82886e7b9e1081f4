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
    /// <summary>One round trip: the party's stream locked with its snapshot, the reference data (which flex fields are
    /// personal), and the Idempotency-Key records whose kept answer shows the party.</summary>
    public static async Task<(IEventStream<Party>, ReferenceData, IReadOnlyList<IdempotencyRecord>)> LoadAsync(EraseParty command,
        IDocumentSession session, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var stream = batch.Events.FetchForExclusiveWriting<Party>(command.PartyId);
        var reference = batch.Load<ReferenceData>(ReferenceData.DocumentId);
        var records = batch.Query<IdempotencyRecord>("where tenant_id = ? and data::text like ?", session.TenantId,
            $"%{command.PartyId}%");
        await batch.Execute(cancellation);
        return (await stream, await reference ?? new ReferenceData(), await records);
    }

    public static (ErasureDecision, IEnumerable<IMartenOp>, OutgoingMessages) Handle(EraseParty command, IEventStream<Party> stream,
        ReferenceData reference, IReadOnlyList<IdempotencyRecord> records, ErasureOptions options)
    {
        var (decision, erased) = Decide(command, stream.Aggregate, reference);
        if (erased is null) return (decision, [], []);
        var again = new OutgoingMessages();
        again.Delay(new MaskErasedEvents(stream.Aggregate!.Data.PartyType, erased.CustomFields, decision.Streams), options.MaskAgainAfter);
        return (decision,
            [new AppendToLockedStream(stream, erased), .. records.Select(r => MartenOps.Store(r.Erasing(command.PartyId, decision.Plan)))],
            again);
    }

    public static (ErasureDecision Decision, PartyErased? Event) Decide(EraseParty command, Party? party, ReferenceData reference)
    {
        if (party is null) return (ErasureDecision.NotFound, null);
        var plan = ErasurePlan.For(party.Data, reference);
        var held = plan.HeldBy(party.Data);
        var decision = new ErasureDecision(true, held, plan, [new StreamToMask(party.Id, party.Version + 1)]);
        return (decision, new PartyErased(command.Reason, held, [.. plan.CustomFields.Order(StringComparer.Ordinal)]));
    }
}
