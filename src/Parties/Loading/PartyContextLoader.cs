using Marten;
using Marten.Services.BatchQuerying;
using Parties.Reference;

namespace Parties;

/// <summary>
/// Loads a decision's context: the reference data and the holders of the numbers, vendor names and identifiers the edits
/// ask for. It enlists its queries in the handler's batch, so the context comes in the same round trip as whatever else the
/// write reads first (the party under its lock, the Idempotency-Key's record).
/// </summary>
public static class PartyContextLoader
{
    /// <summary>Enlists the context for the edits of several parties (one list each); after the batch ran, the returned
    /// function gives the context and the holder parties themselves (a bulk update finds its targets among them by number).</summary>
    public static Func<Task<(PartyContext Context, IReadOnlyList<Party> Holders)>> Enlist(IBatchedQuery batch,
        IEnumerable<IEnumerable<PartyEdit>> editsPerParty)
    {
        var lists = editsPerParty.Select(edits => edits.Select(Unwrap).ToList()).ToList();
        var numbers = lists.SelectMany(l => l.OfType<SetNumber>()).Select(e => e.Number).Distinct().ToArray();
        var names = lists.SelectMany(NamesAskedFor).Select(Party.Normalize).OfType<string>().Distinct().ToArray();

        var reference = batch.Load<ReferenceData>(ReferenceData.DocumentId);
        var holders = numbers.Length + names.Length == 0
            ? Task.FromResult<IEnumerable<Party>>([])
            : batch.Query(new HoldersOfNumbersOrNames { Numbers = numbers, Names = names });
        var identifierHolders = UniqueIdentifiers.EnlistHolders(batch, [.. lists.SelectMany(l => l)]);
        return async () =>
        {
            var found = (await holders).ToList();
            var context = new PartyContext(
                await reference ?? new ReferenceData(),
                found.ToDictionary(p => p.Number, p => new PartyRef(p.Id, p.Data.Name)),
                found.Where(p => p.VendorNameKey is not null).ToDictionary(p => p.VendorNameKey!, p => new PartyRef(p.Id, p.Data.Name)),
                identifierHolders is null ? null : await identifierHolders());
            return (context, found);
        };
    }

    /// <summary>
    /// When an update changes one half of an individual's name, the full name it derives is only known from the stored
    /// other half: its holder is looked up then (a rare, extra round trip).
    /// </summary>
    public static async Task<PartyContext> WithDerivedNameAsync(IQuerySession session, PartyContext context, Party? party,
        IReadOnlyCollection<PartyEdit> edits, CancellationToken cancellation)
    {
        var unwrapped = edits.Select(Unwrap).ToList();
        var first = Value(unwrapped, PartyFields.FirstName);
        var last = Value(unwrapped, PartyFields.LastName);
        if (party is null || (first is null) == (last is null)) return context;

        var derived = Party.Normalize(PartyData.FullName(first ?? party.Data.FirstName, last ?? party.Data.LastName));
        if (derived is null || context.VendorNameHolders.ContainsKey(derived)) return context;
        var holder = await session.Query<Party>().WhereInlined(p => p.VendorNameKey == derived).FirstOrDefaultAsync(cancellation);
        if (holder is null) return context;
        var holders = new Dictionary<string, PartyRef>(context.VendorNameHolders) { [derived] = new PartyRef(holder.Id, holder.Data.Name) };
        return context with { VendorNameHolders = holders };
    }

    // Type-specific fields arrive wrapped; the holder they ask about is the same.
    private static PartyEdit Unwrap(PartyEdit edit) => edit switch
    {
        ForPartyType typed => Unwrap(typed.Inner),
        ForPartyTypeOrClear typed => Unwrap(typed.Inner),
        _ => edit,
    };

    /// <summary>The names one party's edits may give it: a name set, or an individual's name made of first and last name.</summary>
    private static IEnumerable<string?> NamesAskedFor(IReadOnlyList<PartyEdit> edits) =>
        edits.OfType<SetName>().Select(e => e.Name).Append(PartyData.FullName(Value(edits, PartyFields.FirstName), Value(edits, PartyFields.LastName)));

    private static string? Value(IEnumerable<PartyEdit> edits, PartyField<string?> field) =>
        edits.OfType<SetValue<string?>>().LastOrDefault(e => e.Field == field)?.Value;
}
