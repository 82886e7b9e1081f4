using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Parties;

/// <summary>
/// The Parties list's <c>search</c> (a case-insensitive contains over name, number, mobile and national code) is an
/// OR of <c>LIKE '%…%'</c> over the snapshot's JSON, which no b-tree can serve. One GIN trigram index (pg_trgm) with
/// a column for each of those expressions, written exactly as Marten's LINQ writes them, serves every branch of the
/// OR (a BitmapOr of scans of the one index), so the query keeps its exact semantics and stops scanning every party.
/// Searches under three characters have no trigram to look up and still scan.
/// </summary>
public static class PartySearchIndex
{
    public const string Name = "mt_doc_party_idx_search";

    /// <summary>The searched fields as Marten renders them: the columns of <c>Party.NameKey</c> and <c>Party.Number</c>, the
    /// JSON locators of <c>Party.Data.Mobile</c>, <c>MobileE164</c>, <c>NationalCode</c> (camelCase).</summary>
    public static readonly string[] Expressions =
    [
        PartyColumns.NameKey,
        PartyColumns.Number,
        "(data -> 'data' ->> 'mobile')",
        "(data -> 'data' ->> 'mobileE164')",
        "(data -> 'data' ->> 'nationalCode')",
    ];

    public static void Configure(StoreOptions opts)
    {
        // Created with the schema, before the index that needs its operator class.
        opts.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        // Marten's index mask wraps all the columns with one operator class and a GIN index needs one per column, so the
        // mask (which replaces a "?" with the columns) carries the whole column list itself.
        opts.Schema.For<Party>().Index(x => x.NameKey!, index =>
        {
            index.Name = Name;
            index.Method = IndexMethod.gin;
            index.Mask = string.Join(", ", Expressions.Select(e => $"{e} gin_trgm_ops"));
        });
    }
}
