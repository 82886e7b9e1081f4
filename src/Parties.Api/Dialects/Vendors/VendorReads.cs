using Marten;
using Parties.Api.Auth;
using Parties.Reference;

namespace Parties.Api.Dialects.Vendors;

/// <summary>A vendor and its organization's reference data in one round trip, with the caller's right to it.</summary>
public sealed record VendorRead(Party? Party, ReferenceData Reference, VendorAccessResult Access);

public static class VendorReads
{
    public static async Task<VendorRead> LoadAsync(IQuerySession session, Caller caller, Guid id, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var party = batch.Load<Party>(id);
        var reference = batch.Load<ReferenceData>(ReferenceData.DocumentId);
        await batch.Execute(cancellation);
        var found = await party;
        return new VendorRead(found, await reference ?? new ReferenceData(),
            VendorAccess.Check(found?.Data, caller.UserId, caller.SeesAll));
    }

    public static async Task<ReferenceData> ReferenceAsync(IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<ReferenceData>(ReferenceData.DocumentId, cancellation) ?? new ReferenceData();

    /// <summary>Vendor ids are the party ids (GUIDs); anything else is a 400, as the original API answers.</summary>
    public static bool TryParseId(string text, out Guid id) => Guid.TryParse(text, out id);
}
