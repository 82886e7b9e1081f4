using Marten;
using Marten.Linq.MatchesSql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Parties;

/// <summary>
/// The Parties list's <c>search</c> (a case-insensitive contains over name, number, mobile and national code) is an
/// OR of <c>LIKE '%…%'</c> over the snapshot's columns and JSON, which no b-tree can serve. One GIN trigram index
/// (pg_trgm) over one text that holds every searched field finds the candidates; the OR itself is kept as the filter,
/// so the answer is exactly what it says. Searches under three characters have no trigram to look up and still scan.
/// </summary>
public static class PartySearchIndex
{
    public const string Name = "mt_doc_party_idx_search";

    /// <summary>The searched fields as Marten renders them: the columns of <c>Party.NameKey</c> and <c>Party.Number</c>, the
    /// JSON locators of <c>Party.Data.Mobile</c>, <c>MobileE164</c>, <c>NationalCode</c> (camelCase).</summary>
    public static readonly string[] Fields =
    [
        PartyColumns.NameKey,
        PartyColumns.Number,
        "(data -> 'data' ->> 'mobile')",
        "(data -> 'data' ->> 'mobileE164')",
        "(data -> 'data' ->> 'nationalCode')",
    ];

    /// <summary>
    /// The indexed text: the fields one after another, each apart from the next by a unit separator (U+001F), so a value
    /// that holds no separator is in the text exactly when it is in one of the fields. One expression rather than a
    /// column of the index a field: a trigram the fields share (the mobile as written and in E.164 share nearly all)
    /// is one entry a party, not one a field. 20,000 party rows inserted 1,000 a statement with the index and the
    /// VACUUM that empties its pending list, beside the primary key alone (171 ms): five columns 926 and 1,006 ms,
    /// this 779 and 777 (medians of five).
    /// </summary>
    public static readonly string Text = $"({string.Join(" || chr(31) || ", Fields.Select(f => $"coalesce({f}, '')"))})";

    /// <summary>The parties whose searched text contains <paramref name="value"/> (case-insensitively when asked): the
    /// index's condition, which a caller narrows to the field it means.</summary>
    public static IQueryable<Party> TextContains(this IQueryable<Party> parties, string value, bool ignoreCase)
    {
        var condition = ignoreCase ? TextILike : TextLike;
        var pattern = ContainsPattern(value);
        return parties.WhereInlined(p => p.MatchesSql(condition, pattern));
    }

    private static readonly string TextLike = $"{Text} like ?", TextILike = $"{Text} ilike ?";

    /// <summary>The <c>LIKE</c> pattern of a contains, its wildcards escaped as Marten escapes those of its own
    /// <c>Contains</c>, so this finds every party that the field's own <c>Contains</c> finds.</summary>
    public static string ContainsPattern(string value) =>
        $"%{value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";

    public static void Configure(StoreOptions opts)
    {
        // Created with the schema, before the index that needs its operator class.
        opts.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        // Marten's index mask replaces a "?" with the member's column; this index names its own expression instead.
        opts.Schema.For<Party>().Index(x => x.NameKey!, index =>
        {
            index.Name = Name;
            index.Method = IndexMethod.gin;
            index.Mask = $"{Text} gin_trgm_ops";
        });
    }
}
