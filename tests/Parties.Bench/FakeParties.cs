using System.Text.Json;
using Bogus;

namespace Parties.Bench;

/// <summary>
/// Realistic request bodies from Bogus: people and companies with names, emails, Iranian mobile numbers (the
/// organizations' default country), addresses. Every number and vendor name carries a unique suffix, so no
/// write is refused as a duplicate.
/// </summary>
public sealed class FakeParties(int seed)
{
    private readonly Faker _faker = new("en") { Random = new Randomizer(seed) };

    public string Mobile() => _faker.Random.ReplaceNumbers("0912#######");

    public string E164Phone() => _faker.Random.ReplaceNumbers("+98 912 ### ####");

    public string LastName() => _faker.Name.LastName();

    /// <summary>A Parties-dialect party: half people (customers), half companies (vendors).</summary>
    public Dictionary<string, object?> Party(string number, bool vendor)
    {
        var body = new Dictionary<string, object?>
        {
            ["number"] = number,
            ["mobile"] = Mobile(),
            ["addresses"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["address_type"] = "billing", ["city"] = _faker.Address.City(), ["address"] = _faker.Address.StreetAddress(),
                    ["postal_code"] = _faker.Random.ReplaceNumbers("##########"), ["is_default"] = true,
                },
            },
            ["phones"] = new[] { new Dictionary<string, object?> { ["phone_type"] = "work", ["phone"] = Mobile() } },
            ["notes"] = _faker.Random.Bool(0.3f) ? _faker.Lorem.Sentence() : null,
        };
        if (vendor)
        {
            body["party_type"] = "organization";
            body["role"] = "vendor";
            body["legal_name"] = $"{_faker.Company.CompanyName()} {number}";
            body["economic_code"] = _faker.Random.ReplaceNumbers("############");
            body["registration_number"] = _faker.Random.ReplaceNumbers("######");
        }
        else
        {
            body["party_type"] = "individual";
            body["role"] = "customer";
            body["first_name"] = _faker.Name.FirstName();
            body["last_name"] = _faker.Name.LastName();
            body["national_code"] = _faker.Random.ReplaceNumbers("##########");
        }
        return body;
    }

    /// <summary>The Vendors dialect's PATCH of three fields.</summary>
    public Dictionary<string, object?> VendorPatch(string uniqueSuffix) => new()
    {
        ["vendorData"] = new Dictionary<string, object?>
        {
            ["name"] = $"{_faker.Company.CompanyName()} {uniqueSuffix}",
            ["email"] = _faker.Internet.Email(),
            ["phone"] = E164Phone(),
        },
    };

    /// <summary>A Cin7 Core supplier with what the organization's reference data requires.</summary>
    public Dictionary<string, object?> Supplier(string uniqueSuffix) => new()
    {
        ["Name"] = $"{_faker.Company.CompanyName()} {uniqueSuffix}",
        ["Currency"] = "USD",
        ["PaymentTerm"] = Reference.PaymentTerm,
        ["TaxRule"] = Reference.TaxRule,
        ["AccountPayable"] = Reference.AccountPayable,
        ["Status"] = "Active",
        ["Contacts"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["Name"] = _faker.Name.FullName(), ["Email"] = _faker.Internet.Email(), ["Phone"] = E164Phone(), ["Default"] = true,
            },
        },
        ["Addresses"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["Line1"] = _faker.Address.StreetAddress(), ["City"] = _faker.Address.City(), ["Postcode"] = _faker.Address.ZipCode(),
                ["Country"] = "United States", ["Type"] = "Billing", ["DefaultForType"] = true,
            },
        },
    };

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    public static class Reference
    {
        public const string PaymentTerm = "Net30", TaxRule = "Purchases", AccountPayable = "2100";
    }
}
