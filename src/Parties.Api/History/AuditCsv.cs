using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Marten;
using Parties.Api.Dialects.PartiesApi;
using Parties.Projections;

namespace Parties.Api.History;

/// <summary>
/// The audit trail as CSV, one row per changed field (what auditors filter and pivot on), newest first:
/// the whole filtered trail, streamed in keyset batches so an export of millions of rows holds one batch in memory.
/// A value is its text when it is a string, otherwise its JSON; an empty cell is null.
/// </summary>
public sealed class AuditCsv(IDocumentStore store, string organizationId, AuditFilter filter) : IResult
{
    private const int Batch = 1000;

    public static readonly string[] Header =
        ["timestamp", "party", "version", "action", "user", "api_key_id", "dialect", "request_id", "field", "old", "new", "erased", "reason"];

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        var cancellation = http.RequestAborted;
        await using var writer = new StreamWriter(http.Response.Body, leaveOpen: true);
        await using var csv = CsvWriter.Create(writer, null, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellation);

        await using var session = store.QuerySession(organizationId);
        var after = filter.After;
        while (true)
        {
            var entries = await AuditQuery.PageAsync(session, filter, after, Batch, cancellation);
            foreach (var entry in entries)
            foreach (var change in entry.Changes)
                await csv.WriteRecordAsync(Row(entry, change), cancellation);
            await csv.FlushAsync(cancellation);
            if (entries.Count < Batch) break;
            after = new AuditCursor(entries[^1].Timestamp, entries[^1].Sequence);
        }
    }

    private static string[] Row(TrailEntry entry, FieldChange change) =>
    [
        entry.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        entry.PartyId.ToString(),
        entry.Version.ToString(CultureInfo.InvariantCulture),
        entry.Action.ToString().ToLowerInvariant(),
        entry.UserId ?? "",
        entry.ApiKeyId ?? "",
        entry.Dialect ?? "",
        entry.RequestId ?? "",
        PartyHistory.FieldName(change.Field),
        Cell(change.Before),
        Cell(change.After),
        entry.Erased ? "true" : "false",
        entry.Reason ?? "",
    ];

    private static string Cell(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null } => "",
        { ValueKind: JsonValueKind.String } text => text.GetString() ?? "",
        { } json => json.GetRawText(),
    };
}
