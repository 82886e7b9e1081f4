using Marten;
using Parties.Api.Auth;
using Parties.Reference;

namespace Parties.Api.Dialects.Vendors;

/// <summary>A vendor and its organization's reference data in one round trip, with the caller's right to it.</summary>
public sealed record VendorRead(Party? Party, ReferenceData Reference, VendorAccessResult Access);

/// <summary>How the Vendors dialect finds vendors: one, with the caller's right to it, or those the caller may list.</summary>
public static class VendorLoads
{
    public static async Task<VendorRead> LoadAsync(IQuerySession session, Caller caller, Guid id, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var party = batch.Load<Party>(id);
        var reference = batch.Load<ReferenceData>(ReferenceData.DocumentId);
        await batch.Execute(cancellation);
        var found = await party;
        return new VendorRead(found, await reference ?? new ReferenceData(), VendorAccess.Check(found?.Data, caller.AsVendorCaller()));
    }

    /// <summary>The vendor a merged one went into, with its name, for the 410.</summary>
    public static async Task<VendorRef> SurvivorAsync(IQuerySession session, Guid survivor, CancellationToken cancellation) =>
        new(survivor, (await session.LoadAsync<Party>(survivor, cancellation))?.Data.Name);

    public static async Task<ReferenceData> ReferenceAsync(IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<ReferenceData>(ReferenceData.DocumentId, cancellation) ?? new ReferenceData();

    /// <summary>The active vendors the caller may list or search.</summary>
    public static IQueryable<Party> Visible(IQuerySession session, Caller caller) =>
        VendorAccess.Visible(session.Query<Party>(), caller.AsVendorCaller()).WhereInlined(p => p.Data.Active);

    public static IQueryable<Party> NameContains(IQueryable<Party> query, string name)
    {
        var key = Party.Normalize(name)!;
        return query.TextContains(key, ignoreCase: false).WhereInlined(p => p.NameKey!.Contains(key));
    }

    /// <summary>Vendor ids are the party ids (GUIDs); anything else is a 400, as the original API answers.</summary>
    public static bool TryParseId(string text, out Guid id) => Guid.TryParse(text, out id);
}
