using System.Collections.Immutable;
using Marten;
using Parties.Idempotency;
using Wolverine.Marten;

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

    /// <summary>One round trip: reference data, the parties by number, the holders of the names asked for, the key's record.</summary>
    public static async Task<(PartyUpdateBatch, PriorWrite)> LoadAsync(UpdateParties command, IDocumentSession session,
        CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var loaded = PartyContextLoader.Enlist(batch, command.Items.Select(i => i.Edits.Prepend(new SetNumber(NumberKey, i.Number))));
        var prior = IdempotencyLoad.Enlist(batch, command.Idempotency);
        await batch.Execute(cancellation);
        var (context, holders) = await loaded();
        return (new PartyUpdateBatch(context, holders.ToDictionary(p => p.Number)), await prior());
    }

    // Each stream is appended at the version the decision saw, so a concurrent writer makes the whole batch
    // fail and Wolverine decide it again on the fresh state.
    public static (BulkDecision, IEnumerable<IMartenOp>) Handle(UpdateParties command, PartyUpdateBatch batch, PriorWrite prior,
        TimeProvider clock)
    {
        var (decision, appends, record) = prior.Once(clock, now => Decide(command, batch, now));
        return (decision, (appends.IsDefault ? [] : appends.Cast<IMartenOp>()).Concat(record));
    }

    public static (BulkDecision Decision, ImmutableArray<AppendAtVersion> Appends) Decide(UpdateParties command, PartyUpdateBatch batch,
        DateTimeOffset now)
    {
        var holders = new BatchHolders(batch.Context);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var parties = ImmutableArray.CreateBuilder<PartySnapshot>(command.Items.Length);
        var appends = ImmutableArray.CreateBuilder<AppendAtVersion>();
        for (var index = 0; index < command.Items.Length; index++)
        {
            var item = command.Items[index];
            if (!seen.Add(item.Number))
                return (BulkDecision.Failed(index, NumberKey, new EditError(ErrorCodes.NumberTwiceInBatch, item.Number)), []);
            if (!batch.ByNumber.TryGetValue(item.Number, out var party))
                return (BulkDecision.Failed(index, NumberKey, new EditError(ErrorCodes.UnknownNumber, item.Number)), []);
            if (party.MergedInto is { } survivor)
                return (BulkDecision.Failed(index, NumberKey, new EditError(ErrorCodes.PartyMerged, item.Number, Holder: new PartyRef(survivor, null))), []);

            var (outcomes, data) = PartyDecisions.Apply(party.Id, party.Data, item.Edits, holders.Current, EditMode.AllOrNothing);
            if (outcomes.FirstOrDefault(o => o.Status == EditStatus.Rejected) is { } rejected)
                return (BulkDecision.Failed(index, rejected.Key, rejected.Error!), []);

            holders.Took(party.Id, party.Data, data);
            var snapshot = PartySnapshot.Of(party);
            var claims = IdentifierClaims.Of(party.Data, data, batch.Context.Reference.Settings.UniqueIdentifiers);
            if (PartyEvents.Of(party.Data, data, claims) is not { } changed)
            {
                parties.Add(snapshot);
                continue;
            }
            parties.Add(snapshot with { Version = party.Version + 1, Data = data, ModifiedAt = now });
            appends.Add(new AppendAtVersion(party.Id, party.Version + 1, changed));
        }
        return (new BulkDecision(parties.ToImmutable(), null), appends.ToImmutable());
    }
}
