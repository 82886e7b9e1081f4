using System.Linq.Expressions;
using Marten;
using Marten.Schema.Indexing.Unique;

namespace Parties;

/// <summary>
/// One unique index per identifier over the values parties claimed (<see cref="IdentifierClaims"/>), per organization: of
/// two writers claiming one value, the second's commit fails with a unique violation, and Wolverine decides it again on
/// the fresh state, where the first is the holder. Partial: most parties claim nothing, and no entry is written for them.
/// </summary>
public static class ClaimIndexes
{
    public static void Configure(StoreOptions opts)
    {
        Unique(opts, "uq_party_national_code_claim", "nationalCodeClaim", x => x.NationalCodeClaim);
        Unique(opts, "uq_party_economic_code_claim", "economicCodeClaim", x => x.EconomicCodeClaim);
        Unique(opts, "uq_party_registration_number_claim", "registrationNumberClaim", x => x.RegistrationNumberClaim);
    }

    private static void Unique(StoreOptions opts, string name, string key, Expression<Func<Party, object?>> member) =>
        opts.Schema.For<Party>().Index(member, index =>
        {
            index.Name = name;
            index.IsUnique = true;
            index.TenancyScope = TenancyScope.PerTenant;
            // As PostgreSQL writes it back, so the schema check finds nothing to change.
            index.Predicate = $"((data ->> '{key}'::text) IS NOT NULL)";
        });
}
