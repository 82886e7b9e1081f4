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
        Collection<FlexFieldInput, FlexField>(org, "flex-fields", "a flex field", "flex fields", r => r.FlexFields, ToFlexField);
        Collection<ActiveInput, PaymentTerm>(org, "payment-terms", "a payment term", "payment terms", r => r.PaymentTerms,
            (name, body) => (new PaymentTerm(name, body.Active ?? true), null));
        Collection<TaxRuleInput, TaxRule>(org, "tax-rules", "a tax rule", "tax rules", r => r.TaxRules,
            (name, body) => (new TaxRule(name, body.ForPurchases ?? false, body.Active ?? true), null));
        Collection<AccountInput, Account>(org, "accounts", "an account", "accounts", r => r.Accounts,
            (code, body) => (new Account(code, body.AccountPayable ?? false, body.Active ?? true), null));
        Collection<NameInput, AttributeSet>(org, "attribute-sets", "an attribute set", "attribute sets", r => r.AttributeSets,
            (name, _) => (new AttributeSet(name), null));
        Collection<NameInput, NamedCode>(org, "party-sub-types", "a party sub-type", "party sub-types",
            r => r.PartySubTypes, ToNamedCode);
        Collection<NameInput, NamedCode>(org, "party-roles", "a custom party role", "custom party roles",
            r => r.PartyRoles, (codename, body) => Roles.IsBuiltIn(codename) || codename == "none"
                ? (null, Errors.BadRequest("codename", $"'{codename}' is a built-in role."))
                : ToNamedCode(codename, body));

        org.MapPut("/settings", PutSettings)
            .WithName("admin_set_settings")
            .WithSummary("Set the settings")
            .WithDescription("The organization's plan (Small, Medium, Large), default country, whose calling code " +
                "completes local phone numbers, and uniqueIdentifiers (default false): when true, no two active parties may " +
                "hold one national code, economic code or registration number. Organization admins only.")
            .RequireCaller(Errors, Permissions.Write);
        org.MapGet("/settings", (HttpContext http, IDocumentStore store) => AdminApi.List(http, store, r => new[] { r.Settings }))
            .WithName("admin_read_settings")
            .WithSummary("Read the settings")
            .WithDescription("The organization's plan and default country. Organization admins only.")
            .RequireCaller(Errors, Permissions.Read);
    }

    private static async Task<IResult> PutSettings(SettingsInput? body, HttpContext http, IDocumentStore store)
    {
        if (AdminApi.Forbidden(http) is { } forbidden) return forbidden;
        if (!Enum.TryParse<Plan>(body?.Plan, true, out var plan) || !Enum.IsDefined(plan) || body!.Plan!.Any(char.IsDigit))
            return Errors.BadRequest("plan", "Plan must be one of Small, Medium, Large.");
        var country = (body.DefaultCountry ?? "IR").ToUpperInvariant();
        if (country.Length != 2 || !PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(country))
            return Errors.BadRequest("defaultCountry", "A two-letter ISO 3166 country code is required.");
        var settings = new OrganizationSettings(plan, country, body.UniqueIdentifiers ?? false);
        await ReferenceDataUpdates.UpdateAsync(store, http.Caller().OrganizationId, r => r.Settings = settings, http.RequestAborted);
        return Results.Json(settings);
    }

    /// <param name="one">One item as the reference names it, with its article: "a flex field".</param>
    /// <param name="all">The items as the reference names them: "flex fields".</param>
    private static void Collection<TInput, TItem>(RouteGroupBuilder org, string path, string one, string all,
        Func<ReferenceData, Dictionary<string, TItem>> items, Func<string, TInput, (TItem?, IResult?)> build)
    {
        async Task<IResult> Put(string key, TInput? body, HttpContext http, IDocumentStore store)
        {
            if (AdminApi.Forbidden(http) is { } forbidden) return forbidden;
            if (key.Length is 0 or > 50) return Errors.BadRequest("key", "A key of 1 to 50 characters is required.");
            if (body is null) return Errors.BadRequest("body", "A body is required.");
            var (item, error) = build(key, body);
            if (error is not null) return error;
            await ReferenceDataUpdates.UpdateAsync(store, http.Caller().OrganizationId, r => items(r)[key] = item!,
                http.RequestAborted);
            return Results.Json(item);
        }

        var name = path.Replace('-', '_');
        org.MapPut($"/{path}/{{key}}", Put)
            .WithName($"admin_set_{name}")
            .WithSummary($"Set {one}")
            .WithDescription($"Creates or replaces {one} of the organization under the key in the path; the dialects accept " +
                $"only the {all} set here. Organization admins only.")
            .RequireCaller(Errors, Permissions.Write);
        org.MapGet($"/{path}", (HttpContext http, IDocumentStore store) => AdminApi.List(http, store, r => items(r).Values))
            .WithName($"admin_list_{name}")
            .WithSummary($"List the {all}")
            .WithDescription($"The organization's {all}. Organization admins only.")
            .RequireCaller(Errors, Permissions.Read);
    }

    private static (FlexField?, IResult?) ToFlexField(string slug, FlexFieldInput body)
    {
        if (!AdminApi.Slug().IsMatch(slug))
            return (null, Errors.BadRequest("slug", "A slug of lowercase letters, digits, '-' or '_' is required."));
        if (!FlexFieldTypes.TryParse(body.Type, out var type))
            return (null, Errors.BadRequest("type", "Type must be one of VARCHAR, DATETIME, DROPDOWN, NUMERIC."));
        var options = (body.Options ?? []).Where(o => o is not null).ToArray();
        if (options.Any(o => string.IsNullOrWhiteSpace(o.Id) || string.IsNullOrWhiteSpace(o.Label)))
            return (null, Errors.BadRequest("options", "Each option needs an id and a label."));
        if (type == FlexFieldType.Dropdown && options.Length == 0)
            return (null, Errors.BadRequest("options", "A DROPDOWN flex field needs options."));
        return (new FlexField(slug, type, options.Select(o => new FlexFieldOption(o.Id!, o.Label!)).ToArray(), body.Personal ?? false), null);
    }

    private static (NamedCode?, IResult?) ToNamedCode(string codename, NameInput body) =>
        !AdminApi.Slug().IsMatch(codename)
            ? (null, Errors.BadRequest("codename", "A codename of lowercase letters, digits, '-' or '_' is required."))
            : string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200
                ? (null, Errors.BadRequest("name", "A name of 1 to 200 characters is required."))
                : (new NamedCode(codename, body.Name.Trim()), null);
}
