using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>Whether an answer is in its dialect's shape: null when it is, otherwise what is wrong.</summary>
public static class DialectShapes
{
    public static string? Error(string dialect, int status, string body, bool bulk)
    {
        if (!TryParse(body, out var json)) return "the body is not JSON";
        return dialect switch
        {
            "parties" => PartiesError(json, bulk, status),
            "vendors" => VendorsError(json, status),
            "suppliers" => SuppliersError(json, status),
            "admin" => AdminError(json, status),
            _ => $"unknown dialect {dialect}",
        };
    }

    /// <summary>DRF: <c>{"detail":"…"}</c> (a 410 adds <c>merged_into</c>), <c>{"field":["…"]}</c>, or for a bulk a list of
    /// those, empty up to the failing item.</summary>
    public static string? PartiesError(JsonElement json, bool bulk, int status = 400)
    {
        if (json.ValueKind == JsonValueKind.Object)
        {
            if (json.TryGetProperty("detail", out var detail))
                return detail.ValueKind == JsonValueKind.String &&
                       json.EnumerateObject().All(p => p.Name == "detail" || (status == 410 && p.Name == "merged_into"))
                    ? null : "detail must be the only property (with merged_into on a 410), a string";
            return FieldErrors(json, allowEmpty: false);
        }
        if (bulk && json.ValueKind == JsonValueKind.Array && json.GetArrayLength() > 0)
        {
            var items = json.EnumerateArray().ToArray();
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].ValueKind != JsonValueKind.Object) return $"item {i} is not an object";
                if (FieldErrors(items[i], allowEmpty: i < items.Length - 1) is { } problem) return $"item {i}: {problem}";
            }
            return null;
        }
        return "neither {\"detail\"} nor {\"field\":[…]}";
    }

    private static string? FieldErrors(JsonElement json, bool allowEmpty)
    {
        var fields = json.EnumerateObject().ToArray();
        if (fields.Length == 0) return allowEmpty ? null : "no field is named";
        foreach (var field in fields)
        {
            if (field.Name.Length == 0) return "a field without a name";
            if (field.Value.ValueKind != JsonValueKind.Array || field.Value.GetArrayLength() == 0 ||
                field.Value.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || m.GetString()!.Length == 0))
                return $"{field.Name} is not a list of messages";
        }
        return null;
    }

    /// <summary><c>{"ok":false,"error":{"code":"…","message":"…"}}</c>, maybe with a <c>context</c> (a 410 with <c>mergedInto</c>).</summary>
    public static string? VendorsError(JsonElement json, int status = 400)
    {
        if (json.ValueKind != JsonValueKind.Object) return "not an object";
        if (!json.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.False) return "ok is not false";
        if (!json.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return "no error object";
        if (!error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || code.GetString()!.Length == 0) return "no code";
        if (!error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String) return "no message";
        return json.EnumerateObject().All(p => p.Name is "ok" or "error" or "context" || (status == 410 && p.Name == "mergedInto") ||
                                               (status == 400 && p.Name == "duplicateVendor"))
            ? null : "unexpected properties";
    }

    /// <summary>Cin7 Core: <c>[{"ErrorCode":status,"Exception":"…"}]</c>.</summary>
    public static string? SuppliersError(JsonElement json, int status)
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0) return "not a non-empty list";
        foreach (var item in json.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) return "an item is not an object";
            if (!item.TryGetProperty("ErrorCode", out var code) || !code.TryGetInt32(out var value) || value != status) return "ErrorCode is not the status";
            if (!item.TryGetProperty("Exception", out var exception) || exception.ValueKind != JsonValueKind.String) return "no Exception text";
        }
        return null;
    }

    /// <summary>RFC 9457 problem details.</summary>
    public static string? AdminError(JsonElement json, int status) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("status", out var s) && s.TryGetInt32(out var value) && value == status
            && json.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
            ? null : "not problem details with the status";

    /// <summary>How many items of a Suppliers batch answer (200) were written; null when the answer is not one.</summary>
    public static int? SucceededSuppliers(string body)
    {
        if (!TryParse(body, out var json) || json.ValueKind != JsonValueKind.Object ||
            !json.TryGetProperty("Suppliers", out var items) || items.ValueKind != JsonValueKind.Array) return null;
        var succeeded = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (!item.TryGetProperty("Errors", out var errors) || errors.ValueKind != JsonValueKind.Array ||
                !item.TryGetProperty("OperationStatus", out var status)) return null;
            if (status.GetString() == "succeeded") succeeded++;
            else if (errors.GetArrayLength() == 0) return null;
        }
        return succeeded;
    }

    public static bool TryParse(string body, out JsonElement json)
    {
        json = default;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A read and a write of the Parties dialect, a Vendors read and a Suppliers list, by the organization's admin.</summary>
    public static (string Dialect, Action<Scenario> Call)[] CallsOf(TestOrganization org, Guid party) =>
    [
        ("parties", s => { s.Get.Url($"/api/parties/{party}/"); s.WithApiKey(org.AdminKey); }),
        ("parties", s => { s.Patch.Json(new { notes = $"note {Guid.NewGuid()}" }).ToUrl($"/api/parties/{party}/"); s.WithApiKey(org.AdminKey); }),
        ("vendors", s => { s.Get.Url($"/v1.0/vendor/{party}"); s.WithApiKey(org.AdminKey); }),
        ("suppliers", s =>
        {
            s.Get.Url("/Suppliers");
            s.WithRequestHeader("api-auth-accountid", org.AccountId.ToString());
            s.WithRequestHeader("api-auth-applicationkey", org.AdminKey);
        }),
    ];

    /// <summary>The 503 of a database that is not there, as each dialect words it.</summary>
    public static void ShouldBeUnavailable(string dialect, string text)
    {
        var body = JsonDocument.Parse(text).RootElement;
        switch (dialect)
        {
            case "parties":
                body.GetProperty("detail").GetString().ShouldBe("Service temporarily unavailable, try again later.");
                break;
            case "vendors":
                body.ShouldBeError("SERVICE_UNAVAILABLE");
                break;
            default:
                body[0].GetProperty("ErrorCode").GetInt32().ShouldBe(503);
                body[0].GetProperty("Exception").GetString()!.ShouldStartWith("Service temporarily unavailable.");
                break;
        }
    }
}
