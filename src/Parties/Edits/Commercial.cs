using Parties.Reference;

using System.Collections.Immutable;

namespace Parties;

public sealed record SetCurrency(string Key, string Currency) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Currencies.IsIso4217(Currency)
            ? Ok(data with { Currency = Currency.ToUpperInvariant() })
            : Fail(ErrorCodes.InvalidCurrency, Currency);
}

public sealed record SetPaymentTerm(string Key, string Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.PaymentTerms.TryGetValue(Name, out var term) && term.Active
            ? Ok(data with { PaymentTerm = term.Name })
            : Fail(ErrorCodes.InvalidPaymentTerm, Name);
}

public sealed record SetTaxRule(string Key, string Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.TaxRules.TryGetValue(Name, out var rule) && rule.ForPurchases && rule.Active
            ? Ok(data with { TaxRule = rule.Name })
            : Fail(ErrorCodes.InvalidTaxRule, Name);
}

public sealed record SetAccountPayable(string Key, string Code) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Accounts.TryGetValue(Code, out var account) && account is { AccountPayable: true, Active: true }
            ? Ok(data with { AccountPayable = account.Code })
            : Fail(ErrorCodes.InvalidAccount, Code);
}

public sealed record SetAttributeSet(string Key, string? Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        if (Name is null) return Ok(data with { AttributeSet = null });
        return context.Reference.AttributeSets.TryGetValue(Name, out var set)
            ? Ok(data with { AttributeSet = set.Name })
            : Fail(ErrorCodes.InvalidAttributeSet, Name);
    }
}

/// <summary>Additional attributes only count on the Large plan and with an attribute set; otherwise ignored.</summary>
public sealed record SetAdditionalAttributes(string Key, ImmutableArray<string?> Values) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Settings.Plan is Plan.Large && data.AttributeSet is not null
            ? Ok(data with { AdditionalAttributes = Values })
            : Ok(data);
}

public sealed record SetDiscount(string Key, decimal? Discount) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Discount is null or (>= 0 and <= 100)
            ? Ok(data with { Discount = Discount })
            : Fail(ErrorCodes.DiscountOutOfRange, Discount.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
