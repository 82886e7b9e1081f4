using System.Linq.Expressions;
using Marten;
using Marten.Linq;

namespace Parties;

/// <summary>
/// The parties that hold any of the numbers or vendor names a write asks for. A compiled query: Marten parses it once and
/// each request only binds the two arrays, where a LINQ query per request was 12.8 % of a create's allocated bytes.
/// </summary>
public sealed class HoldersOfNumbersOrNames : ICompiledListQuery<Party>
{
    public string[] Numbers { get; init; } = [];
    public string[] Names { get; init; } = [];

    public Expression<Func<IMartenQueryable<Party>, IEnumerable<Party>>> QueryIs() =>
        parties => parties.Where(p => p.Number.IsOneOf(Numbers) || p.VendorNameKey.IsOneOf(Names));
}
