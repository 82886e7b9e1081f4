using Marten;
using Parties.Api.Auth;
using Parties.Reference;
using Parties.Tenancy;

namespace Parties.Api.Admin;

/// <summary><c>PUT /admin/{collection}/{key}</c> and <c>GET /admin/{collection}</c> for each kind of reference data.</summary>
public static class ReferenceDataApi
{
    private static readonly AdminErrors Errors = AdminErrors.Instance;

    public static void MapReferenceData(this RouteGroupBuilder org)
    {
        Collection<FlexFieldInput, FlexField>(org, "flex-fields", r => r.FlexFields, ToFlexField);
        Collection<ActiveInput, PaymentTerm>(org, "payment-terms", r => r.PaymentTerms,
            (name, body) => (new PaymentTerm(name, body.Active ?? true), null));
        Collection<TaxRuleInput, TaxRule>(org, "tax-rules", r => r.TaxRules,
            (name, body) => (new TaxRule(name, body.ForPurchases ?? false, body.Active ?? true), null));
        Collection<AccountInput, Account>(org, "accounts", r => r.Accounts,
            (code, body) => (new Account(code, body.AccountPayable ?? false, body.Active ?? true), null));
        Collection<NameInput, AttributeSet>(org, "attribute-sets", r => r.AttributeSets, (name, _) => (new AttributeSet(name), null));
        Collection<NameInput, NamedCode>(org, "party-sub-types", r => r.PartySubTypes, ToNamedCode);
        Collection<NameInput, NamedCode>(org, "party-roles", r => r.PartyRoles, (codename, body) =>
            Roles.IsBuiltIn(codename) || codename == "none"
                ? (null, Errors.BadRequest("codename", $"'{codename}' is a built-in role."))
                : ToNamedCode(codename, body));

        org.MapPut("/settings", async (SettingsInput? body, HttpContext http, IDocumentStore store) =>
        {
            if (AdminApi.Forbidden(http) is { } forbidden) return forbidden;
            if (!Enum.TryParse<Plan>(body?.Plan, true, out var plan) || !Enum.IsDefined(plan) || body!.Plan!.Any(char.IsDigit))
                return Errors.BadRequest("plan", "Plan must be one of Small, Medium, Large.");
            var country = (body.DefaultCountry ?? "IR").ToUpperInvariant();
            if (country.Length != 2 || !PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(country))
                return Errors.BadRequest("defaultCountry", "A two-letter ISO 3166 country code is required.");
            var settings = new OrganizationSettings(plan, country);
            await ReferenceDataUpdates.UpdateAsync(store, http.Caller().OrganizationId, r => r.Settings = settings, http.RequestAborted);
            return Results.Json(settings);
        }).RequireCaller(Errors, Permissions.Write);
        org.MapGet("/settings", (HttpContext http, IDocumentStore store) => AdminApi.List(http, store, r => new[] { r.Settings })
        ).RequireCaller(Errors, Permissions.Read);
    }

    private static void Collection<TInput, TItem>(RouteGroupBuilder org, string path,
        Func<ReferenceData, Dictionary<string, TItem>> items, Func<string, TInput, (TItem?, IResult?)> build)
    {
        org.MapPut($"/{path}/{{key}}", async (string key, TInput? body, HttpContext http, IDocumentStore store) =>
        {
            if (AdminApi.Forbidden(http) is { } forbidden) return forbidden;
            if (key.Length is 0 or > 50) return Errors.BadRequest("key", "A key of 1 to 50 characters is required.");
            if (body is null) return Errors.BadRequest("body", "A body is required.");
            var (item, error) = build(key, body);
            if (error is not null) return error;
            await ReferenceDataUpdates.UpdateAsync(store, http.Caller().OrganizationId, r => items(r)[key] = item!, http.RequestAborted);
            return Results.Json(item);
        }).RequireCaller(Errors, Permissions.Write);
        org.MapGet($"/{path}", (HttpContext http, IDocumentStore store) => AdminApi.List(http, store, r => items(r).Values))
            .RequireCaller(Errors, Permissions.Read);
    }

    private static (FlexField?, IResult?) ToFlexField(string slug, FlexFieldInput body)
    {
        if (!AdminApi.Slug().IsMatch(slug)) return (null, Errors.BadRequest("slug", "A slug of lowercase letters, digits, '-' or '_' is required."));
        if (!FlexFieldTypes.TryParse(body.Type, out var type))
            return (null, Errors.BadRequest("type", "Type must be one of VARCHAR, DATETIME, DROPDOWN, NUMERIC."));
        var options = (body.Options ?? []).Where(o => o is not null).ToArray();
        if (options.Any(o => string.IsNullOrWhiteSpace(o.Id) || string.IsNullOrWhiteSpace(o.Label)))
            return (null, Errors.BadRequest("options", "Each option needs an id and a label."));
        if (type == FlexFieldType.Dropdown && options.Length == 0)
            return (null, Errors.BadRequest("options", "A DROPDOWN flex field needs options."));
        return (new FlexField(slug, type, options.Select(o => new FlexFieldOption(o.Id!, o.Label!)).ToArray()), null);
    }

    private static (NamedCode?, IResult?) ToNamedCode(string codename, NameInput body) =>
        !AdminApi.Slug().IsMatch(codename)
            ? (null, Errors.BadRequest("codename", "A codename of lowercase letters, digits, '-' or '_' is required."))
            : string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200
                ? (null, Errors.BadRequest("name", "A name of 1 to 200 characters is required."))
                : (new NamedCode(codename, body.Name.Trim()), null);
}
