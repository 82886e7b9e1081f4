using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

public class every_supplier_field_rule_is_reported_per_item(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Long256 = new('x', 256), Long257 = new('x', 257), Long50 = new('x', 50), Long51 = new('x', 51);

    private static Action<Dictionary<string, object?>> Set(string field, object? value) => s => s[field] = value;
    private static Action<Dictionary<string, object?>> Remove(string field) => s => s.Remove(field);
    private static Action<Dictionary<string, object?>> Address(string field, object? value) =>
        s => s["Addresses"] = new[] { With(Suppliers.Address(), field, value) };
    private static Action<Dictionary<string, object?>> Contact(string field, object? value) =>
        s => s["Contacts"] = new[] { With(Suppliers.Contact(), field, value) };

    private static Dictionary<string, object?> With(Dictionary<string, object?> item, string field, object? value)
    {
        if (value is Missing) item.Remove(field);
        else item[field] = value;
        return item;
    }

    private sealed class Missing;

    /// <summary>Each rule of the seed's field table: what breaks it, and the ErrorText it answers.</summary>
    private static readonly Dictionary<string, (Action<Dictionary<string, object?>> Break, string Error)> Rules = new()
    {
        ["Name missing"] = (Remove("Name"), "Supplier name is required"),
        ["Name blank"] = (Set("Name", "  "), "Supplier name is required"),
        ["Name too long"] = (Set("Name", Long257), "Supplier name cannot be longer than 256 characters"),
        ["Currency missing"] = (Remove("Currency"), "Currency is required"),
        ["Currency not ISO 4217"] = (Set("Currency", "XYZ"), "Currency 'XYZ' is not a valid ISO 4217 code"),
        ["Currency too long"] = (Set("Currency", "USDX"), "Currency cannot be longer than 3 characters"),
        ["PaymentTerm missing"] = (Remove("PaymentTerm"), "Payment term is required"),
        ["PaymentTerm unknown"] = (Set("PaymentTerm", "Net99"), "Payment term 'Net99' not found or not active"),
        ["PaymentTerm inactive"] = (Set("PaymentTerm", "Retired"), "Payment term 'Retired' not found or not active"),
        ["PaymentTerm too long"] = (Set("PaymentTerm", Long51), "Payment term cannot be longer than 50 characters"),
        ["TaxRule missing"] = (Remove("TaxRule"), "Tax rule is required"),
        ["TaxRule unknown"] = (Set("TaxRule", "Nope"), "Tax rule 'Nope' not found or not for purchases"),
        ["TaxRule not for purchases"] = (Set("TaxRule", "SalesOnly"), "Tax rule 'SalesOnly' not found or not for purchases"),
        ["TaxRule too long"] = (Set("TaxRule", Long51), "Tax rule cannot be longer than 50 characters"),
        ["AccountPayable missing"] = (Remove("AccountPayable"), "Account payable is required"),
        ["AccountPayable unknown"] = (Set("AccountPayable", "9999"), "Account '9999' not found, not active or not an account payable"),
        ["AccountPayable not payable"] = (Set("AccountPayable", "1200"), "Account '1200' not found, not active or not an account payable"),
        ["AccountPayable inactive"] = (Set("AccountPayable", "2999"), "Account '2999' not found, not active or not an account payable"),
        ["AccountPayable too long"] = (Set("AccountPayable", Long51), "Account payable cannot be longer than 50 characters"),
        ["Discount below 0"] = (Set("Discount", -0.01m), "Discount must be between 0 and 100"),
        ["Discount above 100"] = (Set("Discount", 100.01m), "Discount must be between 0 and 100"),
        ["Comments too long"] = (Set("Comments", Long257), "Comments cannot be longer than 256 characters"),
        ["TaxNumber too long"] = (Set("TaxNumber", Long257), "Tax number cannot be longer than 256 characters"),
        ["AttributeSet unknown"] = (Set("AttributeSet", "Nope"), "Attribute set 'Nope' not found"),
        ["AttributeSet too long"] = (Set("AttributeSet", Long51), "Attribute set cannot be longer than 50 characters"),
        ["AdditionalAttribute1 too long"] = (Set("AdditionalAttribute1", Long257), "Additional attribute 1 cannot be longer than 256 characters"),
        ["AdditionalAttribute10 too long"] = (Set("AdditionalAttribute10", Long257), "Additional attribute 10 cannot be longer than 256 characters"),
        ["Status missing"] = (Remove("Status"), "Status is required"),
        ["Status unknown"] = (Set("Status", "Archived"), "Status must be Active or Deprecated"),
        ["Address Line1 missing"] = (Address("Line1", new Missing()), "Address #1: Line1 is required"),
        ["Address Line1 too long"] = (Address("Line1", Long257), "Address #1: Line1 cannot be longer than 256 characters"),
        ["Address Line2 too long"] = (Address("Line2", Long257), "Address #1: Line2 cannot be longer than 256 characters"),
        ["Address Type missing"] = (Address("Type", new Missing()), "Address #1: Type is required"),
        ["Address Type unknown"] = (Address("Type", "Home"), "Address #1: Type must be Billing, Shipping or Business"),
        ["Address DefaultForType missing"] = (Address("DefaultForType", null), "Address #1: DefaultForType is required"),
        ["Address City too long"] = (Address("City", Long257), "Address #1: City cannot be longer than 256 characters"),
        ["Address State too long"] = (Address("State", Long257), "Address #1: State cannot be longer than 256 characters"),
        ["Address Postcode too long"] = (Address("Postcode", new string('1', 21)), "Address #1: Postcode cannot be longer than 20 characters"),
        ["Address Country too long"] = (Address("Country", new string('c', 33)), "Address #1: Country cannot be longer than 32 characters"),
        ["Address empty"] = (Set("Addresses", new object?[] { null }), "Address #1 is empty"),
        ["Two default addresses of one Type"] = (Set("Addresses", new[] { Suppliers.Address("1 A St"), Suppliers.Address("2 B St") }),
            "Only one address of each Type can be DefaultForType"),
        ["Contact Name missing"] = (Contact("Name", new Missing()), "Contact #1: Name is required"),
        ["Contact Name too long"] = (Contact("Name", Long257), "Contact #1: Name cannot be longer than 256 characters"),
        ["Contact Phone too long"] = (Contact("Phone", Long51), "Contact #1: Phone cannot be longer than 50 characters"),
        ["Contact MobilePhone too long"] = (Contact("MobilePhone", Long51), "Contact #1: MobilePhone cannot be longer than 50 characters"),
        ["Contact Fax too long"] = (Contact("Fax", Long51), "Contact #1: Fax cannot be longer than 50 characters"),
        ["Contact JobTitle too long"] = (Contact("JobTitle", Long257), "Contact #1: JobTitle cannot be longer than 256 characters"),
        ["Contact Email too long"] = (Contact("Email", Long257), "Contact #1: Email cannot be longer than 256 characters"),
        ["Contact Website too long"] = (Contact("Website", Long257), "Contact #1: Website cannot be longer than 256 characters"),
        ["Contact Comment too long"] = (Contact("Comment", Long257), "Contact #1: Comment cannot be longer than 256 characters"),
        ["Contact Default missing"] = (Contact("Default", new Missing()), "Contact #1: Default is required"),
    };

    public static TheoryData<string> RuleNames => [.. Rules.Keys];

    [Theory]
    [MemberData(nameof(RuleNames))]
    public async Task a_supplier_breaking_one_rule_fails_with_its_error_text_and_nothing_is_written(string rule)
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var (breakIt, error) = Rules[rule];
        var bad = Suppliers.Valid($"Bad {rule}");
        breakIt(bad);

        var answers = await Suppliers.CreateAsync(app.Host, org, bad, Suppliers.Valid("Good Neighbour"));
        answers[0].GetProperty("OperationStatus").GetString().ShouldBe("failed");
        answers[0].ErrorTexts().ShouldBe([error]);
        answers[0].GetProperty("ID").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        answers[1].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        (await app.Store.CountAsync(org)).ShouldBe((1, 1));

        // The same rule holds for an update, which then changes nothing.
        var id = answers[1].GetProperty("ID").GetGuid();
        var update = Suppliers.Valid("Good Neighbour");
        breakIt(update);
        update["ID"] = id;
        var updated = (await Suppliers.UpdateAsync(app.Host, org, update))[0];
        updated.GetProperty("OperationStatus").GetString().ShouldBe("failed");
        updated.ErrorTexts().ShouldContain(error.Replace("Bad " + rule, "Good Neighbour"));
        (await app.Store.CountAsync(org)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task values_at_the_limits_are_accepted()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var edge = Suppliers.Valid(Long256);
        edge["Discount"] = 100m;
        edge["Comments"] = Long256;
        edge["TaxNumber"] = Long256;
        edge["AttributeSet"] = Suppliers.AttributeSet;
        edge["AdditionalAttribute5"] = Long256;
        edge["Status"] = "deprecated";
        edge["Addresses"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["Line1"] = Long256, ["Line2"] = Long256, ["Type"] = "shipping", ["DefaultForType"] = true, ["City"] = Long256,
                ["State"] = Long256, ["Postcode"] = new string('1', 20), ["Country"] = new string('c', 32),
            },
            Suppliers.Address("2 Other St", "Shipping", false),
        };
        edge["Contacts"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["Name"] = Long256, ["Phone"] = Long50, ["MobilePhone"] = Long50, ["Fax"] = Long50, ["JobTitle"] = Long256,
                ["Email"] = Long256, ["Website"] = Long256, ["Comment"] = Long256, ["Default"] = false,
            },
        };
        var zero = Suppliers.Valid("Zero Discount");
        zero["Discount"] = 0m;

        var answers = await Suppliers.CreateAsync(app.Host, org, edge, zero);
        answers[0].ErrorTexts().ShouldBeEmpty();
        answers[0].GetProperty("PaymentTerm").GetString().ShouldBe(Suppliers.PaymentTerm);
        answers[0].GetProperty("Status").GetString().ShouldBe("Deprecated");
        answers[0].GetProperty("AdditionalAttribute5").GetString().ShouldBe(Long256);
        answers[0].GetProperty("Addresses")[0].GetProperty("Type").GetString().ShouldBe("Shipping");
        answers[1].GetProperty("Discount").GetDecimal().ShouldBe(0m);
        (await app.Store.CountAsync(org)).Parties.ShouldBe(2);
    }

    [Fact]
    public async Task all_of_an_items_errors_are_reported_together()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var bad = Suppliers.Valid(Long257);
        bad["Currency"] = "XYZ";
        bad["PaymentTerm"] = "Net99";
        bad["Discount"] = 101m;
        bad["Status"] = null;
        bad["Addresses"] = new[] { With(Suppliers.Address(), "Line1", new Missing()) };
        bad["Contacts"] = new[] { With(Suppliers.Contact(), "Default", new Missing()) };

        var answer = (await Suppliers.CreateAsync(app.Host, org, bad))[0];
        answer.ErrorTexts().ShouldBe(
        [
            "Supplier name cannot be longer than 256 characters",
            "Currency 'XYZ' is not a valid ISO 4217 code",
            "Payment term 'Net99' not found or not active",
            "Discount must be between 0 and 100",
            "Status is required",
            "Address #1: Line1 is required",
            "Contact #1: Default is required",
        ]);
        answer.GetProperty("Name").GetString().ShouldBe(Long257, "a failed item is echoed as sent");
        (await app.Store.CountAsync(org)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task a_name_is_unique_per_organization_ignoring_case_and_shared_with_vendors_of_the_parties_dialect()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var other = await Suppliers.OrganizationAsync(app.Host);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "V-1", party_type = "organization", legal_name = "Vendor Of Parties", role = "vendor" }).ToUrl("/api/parties/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        var first = await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Acme Supplies"));

        var answers = await Suppliers.CreateAsync(app.Host, org,
            Suppliers.Valid("ACME supplies"), Suppliers.Valid("vendor of parties"), Suppliers.Valid("Twice"), Suppliers.Valid("twice"));
        answers[0].ErrorTexts().ShouldBe(["Supplier with name 'ACME supplies' already exists"]);
        answers[1].ErrorTexts().ShouldBe(["Supplier with name 'vendor of parties' already exists"]);
        answers[2].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        answers[3].ErrorTexts().ShouldBe(["Supplier with name 'twice' already exists"]);

        var rename = Suppliers.Valid("Twice");
        rename["ID"] = first.GetProperty("ID").GetGuid();
        (await Suppliers.UpdateAsync(app.Host, org, rename))[0].ErrorTexts().ShouldBe(["Supplier with name 'Twice' already exists"]);
        var sameName = Suppliers.Valid("ACME SUPPLIES");
        sameName["ID"] = first.GetProperty("ID").GetGuid();
        (await Suppliers.UpdateAsync(app.Host, org, sameName))[0].GetProperty("Name").GetString().ShouldBe("ACME SUPPLIES");

        await Suppliers.CreateOneAsync(app.Host, other, Suppliers.Valid("Acme Supplies"));
    }

    [Fact]
    public async Task additional_attributes_count_only_on_the_large_plan_with_an_attribute_set()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var withSet = Suppliers.Valid("With Set");
        withSet["AttributeSet"] = Suppliers.AttributeSet;
        withSet["AdditionalAttribute3"] = "kept";
        var withoutSet = Suppliers.Valid("Without Set");
        withoutSet["AdditionalAttribute3"] = "ignored";
        var large = await Suppliers.CreateAsync(app.Host, org, withSet, withoutSet);
        large[0].GetProperty("AdditionalAttribute3").GetString().ShouldBe("kept");
        large[1].GetProperty("AdditionalAttribute3").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings", new { plan = "Medium" });
        var medium = Suppliers.Valid("On Medium");
        medium["AttributeSet"] = "Unknown Set Is Ignored Too";
        medium["AdditionalAttribute3"] = "ignored";
        var answer = (await Suppliers.CreateAsync(app.Host, org, medium))[0];
        answer.ErrorTexts().ShouldBeEmpty();
        answer.GetProperty("AttributeSet").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        answer.GetProperty("AdditionalAttribute3").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        await using var session = app.Store.QuerySession(org.Id);
        var stored = await session.Query<Party>().Where(p => p.NameKey == "on medium").SingleAsync();
        stored.Data.AttributeSet.ShouldBeNull();
        stored.Data.AdditionalAttributes.ShouldBeEmpty();
    }
}
