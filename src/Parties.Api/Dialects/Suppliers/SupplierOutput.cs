using System.Text.Json.Serialization;

namespace Parties.Api.Dialects.Suppliers;

public sealed record SupplierListOutput(long Total, int Page, IReadOnlyList<SupplierOutput> Suppliers);

public sealed record SupplierBatchOutput(IReadOnlyList<SupplierOutput> Suppliers);

/// <summary>One problem of a batch item: <c>{"ErrorText":"…"}</c>.</summary>
public sealed record ItemError(string ErrorText);

/// <summary>A supplier as the dialect shows it; <c>Errors</c> and <c>OperationStatus</c> only in batch answers.</summary>
public sealed record SupplierOutput
{
    public const string Succeeded = "succeeded", Failed = "failed";

    public Guid? ID { get; init; }
    public string? Name { get; init; }
    public string? Currency { get; init; }
    public string? PaymentTerm { get; init; }
    public string? TaxRule { get; init; }
    public decimal? Discount { get; init; }
    public string? Comments { get; init; }
    public string? AccountPayable { get; init; }
    public string? TaxNumber { get; init; }
    public string? AttributeSet { get; init; }
    public string? AdditionalAttribute1 { get; init; }
    public string? AdditionalAttribute2 { get; init; }
    public string? AdditionalAttribute3 { get; init; }
    public string? AdditionalAttribute4 { get; init; }
    public string? AdditionalAttribute5 { get; init; }
    public string? AdditionalAttribute6 { get; init; }
    public string? AdditionalAttribute7 { get; init; }
    public string? AdditionalAttribute8 { get; init; }
    public string? AdditionalAttribute9 { get; init; }
    public string? AdditionalAttribute10 { get; init; }
    public string? Status { get; init; }
    /// <summary>The person's personal data was erased; values written since are new ones.</summary>
    public bool IsErased { get; init; }
    public DateTime? LastModifiedOn { get; init; }
    public IReadOnlyList<AddressOutput> Addresses { get; init; } = [];
    public IReadOnlyList<ContactOutput> Contacts { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ItemError>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OperationStatus { get; init; }

    public static SupplierOutput From(PartySnapshot party)
    {
        var d = party.Data;
        string? Slot(int i) => i < d.AdditionalAttributes.Length ? d.AdditionalAttributes[i] : null;
        return new SupplierOutput
        {
            ID = party.Id, Name = d.Name, Currency = d.Currency, PaymentTerm = d.PaymentTerm, TaxRule = d.TaxRule,
            Discount = d.Discount, Comments = d.Notes, AccountPayable = d.AccountPayable, TaxNumber = d.EconomicCode,
            AttributeSet = d.AttributeSet,
            AdditionalAttribute1 = Slot(0), AdditionalAttribute2 = Slot(1), AdditionalAttribute3 = Slot(2),
            AdditionalAttribute4 = Slot(3), AdditionalAttribute5 = Slot(4), AdditionalAttribute6 = Slot(5),
            AdditionalAttribute7 = Slot(6), AdditionalAttribute8 = Slot(7), AdditionalAttribute9 = Slot(8),
            AdditionalAttribute10 = Slot(9),
            Status = SupplierStatus.Format(d.Active),
            IsErased = d.Erased,
            LastModifiedOn = party.ModifiedAt.UtcDateTime,
            // Cin7 has no inactive addresses: the ones the Parties dialect marked inactive are not shown.
            Addresses = [.. d.Addresses.Where(a => a.IsActive).Select(a => new AddressOutput(
                a.Line1, a.Line2, SupplierAddressTypes.Format(a.AddressType), a.IsDefault, a.City, a.State, a.PostalCode, a.Country))],
            Contacts = [.. d.Contacts.Select(c => new ContactOutput(
                c.Name, c.Phone, c.MobilePhone, c.JobTitle, c.Fax, c.Email, c.Website, c.Default, c.Comment))],
        };
    }

    /// <summary>A failed item of a batch: what the client sent, with what was wrong with it.</summary>
    public static SupplierOutput Echo(SupplierInput? input, IEnumerable<string> errors)
    {
        var failed = new SupplierOutput { Errors = [.. errors.Select(e => new ItemError(e))], OperationStatus = Failed };
        if (input is null) return failed;
        return failed with
        {
            ID = input.ID, Name = input.Name, Currency = input.Currency, PaymentTerm = input.PaymentTerm, TaxRule = input.TaxRule,
            Discount = input.Discount, Comments = input.Comments, AccountPayable = input.AccountPayable, TaxNumber = input.TaxNumber,
            AttributeSet = input.AttributeSet,
            AdditionalAttribute1 = input.AdditionalAttribute1, AdditionalAttribute2 = input.AdditionalAttribute2,
            AdditionalAttribute3 = input.AdditionalAttribute3, AdditionalAttribute4 = input.AdditionalAttribute4,
            AdditionalAttribute5 = input.AdditionalAttribute5, AdditionalAttribute6 = input.AdditionalAttribute6,
            AdditionalAttribute7 = input.AdditionalAttribute7, AdditionalAttribute8 = input.AdditionalAttribute8,
            AdditionalAttribute9 = input.AdditionalAttribute9, AdditionalAttribute10 = input.AdditionalAttribute10,
            Status = input.Status,
            Addresses = [.. (input.Addresses.Value ?? []).OfType<AddressInput>().Select(a => new AddressOutput(
                a.Line1, a.Line2, a.Type, a.DefaultForType, a.City, a.State, a.Postcode, a.Country))],
            Contacts = [.. (input.Contacts.Value ?? []).OfType<ContactInput>().Select(c => new ContactOutput(
                c.Name, c.Phone, c.MobilePhone, c.JobTitle, c.Fax, c.Email, c.Website, c.Default, c.Comment))],
        };
    }

    public static SupplierOutput Saved(PartySnapshot party) => From(party) with { Errors = [], OperationStatus = Succeeded };
}

public sealed record AddressOutput(string? Line1, string? Line2, string? Type, bool? DefaultForType, string? City, string? State,
    string? Postcode, string? Country);

public sealed record ContactOutput(string? Name, string? Phone, string? MobilePhone, string? JobTitle, string? Fax, string? Email,
    string? Website, bool? Default, string? Comment);
