using System.Collections.Immutable;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Events;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Storage;
using Wolverine.Marten;

namespace Parties;

/// <summary>
/// Starts one stream per registered party, set-based: the streams, the events and the inline <see cref="Party"/>
/// snapshots of a whole bulk are three multi-row statements queued in the session's unit of work, so they run in
/// the handler's transaction beside the Idempotency-Key record and commit or roll back with it.
/// <para>
/// Why it exists: Marten 9 offers no set-based append inside a session. Its Quick append writes each new stream
/// with one call of <c>mt_quick_append_events</c> and one snapshot upsert (4,506 statements for a bulk of 1000);
/// its <c>BulkInsertEventsAsync</c> copies in a transaction of its own, skips inline projections and moves the
/// high-water mark, so an atomic bulk with unique indexes cannot use it. This class alone writes Marten's tables,
/// and writes exactly the rows Marten's own append writes for the same input (a test compares them column by
/// column, and that a projection rebuild gives back the same snapshots).
/// </para>
/// <para>
/// Pinned to Marten 9.58.0 (a test asserts the assembly's version): the columns of <c>mt_streams</c>,
/// <c>mt_events</c> and the document table, the stream's final version written at insert, events drawn from the
/// store's one sequence in order, and the metadata taken from the session as <c>StreamAction.PrepareEvents</c>
/// does. It refuses a store configured otherwise than this service's (a Quick append mode, which in 9.58 passes the
/// client's timestamps either way; conjoined tenancy, Guid streams, no per-tenant sequences), where Marten would
/// write other rows.
/// </para>
/// <para>
/// The order is Marten's: streams, then events, then snapshots. The snapshot rows go through the unique indexes on
/// number and vendor name inside the transaction, so a race still ends in a unique violation that rolls the whole
/// bulk back, and Wolverine decides it again. Sequence numbers taken by a rolled-back bulk are a gap that the
/// high-water detection skips as for any failed append; nothing here moves the high-water mark.
/// </para>
/// </summary>
public sealed record SetBasedPartyAppend(ImmutableArray<PartyRegistered> Events) : IMartenOp
{
    public void Execute(IDocumentSession session)
    {
        if (Events.IsDefaultOrEmpty) return;
        var graph = (EventGraph)session.DocumentStore.Options.Events;
        AssertMirrorsMarten(graph);
        var metadata = (IMetadataContext)session;
        var serializer = session.DocumentStore.Options.Serializer();
        var tenant = session.TenantId;
        // One clock reading for the whole bulk, as Marten takes one per stream.
        var timestamp = graph.TimeProvider.GetUtcNow();

        var count = Events.Length;
        var streamIds = new Guid[count];
        var eventIds = new Guid[count];
        var bodies = new string[count];
        var snapshots = new string[count];
        IEvent? first = null;
        for (var i = 0; i < count; i++)
        {
            var e = (IEvent<PartyRegistered>)graph.BuildEvent(Events[i]);
            e.Id = Guid.CreateVersion7();
            e.StreamId = Events[i].PartyId;
            e.Version = 1;
            e.TenantId = tenant;
            e.Timestamp = timestamp;
            Stamp(e, metadata);
            first ??= e;

            var party = Party.Create(e);
            party.Version = 1;
            streamIds[i] = e.StreamId;
            eventIds[i] = e.Id;
            bodies[i] = serializer.ToJson(e.Data);
            snapshots[i] = serializer.ToJson(party);
        }

        var schema = graph.DatabaseSchemaName;
        var partyTable = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(Party)).TableName.QualifiedName;
        var uuids = NpgsqlDbType.Array | NpgsqlDbType.Uuid;
        var documents = NpgsqlDbType.Array | NpgsqlDbType.Jsonb;
        session.QueueOperation(new Statement(
            $"insert into {schema}.mt_streams (id, type, version, timestamp, tenant_id) " +
            "select s.id, ?, 1, now(), ? from unnest(?) as s(id)",
            [(graph.AggregateAliasFor(typeof(Party)), NpgsqlDbType.Varchar), (tenant, NpgsqlDbType.Varchar), (streamIds, uuids)]));
        session.QueueOperation(new Statement(
            $"insert into {schema}.mt_events (seq_id, id, stream_id, version, data, bdata, type, tenant_id, timestamp, " +
            "mt_dotnet_type, is_archived, causation_id, correlation_id, headers, user_name) " +
            $"select nextval('{schema}.mt_events_sequence'), e.id, e.stream_id, 1, e.data, null, ?, ?, ?, ?, false, ?, ?, ?, ? " +
            "from unnest(?, ?, ?) with ordinality as e(id, stream_id, data, n) order by e.n",
            [(first!.EventTypeName, NpgsqlDbType.Varchar), (tenant, NpgsqlDbType.Varchar), (timestamp, NpgsqlDbType.TimestampTz),
                (first.DotNetTypeName, NpgsqlDbType.Varchar), (first.CausationId, NpgsqlDbType.Varchar),
                (first.CorrelationId, NpgsqlDbType.Varchar), (serializer.ToJson(first.Headers), NpgsqlDbType.Jsonb),
                (first.UserName, NpgsqlDbType.Varchar), (eventIds, uuids), (streamIds, uuids), (bodies, documents)]));
        session.QueueOperation(new Statement(
            $"insert into {partyTable} (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified, modified_at, " +
            $"{PartyColumns.Number}, {PartyColumns.NameKey}) " +
            "select ?, d.id, d.data, 1, ?, transaction_timestamp(), ?, d.data ->> 'number', d.data ->> 'nameKey' from unnest(?, ?) as d(id, data)",
            [(tenant, NpgsqlDbType.Varchar), (typeof(Party).FullName, NpgsqlDbType.Varchar), (timestamp, NpgsqlDbType.TimestampTz),
                (streamIds, uuids), (snapshots, documents)]));
    }

    /// <summary>The event metadata Marten's Quick append takes from the session (<c>StreamAction.ProcessMetadata</c>).</summary>
    private static void Stamp(IEvent e, IMetadataContext metadata)
    {
        if (metadata.CausationIdEnabled) e.CausationId ??= metadata.CausationId;
        if (metadata.CorrelationIdEnabled) e.CorrelationId ??= metadata.CorrelationId;
        if (metadata.UserNameEnabled) e.UserName ??= metadata.CurrentUserName;
        if (metadata.HeadersEnabled && metadata.Headers is { Count: > 0 } headers)
            foreach (var (key, value) in headers) e.SetHeader(key, value);
    }

    private static void AssertMirrorsMarten(EventGraph graph)
    {
        if (graph.AppendMode == EventAppendMode.Rich || graph.TenancyStyle != TenancyStyle.Conjoined ||
            graph.StreamIdentity != StreamIdentity.AsGuid || graph.UseTenantPartitionedEvents || graph.UseArchivedStreamPartitioning)
            throw new InvalidOperationException(
                "SetBasedPartyAppend writes the rows of Marten's Quick append for conjoined Guid streams on one event sequence; " +
                "this store is configured otherwise.");
    }

    /// <summary>One statement of the unit of work, its <c>?</c> placeholders bound in order; it returns no rows.</summary>
    private sealed class Statement(string sql, (object? Value, NpgsqlDbType Type)[] values)
        : Marten.Internal.Operations.IStorageOperation, NoDataReturnedCall
    {
        public Type DocumentType => typeof(Party);

        public OperationRole Role() => OperationRole.Other;

        public void ConfigureCommand(Weasel.Postgresql.ICommandBuilder builder, IStorageSession session)
        {
            var parameters = builder.AppendWithParameters(sql, '?');
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].NpgsqlDbType = values[i].Type;
                parameters[i].Value = values[i].Value ?? DBNull.Value;
            }
        }

        public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) =>
            Task.CompletedTask;
    }
}
