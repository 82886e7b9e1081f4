using Marten;

namespace Parties;

/// <summary>
/// An organization's active vendors in name order, as one partial index: a page of a name-prefix list is an ordered
/// range scan that stops after the page, and its bounded count reads no other party. The list's filter repeats the
/// index's predicate literally (<see cref="Filter"/>): a prepared statement's generic plan can prove that a partial index
/// applies only from literals, not from parameters; and it names no column outside the index, so the count reads the
/// index alone (<c>SupplierTotal</c>). Names are in code-point order (the index's <c>text_pattern_ops</c>),
/// which is the database's order under the C or C.UTF-8 collation.
/// </summary>
public static class ActiveVendorNames
{
    public const string IndexName = "mt_doc_party_idx_active_vendor_name";

    private const string Containment = $$$"""'{"data": {"roles": ["{{{Roles.Vendor}}}"], "active": true}}'::jsonb""";

    /// <summary>The active, unmerged vendors, written as the list's query writes them (Marten's alias <c>d</c>).</summary>
    public const string Filter = $"d.data @> {Containment} and d.data ->> 'mergedInto' is null";

    /// <summary>The list's order, the index's: the name key in code-point order, the id breaking ties.</summary>
    public const string Order = $"d.{PartyColumns.NameKey} using ~<~, d.id";

    public static void Configure(StoreOptions opts) =>
        opts.Schema.For<Party>().Index(x => x.NameKey!, index =>
        {
            index.Name = IndexName;
            index.Mask = $"tenant_id, {PartyColumns.NameKey} text_pattern_ops, id";
            // As PostgreSQL writes it back, so the schema check finds nothing to change.
            index.Predicate = $"((data @> {Containment}) AND ((data ->> 'mergedInto'::text) IS NULL))";
        });
}
