using Marten;
using Parties.Reference;

namespace Parties;

/// <summary>Loads a decision's context in one round trip: the reference data and the holders of the
/// numbers and vendor names the edits ask for.</summary>
public static class PartyContextLoader
{
    public static async Task<PartyContext> LoadAsync(IQuerySession session, IEnumerable<PartyEdit> edits,
        CancellationToken cancellation) =>
        (await LoadWithHoldersAsync(session, edits, cancellation)).Context;

    /// <summary>The context and the holder parties themselves (a bulk update finds its targets among them by number).</summary>
    public static async Task<(PartyContext Context, IReadOnlyList<Party> Holders)> LoadWithHoldersAsync(IQuerySession session,
        IEnumerable<PartyEdit> edits, CancellationToken cancellation)
    {
        var list = edits as IReadOnlyCollection<PartyEdit> ?? edits.ToList();
        var numbers = list.OfType<SetNumber>().Select(e => e.Number).Distinct().ToArray();
        var names = list.OfType<SetName>().Select(e => Party.Normalize(e.Name)).OfType<string>().Distinct().ToArray();

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
}
