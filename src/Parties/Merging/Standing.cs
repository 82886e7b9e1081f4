namespace Parties;

/// <summary>Lists and searches show parties of their own: one merged into another answers only where it went.</summary>
public static class Standing
{
    public static IQueryable<Party> NotMerged(this IQueryable<Party> parties) => parties.Where(p => p.MergedInto == null);
}
