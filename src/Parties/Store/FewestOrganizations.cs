using Weasel.Core.MultiTenancy;

namespace Parties;

/// <summary>A new organization goes to the open database holding the fewest; a tie goes to the first by name.</summary>
public sealed class FewestOrganizations : IDatabaseSizingStrategy
{
    public ValueTask<string> FindSmallestDatabaseAsync(IReadOnlyList<PooledDatabase> databases) =>
        ValueTask.FromResult(databases.OrderBy(d => d.TenantCount).ThenBy(d => d.DatabaseId, StringComparer.Ordinal)
            .First().DatabaseId);
}
