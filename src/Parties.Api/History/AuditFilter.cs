using System.Globalization;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Dialects.Suppliers;
using Parties.Api.Dialects.Vendors;
using Parties.Api.Http;

namespace Parties.Api.History;

/// <summary>
/// The audit query's parameters, read and checked: <c>party</c>, <c>user</c>, <c>field</c>, <c>dialect</c>,
/// <c>from</c> (inclusive), <c>to</c> (exclusive), <c>cursor</c>, <c>limit</c>, <c>format</c>.
/// </summary>
public sealed record AuditFilter(Guid? Party, string? User, string? Field, string? Dialect, DateTimeOffset? From,
    DateTimeOffset? To, AuditCursor? After, int Limit, bool Csv)
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    /// <summary>Party fields by the name this API shows them under (snake_case, <c>is_active</c>), to their stored name.</summary>
    private static readonly Dictionary<string, string> Fields =
        PartyFields.All.ToDictionary(f => PartyHistory.FieldName(f.Name), f => f.Name);

    private static readonly string[] Dialects = [PartiesErrors.Name, VendorsErrors.Name, SuppliersErrors.Name];

    public static (AuditFilter? Filter, IResult? Error) Read(HttpRequest request)
    {
        var query = request.Query;
        IResult Bad(string parameter, string message) => PartiesErrors.Instance.BadRequest(parameter, message);

        Guid? party = null;
        if (Text(query, "party") is { } partyText)
        {
            if (!Guid.TryParse(partyText, out var id)) return (null, Bad("party", "Must be a valid UUID."));
            party = id;
        }

        string? field = null;
        if (Text(query, "field") is { } fieldText && !Fields.TryGetValue(fieldText, out field))
            return (null, Bad("field", $"Select a valid choice. {fieldText} is not one of the available choices."));

        var dialect = Text(query, "dialect");
        if (dialect is not null && !Dialects.Contains(dialect))
            return (null, Bad("dialect", $"Select a valid choice. {dialect} is not one of the available choices."));

        var (from, fromError) = Time(query, "from");
        if (fromError is not null) return (null, fromError);
        var (to, toError) = Time(query, "to");
        if (toError is not null) return (null, toError);
        if (from is not null && to is not null && to <= from) return (null, Bad("to", "Must be later than from."));

        AuditCursor? after = null;
        if (Text(query, "cursor") is { } cursorText)
        {
            after = AuditCursor.Parse(cursorText);
            if (after is null) return (null, Bad("cursor", "Invalid cursor."));
        }

        if (!QueryNumbers.TryRange(Text(query, "limit"), 1, MaxLimit, DefaultLimit, out var limit, NumberStyles.Integer))
            return (null, Bad("limit", $"Ensure this value is a whole number from 1 to {MaxLimit}."));

        var format = Text(query, "format");
        if (format is not null && format is not ("csv" or "json"))
            return (null, Bad("format", $"Select a valid choice. {format} is not one of the available choices."));
        var csv = format == "csv" || format is null && AcceptsCsv(request);

        return (new AuditFilter(party, Text(query, "user"), field, dialect, from, to, after, limit, csv), null);
    }

    private static (DateTimeOffset? Value, IResult? Error) Time(IQueryCollection query, string name)
    {
        if (Text(query, name) is not { } text) return (null, null);
        return Rfc3339.TryParse(text, out var value) ? (value, null) : (null, PartiesErrors.Instance.BadRequest(name, Rfc3339.Message));
    }

    private static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text ? text : null;

    private static bool AcceptsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
}
