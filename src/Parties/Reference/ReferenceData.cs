namespace Parties.Reference;

/// <summary>
/// An organization's reference data, kept by its admins: one document per organization (tenant), so a
/// write loads everything its rules need in one read.
/// </summary>
public sealed class ReferenceData
{
    public const string DocumentId = "reference";

    public string Id { get; set; } = DocumentId;
    public Dictionary<string, User> Users { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, FlexField> FlexFields { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, PaymentTerm> PaymentTerms
    {
        get => _paymentTerms;
        set => _paymentTerms = IgnoringCase(value);
    }
    public Dictionary<string, TaxRule> TaxRules
    {
        get => _taxRules;
        set => _taxRules = IgnoringCase(value);
    }
    public Dictionary<string, Account> Accounts
    {
        get => _accounts;
        set => _accounts = IgnoringCase(value);
    }
    public Dictionary<string, AttributeSet> AttributeSets
    {
        get => _attributeSets;
        set => _attributeSets = IgnoringCase(value);
    }
    public Dictionary<string, NamedCode> PartySubTypes { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, NamedCode> PartyRoles { get; set; } = new(StringComparer.Ordinal);
    public OrganizationSettings Settings { get; set; } = new();

    // Names of payment terms, tax rules, accounts and attribute sets match whatever their case; a
    // deserialized dictionary comes back case-sensitive, so the setters re-wrap it.
    private Dictionary<string, PaymentTerm> _paymentTerms = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, TaxRule> _taxRules = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, Account> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, AttributeSet> _attributeSets = new(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, T> IgnoringCase<T>(Dictionary<string, T> value) =>
        new(value, StringComparer.OrdinalIgnoreCase);
}

public enum UserRole { Admin, Bookkeeper, Member }

public sealed record User(string Id, string Name, string? Email, UserRole Role);

public sealed record FlexFieldOption(string Id, string Label);

/// <param name="Personal">Its values are personal data: an erasure of the party removes them.</param>
public sealed record FlexField(string Slug, FlexFieldType Type, IReadOnlyList<FlexFieldOption> Options, bool Personal = false);

public sealed record PaymentTerm(string Name, bool Active);

public sealed record TaxRule(string Name, bool ForPurchases, bool Active);

public sealed record Account(string Code, bool AccountPayable, bool Active);

public sealed record AttributeSet(string Name);

public sealed record NamedCode(string Codename, string Name);

public enum Plan { Small, Medium, Large }

/// <param name="UniqueIdentifiers">No two active parties may hold one national code, economic code or registration number.</param>
public sealed record OrganizationSettings(Plan Plan = Plan.Large, string DefaultCountry = "IR", bool UniqueIdentifiers = false);
