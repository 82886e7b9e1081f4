using System.Collections.Immutable;
using System.Text.Json;

namespace Parties.Api.Dialects.Vendors;

/// <summary>
/// The dialect's bodies as party edits. Only the wire contract is checked here (types, lengths, choices);
/// the rules (unique names, users, flex fields, phone numbers) are the domain's and come back per field.
/// </summary>
public static class VendorMapping
{
    /// <summary>Vendors made here are numbered "V-…".</summary>
    public const string NumberPrefix = "V-";

    /// <summary><c>PATCH /v1.0/vendor/{id}</c>: one edit per field of <c>vendorData</c>, in the order sent.</summary>
    public static (ImmutableArray<PartyEdit> Edits, WireError? Error) ToPatchEdits(JsonElement body)
    {
        var wire = new VendorWire();
        var edits = ImmutableArray.CreateBuilder<PartyEdit>();
        if (!wire.Object(body, "/")) return ([], wire.Error);
        if (!body.TryGetProperty("vendorData", out var vendorData)) wire.Required("/", "vendorData");
        foreach (var property in body.EnumerateObject().Where(p => p.Name != "vendorData")) wire.Unknown($"/{WireError.Escape(property.Name)}");
        if (!wire.Ok || !wire.Object(vendorData, "/vendorData")) return ([], wire.Error);

        foreach (var field in vendorData.EnumerateObject())
        {
            var pointer = $"/vendorData/{WireError.Escape(field.Name)}";
            var value = field.Value;
            switch (field.Name)
            {
                case "name" or "email" or "phone":
                    NameEmailOrPhone(wire, field.Name, value, pointer, edits);
                    break;
                case "owner":
                    if (wire.Text(value, pointer, VendorWire.TextLength, min: 1) is { } owner) edits.Add(new SetOwner("owner", owner));
                    break;
                case "address":
                    if (Address(wire, value, pointer, create: false) is { } address) edits.Add(new MergeMainAddress("address", address));
                    break;
                case "communications":
                    if (Communications(wire, value, pointer) is { } communications) edits.Add(new SetCommunications("communications", communications));
                    break;
                case "customFields":
                    CustomFields(wire, value, pointer, edits);
                    break;
                default:
                    wire.Unknown(pointer);
                    break;
            }
        }
        return wire.Ok ? (edits.ToImmutable(), null) : ([], wire.Error);
    }

    /// <summary><c>POST /v1.0/vendor</c>: an organization party with the vendor role, owned by the caller.</summary>
    public static (ImmutableArray<PartyEdit> Edits, WireError? Error) ToCreateEdits(JsonElement body, Guid id, string ownerId)
    {
        var wire = new VendorWire();
        if (!wire.Object(body, "/")) return ([], wire.Error);
        var edits = ImmutableArray.CreateBuilder<PartyEdit>();
        edits.AddRange(NewVendor.Edits(id, ownerId, NumberPrefix, "vendor"));
        var locality = Locality.Domestic;

        if (!body.TryGetProperty("name", out _)) wire.Required("/", "name");
        foreach (var field in body.EnumerateObject())
        {
            var pointer = $"/{WireError.Escape(field.Name)}";
            var value = field.Value;
            switch (field.Name)
            {
                case "name" or "email" or "phone":
                    NameEmailOrPhone(wire, field.Name, value, pointer, edits);
                    break;
                case "locality":
                    locality = wire.Locality(value, pointer) ?? locality;
                    break;
                case "paymentTerms":
                    if (wire.Text(value, pointer, VendorWire.TextLength, min: 1) is { } term) edits.Add(new SetPaymentTerm("paymentTerms", term));
                    break;
                case "gstNumber":
                    if (wire.Text(value, pointer, VendorWire.TaxIdLength, min: 1) is { } gst)
                        edits.Add(new SetValue<string?>("gstNumber", PartyFields.EconomicCode, gst));
                    break;
                case "panNumber":
                    if (wire.Text(value, pointer, VendorWire.TaxIdLength, min: 1) is { } pan)
                        edits.Add(new SetValue<string?>("panNumber", PartyFields.NationalCode, pan));
                    break;
                case "address":
                    if (Address(wire, value, pointer, create: true) is { } address) edits.Add(new MergeMainAddress("address", address));
                    break;
                default:
                    wire.Unknown(pointer);
                    break;
            }
        }
        edits.Add(new SetValue<Locality?>("locality", PartyFields.Locality, locality));
        return wire.Ok ? (edits.ToImmutable(), null) : ([], wire.Error);
    }

    private static AddressPatch? Address(VendorWire wire, JsonElement value, string pointer, bool create)
    {
        if (!wire.Object(value, pointer)) return null;
        string? line1 = null, line2 = null, city = null, state = null, zip = null, pin = null, country = null;
        Locality? locality = null;
        foreach (var field in value.EnumerateObject())
        {
            var at = $"{pointer}/{WireError.Escape(field.Name)}";
            switch (field.Name)
            {
                case "addressLine1": line1 = wire.Text(field.Value, at, VendorWire.TextLength); break;
                case "addressLine2": line2 = wire.Text(field.Value, at, VendorWire.TextLength); break;
                case "city": city = wire.Text(field.Value, at, VendorWire.TextLength); break;
                case "state": state = wire.Text(field.Value, at, VendorWire.TextLength); break;
                case "zipCode": zip = wire.Text(field.Value, at, VendorWire.TextLength); break;
                case "pinCode": pin = wire.Text(field.Value, at, VendorWire.TextLength); break;
                case "country": country = wire.Text(field.Value, at, VendorWire.TextLength); break;
                case "locality" when !create: locality = wire.Locality(field.Value, at); break;
                default: wire.Unknown(at); break;
            }
        }
        if (zip is not null && pin is not null && zip != pin) wire.Fail($"{pointer}/pinCode", "must be equal to zipCode (they are one postal code)");
        if (create)
        {
            if (string.IsNullOrEmpty(line1)) wire.Required(pointer, "addressLine1");
            if (string.IsNullOrEmpty(state)) wire.Required(pointer, "state");
            if (string.IsNullOrEmpty(zip ?? pin)) wire.Required(pointer, "zipCode");
        }
        else if (!value.EnumerateObject().Any()) wire.Fail(pointer, "must NOT have fewer than 1 properties");
        return wire.Ok ? new AddressPatch(line1, line2, city, state, zip ?? pin, country, locality) : null;
    }

    /// <summary>The three recipient lists together; a list not sent is empty (the object replaces the recipients).</summary>
    private static Communications? Communications(VendorWire wire, JsonElement value, string pointer)
    {
        if (!wire.Object(value, pointer)) return null;
        string[] to = [], cc = [], bcc = [];
        foreach (var field in value.EnumerateObject())
        {
            var at = $"{pointer}/{WireError.Escape(field.Name)}";
            switch (field.Name)
            {
                case "to": to = wire.TextList(field.Value, at) ?? []; break;
                case "cc": cc = wire.TextList(field.Value, at) ?? []; break;
                case "bcc": bcc = wire.TextList(field.Value, at) ?? []; break;
                default: wire.Unknown(at); break;
            }
        }
        return wire.Ok ? new Communications([.. to], [.. cc], [.. bcc]) : null;
    }

    private static void CustomFields(VendorWire wire, JsonElement value, string pointer, ImmutableArray<PartyEdit>.Builder edits)
    {
        if (!wire.Object(value, pointer)) return;
        foreach (var slug in value.EnumerateObject())
        {
            var at = $"{pointer}/{WireError.Escape(slug.Name)}";
            if (slug.Name.Trim().Length == 0) wire.Fail(at, "property name must NOT be blank");
            if (!wire.Object(slug.Value, at)) return;
            if (!slug.Value.TryGetProperty("type", out var typeValue)) wire.Required(at, "type");
            if (!slug.Value.TryGetProperty("value", out var valueValue)) wire.Required(at, "value");
            foreach (var extra in slug.Value.EnumerateObject().Where(p => p.Name is not ("type" or "value")))
                wire.Unknown($"{at}/{WireError.Escape(extra.Name)}");
            if (!wire.Ok) return;
            var typeText = typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : null;
            if (!FlexFieldTypes.TryParse(typeText, out var type))
            {
                wire.Fail($"{at}/type", "must be equal to one of the allowed values: VARCHAR, DATETIME, DROPDOWN, NUMERIC");
                return;
            }
            if (wire.FlexValue(valueValue, $"{at}/value") is { } text)
                edits.Add(new SetCustomField(VendorUpdates.CustomFieldKey(slug.Name), slug.Name, type, text));
        }
    }

    /// <summary>The fields that create and update read alike.</summary>
    private static void NameEmailOrPhone(VendorWire wire, string field, JsonElement value, string pointer,
        ImmutableArray<PartyEdit>.Builder edits)
    {
        switch (field)
        {
            case "name":
                if (wire.Text(value, pointer, VendorWire.NameLength, min: 1) is { } name) edits.Add(new SetName("name", name));
                break;
            case "email":
                if (wire.Email(value, pointer) is { } email) edits.Add(new SetValue<string?>("email", PartyFields.Email, email));
                break;
            default:
                if (wire.Text(value, pointer, VendorWire.PhoneLength) is { } phone) edits.Add(new SetPhone("phone", phone));
                break;
        }
    }
}
