using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using Wolverine.Marten;

namespace Parties;

/// <summary>Undo the merge of <paramref name="Restore"/> into the survivor: both streams in one transaction.</summary>
public sealed record UnmergeParty(Guid SurvivorId, Guid Restore, int? ExpectedVersion, Actor Actor) : IActorCommand
{
    public const string RestoreKey = "restore";
}

/// <summary>What an unmerge decided: the survivor (the decision), the restored party, and the fields the survivor kept.</summary>
public sealed record UnmergeDecision(PartyDecision Survivor, PartySnapshot? Restored, ImmutableArray<string> Kept);

/// <summary>The locked streams, and the merge that absorbed the party to restore (null when there is none).</summary>
public sealed record UnmergeLoad(MergeStreams Streams, PartyMerged? Merge);

public static class UnmergePartyHandler
{
    public static async Task<UnmergeLoad> LoadAsync(UnmergeParty command, IDocumentSession session, CancellationToken cancellation)
    {
        var streams = await MergeStreams.LockAsync(session, [command.SurvivorId, command.Restore], cancellation);
        if (streams[command.Restore]?.MergedInto != command.SurvivorId) return new UnmergeLoad(streams, null);
        var merges = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == command.SurvivorId && e.EventTypeName == MergedTypeName)
            .OrderByDescending(e => e.Version)
            .ToListAsync(cancellation);
        var merge = merges.Select(e => (PartyMerged)e.Data).FirstOrDefault(m => m.Absorbed.Contains(command.Restore));
        return new UnmergeLoad(streams, merge);
    }

    public static (UnmergeDecision, IEnumerable<IMartenOp>) Handle(UnmergeParty command, UnmergeLoad load, TimeProvider clock)
    {
        var (decision, events) = Decide(command, load, clock.GetUtcNow());
        return (decision, load.Streams.Append(events));
    }

    public static (UnmergeDecision Decision, ImmutableArray<(Guid Id, object Event)> Events) Decide(UnmergeParty command, UnmergeLoad load,
        DateTimeOffset now)
    {
        static UnmergeDecision Only(PartyDecision decision) => new(decision, null, []);
        var streams = load.Streams;
        if (streams[command.SurvivorId] is not { } survivor) return (Only(PartyDecision.NotFound), []);
        if (survivor.MergedInto is { } elsewhere) return (Only(PartyDecision.Gone(elsewhere)), []);
        if (command.ExpectedVersion is { } expected && expected != survivor.Version)
            return (Only(new PartyDecision(DecisionStatus.VersionMismatch, [], PartySnapshot.Of(survivor))), []);
        if (streams[command.Restore] is not { } restored || load.Merge is not { } merge)
            return (Only(PartyDecision.Refused(UnmergeParty.RestoreKey, new EditError(ErrorCodes.NotMergedHere, command.Restore.ToString()))), []);

        var (data, kept) = MergedValues.TakeBack(survivor.Data, merge, restored);
        var unmerged = new PartyUnmerged(restored.Id, kept, PartyFields.Diff(survivor.Data, data));
        var after = PartySnapshot.Of(survivor) with { Version = survivor.Version + 1, Data = data, ModifiedAt = now };
        var back = PartySnapshot.Of(restored) with { Version = restored.Version + 1, ModifiedAt = now };
        ImmutableArray<(Guid, object)> events = [(survivor.Id, unmerged), (restored.Id, new PartyRestored(survivor.Id))];
        return (new UnmergeDecision(new PartyDecision(DecisionStatus.Done, [], after), back, kept), events);
    }

    /// <summary>Marten's name of <see cref="PartyMerged"/> in the events table.</summary>
    private static readonly string MergedTypeName = JasperFx.Events.EventTypeExtensions.GetEventTypeName(typeof(PartyMerged));
}
