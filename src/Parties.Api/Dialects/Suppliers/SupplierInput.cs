using Parties.Api.Http;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>The body of <c>POST /Suppliers</c> and <c>PUT /Suppliers</c>.</summary>
public sealed record SupplierBatchInput
{
    public SupplierInput?[]? Suppliers { get; init; }
}

/// <summary>A supplier as a client writes it. Addresses and Contacts tell "not sent" (kept by PUT) from "sent".</summary>
public sealed record SupplierInput
{
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
    public Optional<AddressInput?[]> Addresses { get; init; }
    public Optional<ContactInput?[]> Contacts { get; init; }

    public string?[] AdditionalAttributes() =>
    [
        AdditionalAttribute1, AdditionalAttribute2, AdditionalAttribute3, AdditionalAttribute4, AdditionalAttribute5,
        AdditionalAttribute6, AdditionalAttribute7, AdditionalAttribute8, AdditionalAttribute9, AdditionalAttribute10,
    ];
}

public sealed record AddressInput
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? Type { get; init; }
    public bool? DefaultForType { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Postcode { get; init; }
    public string? Country { get; init; }
}

public sealed record ContactInput
{
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? MobilePhone { get; init; }
    public string? JobTitle { get; init; }
    public string? Fax { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public bool? Default { get; init; }
    public string? Comment { get; init; }
}
