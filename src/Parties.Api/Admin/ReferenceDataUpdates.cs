using JasperFx;
using Marten;
using Parties.Reference;

namespace Parties.Api.Admin;

/// <summary>
/// Read-modify-write of an organization's reference data under Marten's optimistic concurrency: two admins
/// editing at once both land, the second after a fresh read (a handful of tries is plenty for admin traffic).
/// </summary>
public static class ReferenceDataUpdates
{
    public static async Task<T> UpdateAsync<T>(IDocumentStore store, string tenant, Func<ReferenceData, T> change,
        CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(tenant);
            var reference = await session.LoadAsync<ReferenceData>(ReferenceData.DocumentId, cancellation) ?? new ReferenceData();
            var result = change(reference);
            session.Store(reference);
            try
            {
                await session.SaveChangesAsync(cancellation);
                return result;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    public static async Task<ReferenceData> LoadAsync(IDocumentStore store, string tenant, CancellationToken cancellation)
    {
        await using var session = store.QuerySession(tenant);
        return await session.LoadAsync<ReferenceData>(ReferenceData.DocumentId, cancellation) ?? new ReferenceData();
    }
}
