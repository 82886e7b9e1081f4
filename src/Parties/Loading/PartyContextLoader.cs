using Marten;
using Parties.Reference;

namespace Parties;

/// <summary>Loads a decision's context in one round trip: the reference data and the holders of the
/// numbers and vendor names the edits ask for.</summary>
public static class PartyContextLoader
{
    public static async Task<PartyContext> LoadAsync(IQuerySession session, IEnumerable<PartyEdit> edits,
        CancellationToken cancellation) =>
        (await LoadWithHoldersAsync(session, [edits], cancellation)).Context;

    /// <summary>The context for an update. When the edits change only one half of an individual's name, the
    /// stored other half is read first, so the full name's holder is known (a rare, extra round trip).</summary>
    public static async Task<PartyContext> LoadForUpdateAsync(IQuerySession session, Guid partyId,
        IReadOnlyCollection<PartyEdit> edits, CancellationToken cancellation)
    {
        var unwrapped = edits.Select(Unwrap).ToList();
        var first = unwrapped.OfType<SetValue<string?>>().Any(e => e.Field == PartyFields.FirstName);
        var last = unwrapped.OfType<SetValue<string?>>().Any(e => e.Field == PartyFields.LastName);
        if (first == last) return await LoadAsync(session, edits, cancellation);

        var current = (await session.LoadAsync<Party>(partyId, cancellation))?.Data;
        IEnumerable<PartyEdit> completed = current is null ? edits
            : first ? edits.Append(new SetValue<string?>("", PartyFields.LastName, current.LastName))
            : edits.Prepend(new SetValue<string?>("", PartyFields.FirstName, current.FirstName));
        return await LoadAsync(session, completed.ToList(), cancellation);
    }

    /// <summary>The context for the edits of several parties (one list each), and the holder parties themselves
    /// (a bulk update finds its targets among them by number).</summary>
    public static async Task<(PartyContext Context, IReadOnlyList<Party> Holders)> LoadWithHoldersAsync(IQuerySession session,
        IEnumerable<IEnumerable<PartyEdit>> editsPerParty, CancellationToken cancellation)
    {
        var lists = editsPerParty.Select(edits => edits.Select(Unwrap).ToList()).ToList();
        var numbers = lists.SelectMany(l => l.OfType<SetNumber>()).Select(e => e.Number).Distinct().ToArray();
        var names = lists.SelectMany(NamesAskedFor).Select(Party.Normalize).OfType<string>().Distinct().ToArray();

        var batch = session.CreateBatchQuery();
        var reference = batch.Load<ReferenceData>(ReferenceData.DocumentId);
        var holders = numbers.Length + names.Length == 0
            ? Task.FromResult<IReadOnlyList<Party>>([])
            : batch.Query<Party>()
                .Where(p => p.Number.IsOneOf(numbers) || p.VendorNameKey.IsOneOf(names))
                .ToList();
        await batch.Execute(cancellation);

        var found = await holders;
        var context = new PartyContext(
            await reference ?? new ReferenceData(),
            found.ToDictionary(p => p.Number, p => new PartyRef(p.Id, p.Data.Name)),
            found.Where(p => p.VendorNameKey is not null)
                .ToDictionary(p => p.VendorNameKey!, p => new PartyRef(p.Id, p.Data.Name)));
        return (context, found);
    }

    // Type-specific fields arrive wrapped; the holder they ask about is the same.
    private static PartyEdit Unwrap(PartyEdit edit) => edit switch
    {
        ForPartyType typed => Unwrap(typed.Inner),
        ForPartyTypeOrClear typed => Unwrap(typed.Inner),
        _ => edit,
    };

    /// <summary>The names one party's edits may give it: a name set, or an individual's name made of first and last name.</summary>
    private static IEnumerable<string?> NamesAskedFor(IReadOnlyList<PartyEdit> edits)
    {
        var first = Value(edits, PartyFields.FirstName);
        var last = Value(edits, PartyFields.LastName);
        var derived = PartyData.FullName(first, last);
        return edits.OfType<SetName>().Select(e => e.Name).Append(derived);
    }

    private static string? Value(IEnumerable<PartyEdit> edits, PartyField<string?> field) =>
        edits.OfType<SetValue<string?>>().LastOrDefault(e => e.Field == field)?.Value;
}
