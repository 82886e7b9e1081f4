using System.Collections.Immutable;
using Marten;
using Parties.Idempotency;

namespace Parties;

/// <summary>Update many parties, each found by its number, atomically: all are written in one transaction, or none.</summary>
public sealed record UpdateParties(ImmutableArray<PartyUpdate> Items, Actor Actor, IdempotentWrite? Idempotency = null)
    : IActorCommand, IIdempotentCommand;

/// <param name="Number">The number that finds the party; an item cannot renumber it.</param>
public sealed record PartyUpdate(string Number, ImmutableArray<PartyEdit> Edits);

/// <summary>The batch's context and the parties it names, found by number.</summary>
public sealed record PartyUpdateBatch(PartyContext Context, IReadOnlyDictionary<string, Party> ByNumber);

public static class UpdatePartiesHandler
{
    public const string NumberKey = "number";

    /// <summary>One round trip: reference data, the parties by number and the holders of the names asked for.</summary>
    public static async Task<PartyUpdateBatch> LoadAsync(UpdateParties command, IDocumentSession session, CancellationToken cancellation)
    {
        var (context, holders) = await PartyContextLoader.LoadWithHoldersAsync(session,
            command.Items.Select(i => i.Edits.Prepend(new SetNumber(NumberKey, i.Number))), cancellation);
        return new PartyUpdateBatch(context, holders.ToDictionary(p => p.Number));
    }

    // Each stream is appended at the version the decision saw, so a concurrent writer makes the whole batch
    // fail and Wolverine decide it again on the fresh state.
    public static BulkDecision Handle(UpdateParties command, PartyUpdateBatch batch, PriorWrite prior, IDocumentSession session,
        TimeProvider clock)
    {
        if (prior.Bulk is { } earlier) return earlier;
        var now = clock.GetUtcNow();
        var (decision, events) = Decide(command, batch, now);
        prior.Keep(session, decision, now);
        foreach (var (partyId, version, changed) in events) session.Events.Append(partyId, version, changed);
        return decision;
    }

    public static (BulkDecision Decision, ImmutableArray<(Guid PartyId, long Version, PartyChanged Event)> Events) Decide(
        UpdateParties command, PartyUpdateBatch batch, DateTimeOffset now)
    {
        var holders = new BatchHolders(batch.Context);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var parties = ImmutableArray.CreateBuilder<PartySnapshot>(command.Items.Length);
        var events = ImmutableArray.CreateBuilder<(Guid, long, PartyChanged)>();
        for (var index = 0; index < command.Items.Length; index++)
        {
            var item = command.Items[index];
            if (!seen.Add(item.Number))
                return (BulkDecision.Failed(index, NumberKey,
                    new EditError(ErrorCodes.DuplicateNumber, "This number appears more than once in the batch.")), []);
            if (!batch.ByNumber.TryGetValue(item.Number, out var party))
                return (BulkDecision.Failed(index, NumberKey,
                    new EditError(ErrorCodes.UnknownNumber, "No party with this number exists.")), []);

            var (outcomes, data) = PartyDecisions.Apply(party.Id, party.Data, item.Edits, holders.Current, EditMode.AllOrNothing);
            if (outcomes.FirstOrDefault(o => o.Status == EditStatus.Rejected) is { } rejected)
                return (BulkDecision.Failed(index, rejected.Key, rejected.Error!), []);

            holders.Took(party.Id, party.Data, data);
            var changes = PartyFields.Diff(party.Data, data);
            var snapshot = PartySnapshot.Of(party);
            if (changes.IsEmpty)
            {
                parties.Add(snapshot);
                continue;
            }
            parties.Add(snapshot with { Version = party.Version + 1, Data = data, ModifiedAt = now });
            events.Add((party.Id, party.Version + 1, new PartyChanged(changes)));
        }
        return (new BulkDecision(parties.ToImmutable(), null), events.ToImmutable());
    }
}
