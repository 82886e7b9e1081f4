using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using JasperFx.MultiTenancy;
using Parties.Erasure;
using Parties.Idempotency;
using Parties.Projections;
using Parties.Reference;
using Parties.Webhooks;
using Weasel.Core;

namespace Parties;

/// <summary>The Marten configuration of the party store, in one place.</summary>
public static class PartiesStore
{
    public const string Schema = "parties";

    /// <summary>Serialization shared by the party store and the platform store.</summary>
    public static void UseJson(StoreOptions opts) =>
        // Events and documents leave out what is null: most of a party's thirty fields are empty, and every byte of
        // an event or a snapshot is written again to the WAL (reading them back gives the same nulls).
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, o =>
        {
            DomainJson.Configure(o);
            o.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });

    /// <summary>One database: every organization in it, conjoined.</summary>
    public static void Configure(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        ConfigureModel(opts);
    }

    /// <summary>
    /// A pool of databases (Marten's sharded tenancy): the master holds the pool and which organization lives in which
    /// database (schema <see cref="Schema"/>); each organization's rows, events and messages live in its database,
    /// conjoined with the others placed there. Every organization is placed explicitly when it is created: one Marten
    /// has no assignment for is refused rather than placed silently on some database, empty.
    /// </summary>
    public static void ConfigureSharded(StoreOptions opts, string masterConnectionString,
        IReadOnlyList<(string Name, string ConnectionString)> databases)
    {
        var connections = new ShardConnections(databases);
        opts.DataSourceFactory(connections);
        opts.MultiTenantedWithShardedDatabases(sharded =>
        {
            sharded.ConnectionString = masterConnectionString;
            sharded.SchemaName = Schema;
            sharded.UseExplicitAssignment();
            foreach (var (name, _) in databases) sharded.AddDatabase(name, connections.Stored(name));
        });
        // Marten's sharded mode also splits every document table into a list partition per organization. A prepared
        // statement's cached plan over a partitioned table locks every partition each time it runs (PostgreSQL before 18),
        // which doubled PostgreSQL's CPU per party read (the sharded benchmark's details at 0.68–0.87 of one database's).
        // The organizations of one database share its tables, conjoined by tenant column, as in a single database.
        opts.Policies.ForAllDocuments(mapping => mapping.DisablePartitioningIfAny = true);
        ConfigureModel(opts);
    }

    private static void ConfigureModel(StoreOptions opts)
    {
        opts.DatabaseSchemaName = Schema;
        UseJson(opts);

        // Tenant = organization, in the same tables (conjoined): every row carries its tenant id.
        opts.Policies.AllDocumentsAreMultiTenanted();
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.AddEventType<PartyRegistered>();
        opts.Events.AddEventType<PartyChanged>();
        opts.Events.AddEventType<PartyDeactivated>();
        opts.Events.AddEventType<PartyReactivated>();
        opts.Events.AddEventType<PartyErased>();
        PersonalDataMasking.Configure(opts);
        opts.Events.AddEventType<PartyMerged>();
        opts.Events.AddEventType<PartyAbsorbed>();
        opts.Events.AddEventType<PartyUnmerged>();
        opts.Events.AddEventType<PartyRestored>();

        // The snapshot is written in the append's transaction, so its unique indexes decide races.
        opts.Projections.Snapshot<Party>(SnapshotLifecycle.Inline);
        opts.Schema.For<Party>()
            // The number and the name key are columns of their own (Marten duplicated fields, which its LINQ then reads):
            // an index on a column can answer a query alone (an index-only count of a name prefix), and a sort on one
            // carries narrow rows where a sort on the JSON carried each match's whole document (search=).
            .Duplicate(x => x.Number, pgType: "text", configure: index =>
            {
                index.Name = "uq_party_number";
                index.IsUnique = true;
                index.TenancyScope = TenancyScope.PerTenant;
            })
            .Duplicate(x => x.NameKey, pgType: "text")
            // Not partial, though only vendors have a vendor name key: see DuplicateKeys.Configure (statistics).
            .UniqueIndex(UniqueIndexType.Computed, "uq_party_vendor_name", TenancyScope.PerTenant, x => x.VendorNameKey!)
            // The name-prefix lists range-scan this one within one organization (NamePrefix writes the prefix as a range of
            // this opclass's code-point order, whatever the database's collation is); the column's own index serves
            // equality and ordering. The tenant leads, so a prepared statement's plan needs no second index to keep to the
            // organization.
            .Index(x => x.NameKey!, index =>
            {
                index.Name = "mt_doc_party_idx_name_key_prefix";
                index.Mask = $"tenant_id, {PartyColumns.NameKey} text_pattern_ops";
            })
            // A column of its own, not an index on the JSON: Marten indexes a DateTimeOffset in JSON through its SQL function
            // mt_immutable_timestamptz, which PostgreSQL cannot inline and plans again in every INSERT that maintains the
            // index (about 60 µs of database CPU a call, measured with pgbench); a column costs an ordinary b-tree entry.
            .Duplicate(x => x.ModifiedAt);
        PartySearchIndex.Configure(opts);
        DuplicateKeys.Configure(opts);
        ClaimIndexes.Configure(opts);
        ActiveVendorNames.Configure(opts);

        opts.Projections.Add<AuditEntryProjection>(ProjectionLifecycle.Async, DaemonMemory.Limit);
        // The audit query filters within one organization and pages newest first by (timestamp, sequence): each
        // filter gets a composite index led by the tenant and ending in that order, so a page is one index range scan
        // however many events there are. The field filter is a jsonb containment on a GIN index of the changed-field
        // names only.
        // The timestamp is a column of its own for the reason ModifiedAt is (four index entries a write otherwise call the
        // SQL function); the column's own index is the unfiltered one, (tenant, timestamp, sequence).
        opts.Schema.For<AuditEntry>()
            .StartIndexesByTenantId()
            .Duplicate(x => x.Timestamp, configure: index => index.Mask = "tenant_id, ?, id")
            .Index(x => new { x.PartyId, x.Timestamp, x.Id })
            .Index(x => new { x.UserId, x.Timestamp, x.Id })
            .Index(x => new { x.Dialect, x.Timestamp, x.Id })
            .GinIndexJsonDataMember(x => x.Fields);

        // Per organization like every document; Scope finds all records of one key (the items of a batch).
        // CreatedAt a column of its own, as ModifiedAt above.
        opts.Schema.For<IdempotencyRecord>().Index(x => x.Scope).Duplicate(x => x.CreatedAt);

        opts.Schema.For<ReferenceData>().UseOptimisticConcurrency(true);
        WebhookDocuments.Configure(opts);
    }
}
