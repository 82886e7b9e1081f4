namespace Parties.Api.Admin;

public sealed record NewOrganization(string? Name, NewUser? Admin, string? Database);

public sealed record NewUser(string? Id, string? Name, string? Email, string? Role);

public sealed record NewApiKey(string? User, string[]? Permissions);

public sealed record FlexFieldInput(string? Type, FlexFieldOptionInput[]? Options, bool? Personal = null);

public sealed record FlexFieldOptionInput(string? Id, string? Label);

public sealed record ActiveInput(bool? Active);

public sealed record TaxRuleInput(bool? ForPurchases, bool? Active);

public sealed record AccountInput(bool? AccountPayable, bool? Active);

public sealed record NameInput(string? Name);

public sealed record SettingsInput(string? Plan, string? DefaultCountry, bool? UniqueIdentifiers);

public sealed record OrganizationCreated(string Id, string Name, Guid AccountId, Parties.Reference.User Admin, string ApiKey,
    string Database);

public sealed record ApiKeyCreated(Guid Id, string Key, string User, string[] Permissions);
