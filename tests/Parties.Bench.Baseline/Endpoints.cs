using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Parties.Bench.Baseline;

/// <summary>
/// Single create (Parties dialect shape) and a vendor's three-field PATCH (Vendors dialect shape): the key check,
/// the same order of validation, one statement that writes the row, the answer in the dialect's JSON.
/// </summary>
public static partial class Endpoints
{
    public static readonly JsonSerializerOptions Snake = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    /// <summary>The key check and the validation every create does, in the service's order; the body with its number trimmed.</summary>
    public static async Task<(Caller? Caller, JsonObject? Body, IResult? Refusal)> ReadCreateAsync(HttpContext http, NpgsqlDataSource db)
    {
        if (await ApiKeys.AuthenticateAsync(http.Request, db) is not { } caller)
            return (null, null, Results.Json(new { detail = "Invalid API Key" }, statusCode: 401));
        if (!caller.Permissions.Contains("write")) return (null, null, Results.Json(new { detail = "Forbidden" }, statusCode: 403));
        JsonObject? body;
        try { body = await JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body, Snake, http.RequestAborted); }
        catch (JsonException e) { return (null, null, Field("non_field_errors", e.Message)); }
        if (body is null) return (null, null, Field("non_field_errors", "Invalid data."));

        var partyType = Text(body, "party_type");
        if (partyType is null) return (null, null, Field("party_type", "This field is required."));
        if (partyType is not ("individual" or "organization")) return (null, null, Field("party_type", $"\"{partyType}\" is not a valid choice."));
        var number = Text(body, "number")?.Trim();
        if (string.IsNullOrEmpty(number)) return (null, null, Field("number", "This field is required."));
        if (number.Length > 50) return (null, null, Field("number", "Ensure this field has no more than 50 characters."));
        foreach (var field in new[] { "first_name", "last_name", "legal_name" })
            if (Text(body, field)?.Length > 200) return (null, null, Field(field, "Ensure this field has no more than 200 characters."));
        if (Text(body, "mobile") is { Length: > 0 } mobile && !PhoneForm().IsMatch(mobile))
            return (null, null, Field("mobile", "Enter a valid phone number."));
        if (body["phones"] is JsonArray phones)
            for (var i = 0; i < phones.Count; i++)
                if (phones[i]?["phone"]?.GetValue<string>() is not { } phone || !PhoneForm().IsMatch(phone))
                    return (null, null, Field($"phones[{i}].phone", "Enter a valid phone number."));
        body["number"] = number;
        return (caller, body, null);
    }

    public static async Task<IResult> CreateParty(HttpContext http, NpgsqlDataSource db)
    {
        var (caller, body, refusal) = await ReadCreateAsync(http, db);
        if (refusal is not null) return refusal;
        var partyType = Text(body!, "party_type");
        var number = Text(body!, "number")!;

        var id = Guid.CreateVersion7();
        var name = partyType == "individual" ? $"{Text(body!, "first_name")} {Text(body!, "last_name")}".Trim() : Text(body!, "legal_name");
        var now = DateTimeOffset.UtcNow;
        body!["id"] = id;
        body["is_active"] ??= true;
        body["version"] = 1;
        body["created"] = now;
        body["modified"] = now;

        await using var command = db.CreateCommand("""
            INSERT INTO parties (organization_id, id, number, name_key, version, data, created, modified)
            VALUES ($1, $2, $3, $4, 1, $5, $6, $6) ON CONFLICT (organization_id, number) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = caller!.OrganizationId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name?.ToLowerInvariant() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = body.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        if (await command.ExecuteNonQueryAsync(http.RequestAborted) == 0) return Field("number", "party with this number already exists.");
        http.Response.Headers.ETag = "\"1\"";
        return Results.Json(body, Snake, statusCode: 201);
    }

    public static async Task<IResult> PatchVendor(string vendorId, HttpContext http, NpgsqlDataSource db)
    {
        if (await ApiKeys.AuthenticateAsync(http.Request, db) is not { } caller) return VendorError(401, "UNAUTHORIZED", "Invalid API Key");
        if (!Guid.TryParse(vendorId, out var id)) return VendorError(400, "INVALID_ID", "Invalid vendor id");
        JsonObject? body;
        try { body = await JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body, Camel, http.RequestAborted); }
        catch (JsonException e) { return VendorError(400, "VALIDATION_ERROR", e.Message); }
        if (body?["vendorData"] is not JsonObject data) return VendorError(400, "VALIDATION_ERROR", "/ must have required property 'vendorData'");
        var name = Text(data, "name");
        var email = Text(data, "email");
        var phone = Text(data, "phone");
        if (name is not null && (name.Trim().Length == 0 || name.Length > 200)) return VendorError(400, "VALIDATION_ERROR", "/vendorData/name is invalid");
        if (email is not null && (!email.Contains('@') || email.Length > 254)) return VendorError(400, "VALIDATION_ERROR", "/vendorData/email is invalid");
        if (phone is not null && !PhoneForm().IsMatch(phone)) return VendorError(400, "VALIDATION_ERROR", "/vendorData/phone is invalid");

        // The old values come back with the new version, so "same value given" is told without a second statement.
        await using var command = db.CreateCommand("""
            UPDATE parties p SET
                data = p.data || jsonb_strip_nulls(jsonb_build_object('legal_name', $3::text, 'email', $4::text, 'mobile', $5::text)),
                name_key = coalesce(lower($3), p.name_key), version = p.version + 1, modified = now()
            FROM (SELECT id, data FROM parties WHERE organization_id = $1 AND id = $2 FOR UPDATE) old
            WHERE p.organization_id = $1 AND p.id = old.id
            RETURNING old.data ->> 'legal_name', old.data ->> 'email', old.data ->> 'mobile', p.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = caller.OrganizationId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)phone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        if (!await reader.ReadAsync(http.RequestAborted)) return VendorError(404, "NOT_FOUND", "Vendor not found");

        var updates = new Dictionary<string, object>();
        void Outcome(string field, string? given, int column)
        {
            if (given is null) return;
            updates[field] = reader.IsDBNull(column) || reader.GetString(column) != given
                ? new { update = true }
                : new { update = false, error = new { code = "SAME_VALUE_GIVEN", message = $"{char.ToUpperInvariant(field[0])}{field[1..]} is same as the current one" } };
        }
        Outcome("name", name, 0);
        Outcome("email", email, 1);
        Outcome("phone", phone, 2);
        return Results.Json(new { ok = true, update = true, error = (object?)null, context = new { updates } }, Camel);
    }

    public static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static IResult Field(string field, string message) => Results.Json(new Dictionary<string, string[]> { [field] = [message] }, statusCode: 400);

    private static IResult VendorError(int status, string code, string message) =>
        Results.Json(new { ok = false, error = new { code, message } }, Camel, statusCode: status);

    [GeneratedRegex(@"^\+?[0-9۰-۹][0-9۰-۹ \-()]{2,30}$")]
    private static partial Regex PhoneForm();
}
