using Marten.Linq.MatchesSql;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// Parties whose name key starts with a prefix. Npgsql prepares statements and PostgreSQL soon plans them once for
/// any parameter, and such a plan cannot turn <c>LIKE $1</c> into an index range: it fell back to the trigram index
/// ANDed with a scan of the whole organization. The same prefix as a range in code-point order (the operators of the
/// <c>text_pattern_ops</c> index) is a range scan in every plan; the <c>LIKE</c> stays, so the answer is the same.
/// </summary>
public static class NamePrefix
{
    private const string Range = $"d.{PartyColumns.NameKey} ~>=~ ? and d.{PartyColumns.NameKey} ~<~ ?";

    public static IQueryable<Party> Matching(IQueryable<Party> parties, string prefix)
    {
        parties = parties.WhereInlined(p => p.NameKey!.StartsWith(prefix));
        return Successor(prefix) is { } end
            ? parties.WhereInlined(p => p.MatchesSql(Range, prefix, end))
            : parties;
    }

    /// <summary>The least text above every text that starts with the prefix, in code-point order; null past the last code point.</summary>
    public static string? Successor(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            // The next code point that is a character (surrogates are not), if there is one.
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            if (next <= 0x10FFFF) return string.Concat(runes.Select(r => r.ToString())) + char.ConvertFromUtf32(next);
        }
        return null;
    }
}
