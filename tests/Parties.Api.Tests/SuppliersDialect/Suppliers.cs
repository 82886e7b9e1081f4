using System.Text.Json;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

/// <summary>Calls of the Suppliers dialect as a Cin7 Core client makes them, and the reference data they need.</summary>
public static class Suppliers
{
    public const string PaymentTerm = "Net30", TaxRule = "Purchases", AccountPayable = "2100", AttributeSet = "Extras";

    /// <summary>An organization whose reference data has what a valid supplier names, and some that is unfit.</summary>
    public static async Task<TestOrganization> OrganizationAsync(IAlbaHost host, string? database = null)
    {
        var org = await Organizations.CreateAsync(host, database: database);
        await Organizations.PutAsync(host, org.AdminKey, $"/admin/payment-terms/{PaymentTerm}", new { active = true });
        await Organizations.PutAsync(host, org.AdminKey, "/admin/payment-terms/Retired", new { active = false });
        await Organizations.PutAsync(host, org.AdminKey, $"/admin/tax-rules/{TaxRule}", new { forPurchases = true, active = true });
        await Organizations.PutAsync(host, org.AdminKey, "/admin/tax-rules/SalesOnly", new { forPurchases = false, active = true });
        await Organizations.PutAsync(host, org.AdminKey, $"/admin/accounts/{AccountPayable}", new { accountPayable = true, active = true });
        await Organizations.PutAsync(host, org.AdminKey, "/admin/accounts/1200", new { accountPayable = false, active = true });
        await Organizations.PutAsync(host, org.AdminKey, "/admin/accounts/2999", new { accountPayable = true, active = false });
        await Organizations.PutAsync(host, org.AdminKey, $"/admin/attribute-sets/{AttributeSet}", new { name = AttributeSet });
        return org;
    }

    /// <summary>A supplier with every required field valid; tests change or remove what they check.</summary>
    public static Dictionary<string, object?> Valid(string name) => new()
    {
        ["Name"] = name,
        ["Currency"] = "USD",
        ["PaymentTerm"] = PaymentTerm,
        ["TaxRule"] = TaxRule,
        ["AccountPayable"] = AccountPayable,
        ["Status"] = "Active",
    };

    public static Dictionary<string, object?> Address(string line1 = "1 Main St", string type = "Billing", bool? defaultForType = true) => new()
    {
        ["Line1"] = line1, ["Type"] = type, ["DefaultForType"] = defaultForType,
    };

    public static Dictionary<string, object?> Contact(string name = "Jane Buyer", bool? isDefault = true) => new()
    {
        ["Name"] = name, ["Default"] = isDefault,
    };

    public static void WithCin7Key(this Scenario scenario, TestOrganization org, string key)
    {
        scenario.WithRequestHeader("api-auth-accountid", org.AccountId.ToString());
        scenario.WithRequestHeader("api-auth-applicationkey", key);
    }

    /// <summary>POST or PUT /Suppliers with <c>{"Suppliers":[…]}</c>, written as is (PascalCase), by bob.</summary>
    public static async Task<JsonElement> WriteAsync(IAlbaHost host, TestOrganization org, HttpMethod method,
        IEnumerable<object?> suppliers, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            (method == HttpMethod.Put ? s.Put : s.Post).Url("/Suppliers");
            s.RawJson(JsonSerializer.Serialize(new { Suppliers = suppliers }));
            s.WithCin7Key(org, org.BookkeeperKey);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    public static async Task<JsonElement> CreateAsync(IAlbaHost host, TestOrganization org, params object?[] suppliers) =>
        (await WriteAsync(host, org, HttpMethod.Post, suppliers)).GetProperty("Suppliers");

    public static async Task<JsonElement> UpdateAsync(IAlbaHost host, TestOrganization org, params object?[] suppliers) =>
        (await WriteAsync(host, org, HttpMethod.Put, suppliers)).GetProperty("Suppliers");

    /// <summary>Creates one valid supplier and returns it as answered.</summary>
    public static async Task<JsonElement> CreateOneAsync(IAlbaHost host, TestOrganization org, object supplier)
    {
        var answer = (await CreateAsync(host, org, supplier))[0];
        answer.GetProperty("OperationStatus").GetString().ShouldBe("succeeded", answer.ToString());
        return answer;
    }

    public static async Task<JsonElement> GetAsync(IAlbaHost host, TestOrganization org, string url, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithCin7Key(org, org.ReadOnlyKey);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    public static string[] ErrorTexts(this JsonElement item) =>
        [.. item.GetProperty("Errors").EnumerateArray().Select(e => e.GetProperty("ErrorText").GetString()!)];

    public static async Task<(int Parties, int Events)> CountAsync(this IDocumentStore store, TestOrganization org)
    {
        await using var session = store.QuerySession(org.Id);
        return (await session.Query<Party>().CountAsync(), await session.Events.QueryAllRawEvents().CountAsync());
    }
}
