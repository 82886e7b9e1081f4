using System.Linq.Expressions;
using Marten;
using Marten.Linq;
using Marten.Linq.MatchesSql;

namespace Parties;

/// <summary>
/// The active parties holding any of the identifiers a write gives, when the organization keeps them unique
/// (<see cref="UniqueIdentifiers"/>). A compiled query: Marten parses it once and each request binds the values, where
/// parsing it per request was 10.7 % of a create's allocated bytes.
/// </summary>
public sealed class HoldersOfIdentifiers : ICompiledListQuery<Party>
{
    public string[] NationalCodes { get; init; } = [];
    public string[] EconomicCodes { get; init; } = [];
    public string[] RegistrationNumbers { get; init; } = [];

    /// <summary>The organization, a parameter of the check whether it keeps identifiers unique.</summary>
    public string Organization { get; init; } = "";

    public Expression<Func<IMartenQueryable<Party>, IEnumerable<Party>>> QueryIs() =>
        parties => parties.Where(p => p.MergedInto == null && p.Data.Active
            && p.MatchesSql(UniqueIdentifiers.HoldersSql, NationalCodes, EconomicCodes, RegistrationNumbers, Organization));
}
