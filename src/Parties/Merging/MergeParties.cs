using System.Collections.Immutable;
using JasperFx.Events;
using Marten;
using Wolverine.Marten;

namespace Parties;

/// <summary>Merge <paramref name="Absorb"/> into the survivor: all of them in one transaction, or none.</summary>
/// <param name="Prefer">Field → the party (the survivor or one of the absorbed) whose value the survivor keeps.</param>
/// <param name="ExpectedVersion">The caller's If-Match on the survivor.</param>
public sealed record MergeParties(Guid SurvivorId, ImmutableArray<Guid> Absorb, ImmutableDictionary<IPartyField, Guid> Prefer,
    int? ExpectedVersion, Actor Actor) : IActorCommand
{
    public const string AbsorbKey = "absorb", PreferKey = "prefer";
}

/// <summary>Every stream a merge or an unmerge writes, locked, and who holds the vendor names it may give the survivor.</summary>
public sealed record MergeStreams(IReadOnlyDictionary<Guid, IEventStream<Party>> Streams, IReadOnlyDictionary<string, PartyRef> VendorNameHolders)
{
    public Party? this[Guid id] => Streams.GetValueOrDefault(id)?.Aggregate;

    /// <summary>
    /// Locks the streams in one fixed order (by id), so two merges sharing parties queue instead of deadlocking; then,
    /// when any of them is a vendor, finds the holders of their names (the name the survivor may end with).
    /// </summary>
    public static async Task<MergeStreams> LockAsync(IDocumentSession session, IEnumerable<Guid> ids, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var fetches = ids.Where(id => id != Guid.Empty).Distinct().Order()
            .Select(id => (Id: id, Stream: batch.Events.FetchForExclusiveWriting<Party>(id))).ToList();
        await batch.Execute(cancellation);
        var streams = new Dictionary<Guid, IEventStream<Party>>();
        foreach (var (id, stream) in fetches) streams[id] = await stream;

        var parties = streams.Values.Select(s => s.Aggregate).OfType<Party>().ToList();
        var names = parties.Any(p => p.Data.HasRole(Roles.Vendor))
            ? parties.Select(p => Party.Normalize(p.Data.Name)).OfType<string>().Distinct().ToArray()
            : [];
        var holders = names.Length == 0
            ? []
            : await session.Query<Party>().Where(p => p.VendorNameKey.IsOneOf(names)).ToListAsync(cancellation);
        return new MergeStreams(streams, holders.ToDictionary(p => p.VendorNameKey!, p => new PartyRef(p.Id, p.Data.Name)));
    }

    public IEnumerable<IMartenOp> Append(IEnumerable<(Guid Id, object Event)> events) =>
        events.Select(e => new AppendToLockedStream(Streams[e.Id], e.Event));
}

public static class MergePartiesHandler
{
    public const int MaxAbsorbed = 50;

    public static Task<MergeStreams> LoadAsync(MergeParties command, IDocumentSession session, CancellationToken cancellation) =>
        MergeStreams.LockAsync(session, command.Absorb.Prepend(command.SurvivorId), cancellation);

    public static (PartyDecision, IEnumerable<IMartenOp>) Handle(MergeParties command, MergeStreams streams, TimeProvider clock)
    {
        var (decision, events) = Decide(command, streams, clock.GetUtcNow());
        return (decision, streams.Append(events));
    }

    public static (PartyDecision Decision, ImmutableArray<(Guid Id, object Event)> Events) Decide(MergeParties command, MergeStreams streams,
        DateTimeOffset now)
    {
        if (streams[command.SurvivorId] is not { } survivor) return (PartyDecision.NotFound, []);
        if (survivor.MergedInto is { } elsewhere) return (PartyDecision.Gone(elsewhere), []);
        if (command.ExpectedVersion is { } expected && expected != survivor.Version)
            return (new PartyDecision(DecisionStatus.VersionMismatch, [], PartySnapshot.Of(survivor)), []);
        if (Refusal(command, survivor, streams) is { } refusal) return (refusal, []);

        var absorbed = command.Absorb.Distinct().Select(id => streams[id]!).ToList();
        var (data, sources) = MergedValues.Combine(survivor, absorbed, command.Prefer);
        var takes = data.VendorNameKey is { } key && key != survivor.Data.VendorNameKey ? streams.VendorNameHolders.GetValueOrDefault(key) : null;
        if (takes is not null && takes.Id != survivor.Id)
            return (PartyDecision.Refused(command.Prefer.ContainsKey(PartyFields.Name) ? PreferKeyOf(PartyFields.Name) : MergeParties.AbsorbKey,
                new EditError(ErrorCodes.DuplicateVendorName, data.Name, Holder: takes)), []);

        var merged = new PartyMerged([.. absorbed.Select(p => p.Id)], sources, PartyFields.Diff(survivor.Data, data));
        var after = PartySnapshot.Of(survivor) with { Version = survivor.Version + 1, Data = data, ModifiedAt = now };
        ImmutableArray<(Guid, object)> events =
            [(survivor.Id, merged), .. absorbed.Select(p => (p.Id, (object)new PartyAbsorbed(survivor.Id)))];
        return (new PartyDecision(DecisionStatus.Done, [], after), events);
    }

    private static PartyDecision? Refusal(MergeParties command, Party survivor, MergeStreams streams)
    {
        if (command.Absorb.IsDefaultOrEmpty) return PartyDecision.Refused(MergeParties.AbsorbKey, new EditError(ErrorCodes.NothingToMerge));
        foreach (var id in command.Absorb)
        {
            var error = id == survivor.Id ? new EditError(ErrorCodes.MergeIntoItself, id.ToString())
                : streams[id] is not { } party ? new EditError(ErrorCodes.UnknownParty, id.ToString())
                : party.MergedInto is { } into ? new EditError(ErrorCodes.PartyMerged, id.ToString(), Holder: new PartyRef(into, null))
                : null;
            if (error is not null) return PartyDecision.Refused(MergeParties.AbsorbKey, error);
        }
        foreach (var (field, id) in command.Prefer)
        {
            if (id != survivor.Id && !command.Absorb.Contains(id))
                return PartyDecision.Refused(PreferKeyOf(field), new EditError(ErrorCodes.NotInMerge, id.ToString()));
            if ((field == PartyFields.FirstName || field == PartyFields.LastName) && survivor.Data.PartyType != PartyType.Individual)
                return PartyDecision.Refused(PreferKeyOf(field), new EditError(ErrorCodes.FieldNotForPartyType, "organization"));
        }
        return null;
    }

    /// <summary>The key a refusal about a preferred field names: the field under <c>prefer</c>, as the domain names it.</summary>
    public static string PreferKeyOf(IPartyField field) => $"{MergeParties.PreferKey}.{field.Name}";
}
