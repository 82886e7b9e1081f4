using System.Collections.Immutable;

namespace Parties.Api.Dialects.Suppliers;

public enum SupplierWrite { Create, Update }

/// <summary>A supplier as party edits, and the dialect's own words for each value it refused on the wire (by edit key).</summary>
public sealed record SupplierEdits(ImmutableArray<PartyEdit> Edits, IReadOnlyDictionary<string, string> Refusals);

/// <summary>
/// Turns a supplier as sent into party edits, checking the wire contract (required, lengths, choices). A value
/// that breaks it becomes a <see cref="RefuseValue"/> edit, so the item is still decided as a whole and all of
/// its problems come back together. The business rules (unique name, reference data, ranges) are the domain's.
/// PUT is a full update: a scalar field left out is cleared; Addresses or Contacts left out are kept.
/// </summary>
public static class SupplierInputMapping
{
    /// <summary>Suppliers made here are numbered "S-…".</summary>
    public const string NumberPrefix = "S-";

    public const int TextLength = 256, CodeLength = 50, CurrencyLength = 3, PhoneLength = 50, PostcodeLength = 20, CountryLength = 32;
    public const int AdditionalAttributeCount = 10;

    public static SupplierEdits ToEdits(SupplierInput input, SupplierWrite write, Guid id, string ownerId)
    {
        var edits = ImmutableArray.CreateBuilder<PartyEdit>();
        var refusals = new Dictionary<string, string>();
        if (write == SupplierWrite.Create) edits.AddRange(NewVendor.Edits(id, ownerId, NumberPrefix, "Supplier"));

        if (Text("Name", "Supplier name", input.Name, TextLength, true, out var name)) edits.Add(new SetName("Name", name));
        if (Text("Currency", "Currency", input.Currency, CurrencyLength, true, out var currency)) edits.Add(new SetCurrency("Currency", currency!));
        if (Text("PaymentTerm", "Payment term", input.PaymentTerm, CodeLength, true, out var term)) edits.Add(new SetPaymentTerm("PaymentTerm", term!));
        if (Text("TaxRule", "Tax rule", input.TaxRule, CodeLength, true, out var rule)) edits.Add(new SetTaxRule("TaxRule", rule!));
        edits.Add(new SetDiscount("Discount", input.Discount));
        if (Text("Comments", "Comments", input.Comments, TextLength, false, out var comments))
            edits.Add(new SetValue<string?>("Comments", PartyFields.Notes, comments));
        if (Text("AccountPayable", "Account payable", input.AccountPayable, CodeLength, true, out var account))
            edits.Add(new SetAccountPayable("AccountPayable", account!));
        if (Text("TaxNumber", "Tax number", input.TaxNumber, TextLength, false, out var taxNumber))
            edits.Add(new SetValue<string?>("TaxNumber", PartyFields.EconomicCode, taxNumber));
        if (Text("AttributeSet", "Attribute set", input.AttributeSet, CodeLength, false, out var attributeSet))
            edits.Add(new OnLargePlan(new SetAttributeSet("AttributeSet", attributeSet)));

        var attributes = input.AdditionalAttributes();
        for (var i = 0; i < AdditionalAttributeCount; i++)
            if (!Text($"AdditionalAttribute{i + 1}", $"Additional attribute {i + 1}", attributes[i], TextLength, false, out attributes[i]))
                attributes[i] = null;
        // After the attribute set: the domain ignores them without one (and below the Large plan).
        edits.Add(new SetAdditionalAttributes("AdditionalAttributes", attributes.All(a => a is null) ? [] : [.. attributes]));

        if (string.IsNullOrWhiteSpace(input.Status)) Refuse("Status", "Status is required");
        else if (!SupplierStatus.TryParse(input.Status, out var active)) Refuse("Status", "Status must be Active or Deprecated");
        else edits.Add(active ? new Reactivate("Status") : new Deactivate("Status"));

        if (input.Addresses.IsSet || write == SupplierWrite.Create) edits.Add(new SetAddresses("Addresses", Addresses(input.Addresses.Value ?? [])));
        if (input.Contacts.IsSet || write == SupplierWrite.Create)
            edits.Add(new SetValue<ImmutableArray<Contact>>("Contacts", PartyFields.Contacts, Contacts(input.Contacts.Value ?? [])));

        return new SupplierEdits(edits.ToImmutable(), refusals);

        void Refuse(string key, string message)
        {
            if (refusals.TryAdd(key, message)) edits.Add(new RefuseValue(key));
        }

        // True with the value (null when blank) when it keeps the contract; false when a refusal was added.
        bool Text(string key, string label, string? value, int max, bool required, out string? text)
        {
            text = string.IsNullOrWhiteSpace(value) ? null : value;
            if (text is null && required) Refuse(key, $"{label} is required");
            else if (text?.Length > max) Refuse(key, $"{label} cannot be longer than {max} characters");
            else return true;
            return false;
        }

        ImmutableArray<Address> Addresses(AddressInput?[] addresses)
        {
            var list = ImmutableArray.CreateBuilder<Address>();
            for (var i = 0; i < addresses.Length; i++)
            {
                var a = addresses[i];
                var at = $"Addresses[{i}]";
                var label = $"Address #{i + 1}";
                if (a is null) { Refuse(at, $"{label} is empty"); continue; }
                Text($"{at}.Line1", $"{label}: Line1", a.Line1, TextLength, true, out _);
                Text($"{at}.Line2", $"{label}: Line2", a.Line2, TextLength, false, out _);
                var type = AddressType.Other;
                if (string.IsNullOrWhiteSpace(a.Type)) Refuse($"{at}.Type", $"{label}: Type is required");
                else if (!SupplierAddressTypes.TryParse(a.Type, out type)) Refuse($"{at}.Type", $"{label}: Type must be Billing, Shipping or Business");
                if (a.DefaultForType is null) Refuse($"{at}.DefaultForType", $"{label}: DefaultForType is required");
                Text($"{at}.City", $"{label}: City", a.City, TextLength, false, out _);
                Text($"{at}.State", $"{label}: State", a.State, TextLength, false, out _);
                Text($"{at}.Postcode", $"{label}: Postcode", a.Postcode, PostcodeLength, false, out _);
                Text($"{at}.Country", $"{label}: Country", a.Country, CountryLength, false, out _);
                list.Add(new Address
                {
                    AddressType = type, Line1 = Blank(a.Line1), Line2 = Blank(a.Line2), City = Blank(a.City), State = Blank(a.State),
                    PostalCode = Blank(a.Postcode), Country = Blank(a.Country), IsDefault = a.DefaultForType ?? false,
                });
            }
            return list.ToImmutable();
        }

        ImmutableArray<Contact> Contacts(ContactInput?[] contacts)
        {
            var list = ImmutableArray.CreateBuilder<Contact>();
            for (var i = 0; i < contacts.Length; i++)
            {
                var c = contacts[i];
                var at = $"Contacts[{i}]";
                var label = $"Contact #{i + 1}";
                if (c is null) { Refuse(at, $"{label} is empty"); continue; }
                Text($"{at}.Name", $"{label}: Name", c.Name, TextLength, true, out _);
                Text($"{at}.Phone", $"{label}: Phone", c.Phone, PhoneLength, false, out _);
                Text($"{at}.MobilePhone", $"{label}: MobilePhone", c.MobilePhone, PhoneLength, false, out _);
                Text($"{at}.JobTitle", $"{label}: JobTitle", c.JobTitle, TextLength, false, out _);
                Text($"{at}.Fax", $"{label}: Fax", c.Fax, PhoneLength, false, out _);
                Text($"{at}.Email", $"{label}: Email", c.Email, TextLength, false, out _);
                Text($"{at}.Website", $"{label}: Website", c.Website, TextLength, false, out _);
                if (c.Default is null) Refuse($"{at}.Default", $"{label}: Default is required");
                Text($"{at}.Comment", $"{label}: Comment", c.Comment, TextLength, false, out _);
                list.Add(new Contact
                {
                    Name = c.Name ?? "", Phone = Blank(c.Phone), MobilePhone = Blank(c.MobilePhone), JobTitle = Blank(c.JobTitle),
                    Fax = Blank(c.Fax), Email = Blank(c.Email), Website = Blank(c.Website), Default = c.Default ?? false,
                    Comment = Blank(c.Comment),
                });
            }
            return list.ToImmutable();
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
