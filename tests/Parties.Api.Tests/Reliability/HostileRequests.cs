using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Parties.Api.Tests.Reliability;

/// <summary>One generated request: what is sent, and a line saying what was done to it.</summary>
public sealed record HostileRequest(string Dialect, string Method, string Path, string Query, byte[]? Body, string? ContentType,
    string? Authorization, string? IfMatch, string Description)
{
    public bool IsWrite => Method is not "GET";
    public bool IsBulk => Path.EndsWith("/bulk/", StringComparison.Ordinal);

    public override string ToString()
    {
        var body = Body is null ? "(none)" : Body.Length > 600
            ? $"{Encoding.UTF8.GetString(Body, 0, 300)} …[{Body.Length} bytes]… {Encoding.UTF8.GetString(Body, Body.Length - 100, 100)}"
            : Encoding.UTF8.GetString(Body);
        return $"{Method} {Path}{Query} [{Description}] auth={Authorization ?? "(none)"} if-match={IfMatch ?? "(none)"} " +
               $"content-type={ContentType ?? "(none)"} body={body}";
    }
}

/// <summary>The rows a hostile request may name: real ones of the organization, so a valid-looking request goes deep, and
/// <paramref name="ForeignId"/>, a supplier (a party, a vendor) of another organization, which must not exist for the caller;
/// <paramref name="MergeableId"/>, a party that merges may absorb (and unmerges restore) without taking the others away.</summary>
public sealed record HostileTargets(string AdminKey, string ReadOnlyKey, Guid PartyId, Guid VendorId, Guid SupplierId, Guid ForeignId,
    Guid MergeableId);

/// <summary>
/// CsCheck generators of hostile requests against every endpoint of every dialect: a valid body (or query) that is
/// then broken: malformed JSON, wrong types, nulls, missing and unknown fields, overlong strings, deep nesting,
/// invalid UTF-8, U+0000, huge numbers, batches over their limits, odd ids, headers and content types.
/// </summary>
public static class HostileRequests
{
    private const string Marker = "\u2063HOSTILE\u2063";

    public static Gen<HostileRequest> Any(HostileTargets t) => Gen.Frequency(
        (3, PartiesWrite(t)),
        (1, PartiesErase(t)),
        (1, PartiesBulk(t)),
        (1, PartiesMerge(t)),
        (2, PartiesRead(t)),
        (1, HistoryRead(t)),
        (3, VendorsWrite(t)),
        (2, VendorsRead(t)),
        (3, SuppliersWrite(t)),
        (1, SuppliersBulk(t)),
        (2, SuppliersRead(t)),
        (2, AdminWrite(t)),
        (1, AdminRead(t)));

    // ---- endpoints ----

    private static Gen<HostileRequest> PartiesWrite(HostileTargets t) =>
        from target in Gen.OneOf(("POST", "/api/parties/"), ("PUT", "{id}"), ("PATCH", "{id}"), ("DELETE", "{id}"))
        from id in PathId(t.PartyId, t.ForeignId)
        from number in Gen.Int[0, 30]
        from body in Body(PartyBody(number))
        from ifMatch in IfMatch
        from headers in Headers(t)
        let path = target.Item2 == "{id}" ? $"/api/parties/{id}/" : target.Item2
        select new HostileRequest("parties", target.Item1, path, "", target.Item1 == "DELETE" && body.Bytes.Length > 0 ? null : body.Bytes,
            headers.ContentType, headers.Authorization, target.Item1 == "POST" ? null : ifMatch, body.Description);

    private static Gen<HostileRequest> PartiesErase(HostileTargets t) =>
        from id in PathId(t.PartyId, t.ForeignId)
        from body in Body(new JsonObject { ["reason"] = "asked by the person" })
        from headers in Headers(t)
        select new HostileRequest("parties", "POST", $"/api/parties/{id}/erase/", "", body.Bytes, headers.ContentType, headers.Authorization,
            null, body.Description);

    private static Gen<HostileRequest> PartiesBulk(HostileTargets t) =>
        from method in Gen.OneOf("POST", "PUT", "PATCH")
        from number in Gen.Int[0, 30]
        from count in Gen.Frequency((3, Gen.Int[1, 3]), (1, Gen.Int[1001, 1200]))
        from oddNumber in Gen.Frequency((3, Gen.Const((string?)null)), (1, OddIdText(t).Select(text => (string?)text)))
        from body in Body(new JsonArray([.. Enumerable.Range(0, count)
            .Select(i => (JsonNode)PartyBody(number + i, i == 0 ? oddNumber : null))]))
        from headers in Headers(t)
        select new HostileRequest("parties", method, "/api/parties/bulk/", "", body.Bytes, headers.ContentType, headers.Authorization,
            null, $"{count} items; {body.Description}");

    private static Gen<HostileRequest> PartiesMerge(HostileTargets t) =>
        from unmerge in Gen.Bool
        from id in PathId(t.PartyId, t.ForeignId)
        from other in Gen.Frequency((4, Gen.Const(t.MergeableId.ToString())), (2, OddIdText(t)))
        from body in Body(unmerge
            ? new JsonObject { ["restore"] = other }
            : new JsonObject { ["absorb"] = new JsonArray(other), ["prefer"] = new JsonObject { ["notes"] = other, ["email"] = id } })
        from ifMatch in IfMatch
        from headers in Headers(t)
        select new HostileRequest("parties", "POST", $"/api/parties/{id}/{(unmerge ? "unmerge" : "merge")}/", "", body.Bytes,
            headers.ContentType, headers.Authorization, ifMatch, body.Description);

    private static Gen<HostileRequest> PartiesRead(HostileTargets t) =>
        from path in Gen.OneOf(Gen.Const("/api/parties/"), PathId(t.PartyId, t.ForeignId).Select(id => $"/api/parties/{id}/"),
            PathId(t.PartyId, t.ForeignId).Select(id => $"/api/parties/{id}/history/"),
            PathId(t.PartyId, t.ForeignId).Select(id => $"/api/parties/{id}/duplicates/"), Gen.Const("/api/duplicates/"))
        from query in Query(t, "page", "page_size", "ordering", "party_type", "modified_since", "is_active", "include_inactive", "role",
            "sub_type", "number", "search", "as_of", "version", "min_score", "reason")
        from headers in Headers(t)
        select new HostileRequest("parties", "GET", path, query, null, null, headers.Authorization, null, "query");

    // No `wait`: a valid long-poll wait would hold a case for up to 30 s.
    private static Gen<HostileRequest> HistoryRead(HostileTargets t) =>
        from path in Gen.OneOf("/api/audit/", "/api/changes/")
        from query in Query(t, "party", "user", "field", "dialect", "from", "to", "cursor", "limit", "format", "after")
        from headers in Headers(t)
        select new HostileRequest("parties", "GET", path, query, null, null, headers.Authorization, null, "query");

    private static Gen<HostileRequest> VendorsWrite(HostileTargets t) =>
        from create in Gen.Bool
        from id in PathId(t.VendorId, t.ForeignId)
        from number in Gen.Int[0, 30]
        from owner in Gen.Frequency((3, Gen.Const("alice")), (1, OddIdText(t)))
        from body in Body(create ? VendorBody(number) : new JsonObject { ["vendorData"] = VendorPatchData(number, owner) })
        from headers in Headers(t)
        select new HostileRequest("vendors", create ? "POST" : "PATCH", create ? "/v1.0/vendor" : $"/v1.0/vendor/{id}", "", body.Bytes,
            headers.ContentType, headers.Authorization, null, body.Description);

    private static Gen<HostileRequest> VendorsRead(HostileTargets t) =>
        from path in Gen.OneOf(Gen.Const("/v1.0/vendors"), Gen.Const("/v1.0/vendor/search"),
            PathId(t.VendorId, t.ForeignId).Select(id => $"/v1.0/vendor/{id}"),
            PathId(t.VendorId, t.ForeignId).Select(id => $"/v1.0/vendor/{id}/audit-trail"))
        from query in Query(t, "name", "userId", "gstNumber", "panNumber", "limit", "cursor", "as_of", "version")
        from headers in Headers(t)
        select new HostileRequest("vendors", "GET", path, query, null, null, headers.Authorization, null, "query");

    private static Gen<HostileRequest> SuppliersWrite(HostileTargets t) =>
        from put in Gen.Bool
        from number in Gen.Int[0, 30]
        from ids in BodyId(t).Array[1, 3]
        from body in Body(new JsonObject
        {
            ["Suppliers"] = new JsonArray([.. ids.Select((id, i) => (JsonNode)SupplierBody(number + i, put ? id : null, put))]),
        })
        from headers in Headers(t)
        select new HostileRequest("suppliers", put ? "PUT" : "POST", "/Suppliers", "", body.Bytes, headers.ContentType,
            headers.Authorization, null, body.Description);

    private static Gen<HostileRequest> SuppliersBulk(HostileTargets t) =>
        from put in Gen.Bool
        from count in Gen.Int[101, 160]
        from body in Body(new JsonObject
        {
            ["Suppliers"] = new JsonArray([.. Enumerable.Range(0, count)
                .Select(i => (JsonNode)SupplierBody(i, put ? t.SupplierId.ToString() : null, put))]),
        })
        from headers in Headers(t)
        select new HostileRequest("suppliers", put ? "PUT" : "POST", "/Suppliers", "", body.Bytes, headers.ContentType,
            headers.Authorization, null, $"{count} items; {body.Description}");

    private static Gen<HostileRequest> SuppliersRead(HostileTargets t) =>
        from path in Gen.OneOf(Gen.Const("/Suppliers"), PathId(t.SupplierId, t.ForeignId).Select(id => $"/Suppliers/{id}"))
        from query in Query(t, "page", "limit", "name", "modifiedSince", "includeDeprecated", "as_of", "version")
        from headers in Headers(t)
        select new HostileRequest("suppliers", "GET", path, query, null, null, headers.Authorization, null, "query");

    private static Gen<HostileRequest> AdminWrite(HostileTargets t) =>
        from target in Gen.OneOf(
            ("POST", "/admin/users", (JsonNode)new JsonObject { ["id"] = "dave", ["name"] = "Dave", ["email"] = "dave@hostile.test", ["role"] = "member" }),
            ("POST", "/admin/api-keys", new JsonObject { ["user"] = "alice", ["permissions"] = new JsonArray("read") }),
            ("PUT", "/admin/flex-fields/{key}", new JsonObject
            {
                ["type"] = "DROPDOWN", ["options"] = new JsonArray(new JsonObject { ["id"] = "r", ["label"] = "Red" }),
            }),
            ("PUT", "/admin/payment-terms/{key}", new JsonObject { ["active"] = true }),
            ("PUT", "/admin/tax-rules/{key}", new JsonObject { ["forPurchases"] = true, ["active"] = true }),
            ("PUT", "/admin/accounts/{key}", new JsonObject { ["accountPayable"] = true, ["active"] = true }),
            ("PUT", "/admin/attribute-sets/{key}", new JsonObject { ["name"] = "Set" }),
            ("PUT", "/admin/party-sub-types/{key}", new JsonObject { ["name"] = "Sub type" }),
            ("PUT", "/admin/party-roles/{key}", new JsonObject { ["name"] = "Role" }),
            ("PUT", "/admin/settings", new JsonObject { ["plan"] = "Large", ["defaultCountry"] = "IR" }))
        from key in Gen.Frequency((8, Gen.OneOf("hostile", "x", new string('k', 51), "ключ", "customer", "none", "%E2%80%AE", "a%20b")),
            (1, OddIdText(t).Select(Uri.EscapeDataString)))
        from userId in Gen.Frequency((3, Gen.Const((string?)null)), (1, OddIdText(t).Select(text => (string?)text)))
        from body in Body(WithUser(target.Item3, userId))
        from headers in Headers(t)
        select new HostileRequest("admin", target.Item1, target.Item2.Replace("{key}", key), "", body.Bytes, headers.ContentType,
            headers.Authorization, null, body.Description);

    private static Gen<HostileRequest> AdminRead(HostileTargets t) =>
        from path in Gen.OneOf("/admin/users", "/admin/api-keys", "/admin/flex-fields", "/admin/payment-terms", "/admin/settings",
            "/admin/party-roles", "/admin/nothing-here")
        from method in Gen.Frequency((6, Gen.Const("GET")), (1, Gen.Const("DELETE")))
        from id in PathId(Guid.Parse("0193e0a0-0000-7000-8000-00000000dead"), t.ForeignId)
        from query in Query(t, "page", "limit")
        from headers in Headers(t)
        let url = method == "DELETE" ? $"/admin/api-keys/{id}" : path
        select new HostileRequest("admin", method, url, query, null, null, headers.Authorization, null, "query");

    // ---- valid bodies, to be broken ----

    private static JsonObject PartyBody(int number, string? numberText = null) => new()
    {
        ["number"] = numberText ?? $"H-{number}", ["party_type"] = "organization", ["legal_name"] = $"Hostile {number} Ltd", ["role"] = "customer_and_vendor",
        ["sub_type"] = null, ["mobile"] = "09121234567", ["notes"] = "notes", ["national_code"] = "0012345678", ["economic_code"] = "411",
        ["registration_number"] = "R1", ["is_active"] = true,
        ["addresses"] = new JsonArray(new JsonObject
        {
            ["address_type"] = "billing", ["city"] = "Tehran", ["address"] = "1 Azadi St", ["postal_code"] = "1344654114",
            ["is_default"] = true, ["is_active"] = true,
        }),
        ["phones"] = new JsonArray(new JsonObject { ["phone_type"] = "office", ["phone"] = "+982188776655" }),
    };

    private static JsonObject VendorBody(int number) => new()
    {
        ["name"] = $"Hostile Vendor {number}", ["email"] = "v@hostile.test", ["phone"] = "+989121234567", ["locality"] = "DOMESTIC",
        ["paymentTerms"] = "Net30", ["gstNumber"] = $"G{number}", ["panNumber"] = $"P{number}",
        ["address"] = new JsonObject
        {
            ["addressLine1"] = "1 Main St", ["addressLine2"] = "Floor 2", ["city"] = "Pune", ["state"] = "MH", ["zipCode"] = "411001",
            ["country"] = "IN",
        },
    };

    private static JsonObject VendorPatchData(int number, string owner) => new()
    {
        ["name"] = $"Hostile Vendor {number}", ["email"] = "v@hostile.test", ["phone"] = "+989121234567", ["owner"] = owner,
        ["address"] = new JsonObject { ["addressLine1"] = "2 Main St", ["city"] = "Pune", ["locality"] = "INTERNATIONAL" },
        ["communications"] = new JsonObject { ["to"] = new JsonArray("a@hostile.test"), ["cc"] = new JsonArray(), ["bcc"] = new JsonArray() },
        ["customFields"] = new JsonObject { ["color"] = new JsonObject { ["type"] = "VARCHAR", ["value"] = "red" } },
    };

    private static JsonObject SupplierBody(int number, JsonNode? id, bool withId)
    {
        var supplier = new JsonObject
        {
            ["Name"] = $"Hostile Supplier {number}", ["Currency"] = "USD", ["PaymentTerm"] = "Net30", ["TaxRule"] = "Purchases",
            ["AccountPayable"] = "2100", ["Status"] = "Active", ["Discount"] = 12.5, ["Comments"] = "c", ["TaxNumber"] = "T1",
            ["AttributeSet"] = "Extras", ["AdditionalAttribute1"] = "a1",
            ["Addresses"] = new JsonArray(new JsonObject
            {
                ["Line1"] = "1 Main St", ["Type"] = "Billing", ["DefaultForType"] = true, ["City"] = "Auckland", ["Postcode"] = "1010",
                ["Country"] = "New Zealand",
            }),
            ["Contacts"] = new JsonArray(new JsonObject { ["Name"] = "Jane", ["Email"] = "jane@hostile.test", ["Default"] = true }),
        };
        if (withId) supplier["ID"] = id;
        return supplier;
    }

    // ---- breaking a body ----

    public sealed record BrokenBody(byte[] Bytes, string Description);

    private abstract record Mutation;
    private sealed record Replace(uint Where, byte[] Raw) : Mutation;
    private sealed record Remove(uint Where) : Mutation;
    private sealed record AddUnknown(uint Where, string Name, byte[] Raw) : Mutation;
    private sealed record ReplaceRoot(byte[] Raw) : Mutation;

    private abstract record ByteMutation;
    private sealed record Truncate(uint Where) : ByteMutation;
    private sealed record Insert(uint Where, byte[] Garbage) : ByteMutation;
    private sealed record Whole(byte[] Bytes) : ByteMutation;
    private sealed record DuplicateFirstProperty() : ByteMutation;

    /// <summary>The valid body broken by one to three changes of its tree, then maybe of its bytes; rarely left valid.</summary>
    private static Gen<BrokenBody> Body(JsonNode valid)
    {
        var treeMutation = Gen.Frequency<Mutation>(
            (6, Gen.Select(Gen.UInt, RawValue, (w, raw) => (Mutation)new Replace(w, raw))),
            (2, Gen.UInt.Select(w => (Mutation)new Remove(w))),
            (2, Gen.Select(Gen.UInt, PropertyName, RawValue, (w, name, raw) => (Mutation)new AddUnknown(w, name, raw))),
            (1, RawValue.Select(raw => (Mutation)new ReplaceRoot(raw))));
        var byteMutation = Gen.Frequency<ByteMutation?>(
            (12, Gen.Const((ByteMutation?)null)),
            (2, Gen.UInt.Select(w => (ByteMutation?)new Truncate(w))),
            (3, Gen.Select(Gen.UInt, Garbage, (w, g) => (ByteMutation?)new Insert(w, g))),
            (1, WholeBodies.Select(b => (ByteMutation?)new Whole(b))),
            (1, Gen.Const<ByteMutation?>(new DuplicateFirstProperty())));
        return from count in Gen.Frequency((1, Gen.Const(0)), (6, Gen.Int[1, 3]))
               from mutations in treeMutation.Array[count]
               from bytes in byteMutation
               select Apply(valid, mutations, bytes);
    }

    private static BrokenBody Apply(JsonNode valid, Mutation[] mutations, ByteMutation? byteMutation)
    {
        var root = valid.DeepClone();
        var raws = new List<byte[]>();
        var described = new List<string>();
        foreach (var mutation in mutations)
        {
            var nodes = Locations(root);
            switch (mutation)
            {
                case ReplaceRoot(var raw):
                    raws.Add(raw);
                    root = JsonValue.Create(Marker + (raws.Count - 1));
                    described.Add($"root := {Short(raw)}");
                    break;
                case Replace(var where, var raw) when nodes.Count > 0:
                    var (parent, key, path) = nodes[(int)(where % nodes.Count)];
                    raws.Add(raw);
                    Set(parent, key, JsonValue.Create(Marker + (raws.Count - 1)));
                    described.Add($"{path} := {Short(raw)}");
                    break;
                case Remove(var where) when nodes.Count > 0:
                    var (from, removed, removedPath) = nodes[(int)(where % nodes.Count)];
                    if (from is JsonObject o) o.Remove((string)removed);
                    else ((JsonArray)from).RemoveAt((int)removed);
                    described.Add($"remove {removedPath}");
                    break;
                case AddUnknown(var where, var name, var raw):
                    var objects = Objects(root);
                    if (objects.Count == 0) break;
                    var (target, targetPath) = objects[(int)(where % objects.Count)];
                    if (target.ContainsKey(name)) break;
                    raws.Add(raw);
                    target[name] = JsonValue.Create(Marker + (raws.Count - 1));
                    described.Add($"{targetPath}.{Short(Encoding.UTF8.GetBytes(name))} += {Short(raw)}");
                    break;
            }
        }

        var bytes = Splice(JsonSerializer.SerializeToUtf8Bytes(root), raws);
        switch (byteMutation)
        {
            case Truncate(var where) when bytes.Length > 0:
                var at = (int)(where % bytes.Length);
                bytes = bytes[..at];
                described.Add($"truncated at {at}");
                break;
            case Insert(var where, var garbage):
                var position = (int)(where % (bytes.Length + 1));
                bytes = [.. bytes[..position], .. garbage, .. bytes[position..]];
                described.Add($"inserted {Short(garbage)} at {position}");
                break;
            case Whole(var whole):
                bytes = whole;
                described.Add($"body := {Short(whole)}");
                break;
            case DuplicateFirstProperty when root is JsonObject { Count: > 0 } first:
                var duplicate = Encoding.UTF8.GetBytes($"{{{JsonSerializer.Serialize(first.First().Key)}:null,");
                bytes = [.. duplicate, .. bytes[1..]];
                described.Add("duplicate first property");
                break;
        }
        return new BrokenBody(bytes, described.Count == 0 ? "valid" : string.Join("; ", described));
    }

    private static void Set(JsonNode parent, object key, JsonNode value)
    {
        if (parent is JsonObject o) o[(string)key] = value;
        else ((JsonArray)parent)[(int)key] = value;
    }

    private static List<(JsonNode Parent, object Key, string Path)> Locations(JsonNode? root)
    {
        var found = new List<(JsonNode, object, string)>();
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o.ToList()) { found.Add((o, name, $"{path}.{name}")); Walk(child, $"{path}.{name}"); }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) { found.Add((a, i, $"{path}[{i}]")); Walk(a[i], $"{path}[{i}]"); }
                    break;
            }
        }
        Walk(root, "$");
        return found;
    }

    private static List<(JsonObject Object, string Path)> Objects(JsonNode? root)
    {
        var found = new List<(JsonObject, string)>();
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject o:
                    found.Add((o, path));
                    foreach (var (name, child) in o.ToList()) Walk(child, $"{path}.{name}");
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]");
                    break;
            }
        }
        Walk(root, "$");
        return found;
    }

    /// <summary>Puts each raw value (any bytes: not necessarily JSON, not necessarily UTF-8) where its marker string was serialized.</summary>
    private static byte[] Splice(byte[] json, List<byte[]> raws)
    {
        for (var i = raws.Count - 1; i >= 0; i--)
        {
            var marker = JsonSerializer.SerializeToUtf8Bytes(Marker + i);
            var at = json.AsSpan().IndexOf(marker);
            if (at >= 0) json = [.. json[..at], .. raws[i], .. json[(at + marker.Length)..]];
        }
        return json;
    }

    private static string Short(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        return text.Length > 40 ? $"{text[..20]}…({raw.Length} bytes)…{text[^10..]}" : text;
    }

    // ---- hostile values ----

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Quoted(string inner) => Utf8("\"" + inner + "\"");

    /// <summary>A raw JSON value (or almost one) put in place of a valid value.</summary>
    public static readonly Gen<byte[]> RawValue = Gen.Frequency(
        // wrong types and nulls
        (6, Gen.OneOf("null", "0", "-1", "1.5", "true", "false", "[]", "{}", "[1,2]", "{\"a\":null}", "\"text\"", "\"\"", "\"   \"",
            "[null]", "[{}]", "[\"a\"]", "{\"type\":\"VARCHAR\",\"value\":1}").Select(Utf8)),
        // huge and odd numbers
        (3, Gen.OneOf("1e400", "-1e400", "1e-400", "99999999999999999999999999999999999999", "-0", "1E+308", "0.1e1",
            "123456789012345678901234567890.123456789", "2147483648", "-9223372036854775809", "NaN", "Infinity", "-Infinity",
            "0x10", "01", "+1", ".5", "1.", "1e").Select(Utf8)),
        // overlong strings
        (3, Gen.Select(Gen.OneOf(21, 33, 51, 101, 256, 257, 501, 2001, 10_000, 300_000), Gen.OneOf("a", "ж", "۱", "😀", " "),
            (length, unit) => Quoted(string.Concat(Enumerable.Repeat(unit, length))))),
        // null characters, control characters, lone surrogates
        (3, Gen.OneOf(@"a\u0000b", @"\u0000", @"\uD800", @"x\uDC00", @"\u001f", "\t", "a\nb", @"\\", @"\""").Select(Quoted)),
        // deep nesting
        (2, Gen.Select(Gen.OneOf(10, 63, 64, 65, 200, 5000), Gen.Bool, (depth, arrays) => Utf8(arrays
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)))),
        // invalid UTF-8 inside a string
        (3, Gen.OneOf<byte[]>([0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80],
            [0xF4, 0x90, 0x80, 0x80]).Select(bad => (byte[])[(byte)'"', (byte)'a', .. bad, (byte)'b', (byte)'"'])),
        // plausible but wrong text
        (3, Gen.OneOf("individual", "organization", "INDIVIDUAL", "customer_and_vendor", "none", "Deprecated", "DOMESTIC", "Billing",
            "' OR 1=1 --", "<script>", "%", "_", "../../etc/passwd", "V-000000000000", "2024-13-45", "not-an-email@", "+98912",
            "00000000-0000-0000-0000-000000000000", "bob", "nobody", "Net30", "Retired", "SalesOnly", "1200", "ZZZ", "DATETIME",
            "\u202Eevil", "مشتری").Select(text => Utf8(JsonSerializer.Serialize(text)))));

    private static readonly Gen<string> PropertyName = Gen.OneOf("unknown", "__proto__", "$where", "", " ", "ID", "id", "Number",
        "NUMBER", "party_type ", "vendorData", "errors", "OperationStatus", "a\u0000b", new string('k', 5000), "ключ");

    private static readonly Gen<byte[]> Garbage = Gen.OneOf<byte[]>(
        [(byte)'}'], [(byte)']'], [(byte)','], [(byte)':'], [(byte)'"'], [(byte)'{'], [(byte)'['], [(byte)'\\'], [0xFF], [0x00],
        [0xC0, 0xAF], Utf8("NaN"), Utf8("/*c*/"), Utf8("'x'"), Utf8(",]"), Utf8("\u00A0"), Utf8("\uFEFF"));

    private static readonly Gen<byte[]> WholeBodies = Gen.OneOf<byte[]>(
        [], Utf8(" "), Utf8("null"), Utf8("0"), Utf8("\"\""), Utf8("[]"), Utf8("{}"), Utf8("[{}]"), Utf8("[null]"), Utf8("{\"Suppliers\":null}"),
        Utf8("{\"Suppliers\":[null]}"), Utf8("{\"vendorData\":{}}"), Utf8("{\"vendorData\":null}"), [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'],
        Utf8("{} {}"), Utf8("{\"a\":1,}"), Utf8("{'a':1}"), Utf8("<xml/>"), Utf8("a=1&b=2"), [0xFF, 0xFE, 0x00, 0x7B]);

    // ---- ids, queries, headers ----

    /// <summary>An identifier aimed at nothing of the caller's: the empty Guid, another organization's id in every form .NET
    /// parses, one that never existed, malformed and over-long ones (<see cref="OddIdentifiers"/>); unescaped.</summary>
    private static Gen<string> OddIdText(HostileTargets t) => Gen.OneOf(OddIdentifiers.For(t.ForeignId).Select(id => id.Text).ToArray());

    private static Gen<string> PathId(Guid real, Guid foreign) => Gen.Frequency(
        (4, Gen.Const(real.ToString())),
        (2, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.Const(real.ToString("B"))),
        (1, Gen.Const(real.ToString().ToUpperInvariant())),
        (3, Gen.OneOf(OddIdentifiers.For(foreign).Select(id => Uri.EscapeDataString(id.Text)).ToArray())),
        (3, Gen.OneOf("abc", "1e400", "-1", "%FF", "%C0%AF", "..%2F..", "%20", "%7Bid%7D", "null", "undefined",
            new string('9', 3000), "%E2%80%AE", "0123456789abcdef0123456789abcdefx")));

    private static readonly Gen<string> QueryValue = Gen.OneOf("", "0", "-1", "1", "2", "20", "99", "100", "101", "500", "501", "1000",
        "1001", "2147483647", "2147483648", "99999999999999999999", "1e3", "0.5", "NaN", "-Infinity", "same_email", "similar_name", "0x10", "%201", "1.5", "abc", "true", "TRUE", "false", "yes", "null",
        "%00", "a%00b", "%FF", "%C0%AF", "%ED%A0%80", new string('a', 5000), "%25", "_", "%27%20OR%201%3D1--", "2024-13-45",
        "2024-01-01T00:00:00Z", "9999-12-31T23:59:59%2B14:00", "0001-01-01", "-number", "modified", "-modified", "individual",
        "organization", "customer_and_vendor", "none", "vendor", "alice", "carol", "WyJhIiwiYiJd",
        "WyJhIiwiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIl0", "WyJcdTAwMDAiLCIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiXQ",
        "%E2%80%AE", "%D9%85%D8%B4%D8%AA%D8%B1%DB%8C", "Hostile", "G1", "P1", "*", "%5B%5D", "%7B%7D",
        // audit cursors of 24 bytes: all zero (time zero, the empty Guid) and all 0xFF (a time before the first)
        new string('A', 32), new string('_', 32));

    /// <summary>A body's id (the Suppliers <c>ID</c>): mostly the real one, else odd, or not a string at all.</summary>
    private static Gen<JsonNode?> BodyId(HostileTargets t) => Gen.Frequency(
        (4, Gen.Const(t.SupplierId.ToString()).Select(id => (JsonNode?)JsonValue.Create(id))),
        (3, OddIdText(t).Select(id => (JsonNode?)JsonValue.Create(id))),
        (1, Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g.ToString()))),
        (1, Gen.OneOf<JsonNode?>(null, 0, -1, true).Select(v => v?.DeepClone())));

    /// <summary>The admin body with an odd user id where it names one (a new user's id, a key's user).</summary>
    private static JsonNode WithUser(JsonNode body, string? userId)
    {
        if (userId is null || body is not JsonObject template) return body;
        var named = (JsonObject)template.DeepClone();
        if (named.ContainsKey("id")) named["id"] = userId;
        else if (named.ContainsKey("user")) named["user"] = userId;
        return named;
    }

    private static Gen<string> Query(HostileTargets t, params string[] names) =>
        from count in Gen.Int[0, 4]
        from pairs in Gen.Select(Gen.Frequency((5, Gen.OneOf(names)), (1, Gen.OneOf("x", "%00", "page%00", "PAGE", ""))),
                Gen.Frequency((6, QueryValue), (1, OddIdText(t).Select(Uri.EscapeDataString))))
            .Array[count]
        select pairs.Length == 0 ? "" : "?" + string.Join('&', pairs.Select(p => $"{p.Item1}={p.Item2}"));

    private static readonly Gen<string?> IfMatch = Gen.Frequency(
        (6, Gen.Const((string?)null)),
        (2, Gen.OneOf<string?>("*", "\"1\"", "W/\"1\"", "\"abc\"", "garbage", "\"99999999999\"", "\"-1\"", "\"1\", \"2\"", "\"\"", "W/")));

    private static Gen<(string? Authorization, string? ContentType)> Headers(HostileTargets t) =>
        from authorization in Gen.Frequency(
            (30, Gen.Const<string?>($"Api-Key {t.AdminKey}")),
            (2, Gen.Const<string?>($"Api-Key {t.ReadOnlyKey}")),
            (1, Gen.OneOf<string?>(null, "Api-Key ", "Api-Key garbage", "Api-Key pk_0123456789abcdef0123456789abcdef_00", $"Api-Key {t.AdminKey}x",
                $"Api-Key {t.AdminKey[..^1]}", "Bearer x", "Api-Key pk__", $"Api-Key {new string('a', 10_000)}")))
        from contentType in Gen.Frequency(
            (20, Gen.Const<string?>("application/json")),
            (1, Gen.OneOf<string?>(null, "text/plain", "application/json; charset=latin1", "application/xml", "multipart/form-data")))
        select (authorization, contentType);
}
