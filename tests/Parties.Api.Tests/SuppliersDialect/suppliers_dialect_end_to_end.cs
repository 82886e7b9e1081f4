using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

public class suppliers_dialect_end_to_end(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_created_supplier_reads_back_in_cin7_shape_and_is_a_vendor_party_in_the_parties_dialect()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var supplier = Suppliers.Valid("Acme Supplies");
        supplier["ID"] = Guid.NewGuid();
        supplier["Currency"] = "eur";
        supplier["Discount"] = 12.5m;
        supplier["Comments"] = "Ships on Mondays";
        supplier["TaxNumber"] = "DE123456789";
        supplier["AttributeSet"] = Suppliers.AttributeSet;
        supplier["AdditionalAttribute1"] = "first";
        supplier["AdditionalAttribute10"] = "tenth";
        supplier["Addresses"] = new[]
        {
            Suppliers.Address("1 Main St", "Billing"),
            new Dictionary<string, object?>
            {
                ["Line1"] = "9 Dock Rd", ["Line2"] = "Gate 4", ["Type"] = "Business", ["DefaultForType"] = false,
                ["City"] = "Hamburg", ["State"] = "HH", ["Postcode"] = "20457", ["Country"] = "Germany",
            },
        };
        supplier["Contacts"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["Name"] = "Jane Buyer", ["Phone"] = "+49 40 123", ["MobilePhone"] = "+49 170 1", ["JobTitle"] = "Buyer",
                ["Fax"] = "+49 40 124", ["Email"] = "jane@acme.test", ["Website"] = "https://acme.test", ["Default"] = true,
                ["Comment"] = "Mornings",
            },
        };

        var created = await Suppliers.CreateOneAsync(app.Host, org, supplier);
        created.ErrorTexts().ShouldBeEmpty();
        var id = created.GetProperty("ID").GetGuid();
        id.ShouldNotBe((Guid)supplier["ID"]!, "POST ignores the ID it is sent");

        var read = await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}");
        read.GetProperty("ID").GetGuid().ShouldBe(id);
        read.GetProperty("Name").GetString().ShouldBe("Acme Supplies");
        read.GetProperty("Currency").GetString().ShouldBe("EUR");
        read.GetProperty("PaymentTerm").GetString().ShouldBe(Suppliers.PaymentTerm);
        read.GetProperty("TaxRule").GetString().ShouldBe(Suppliers.TaxRule);
        read.GetProperty("AccountPayable").GetString().ShouldBe(Suppliers.AccountPayable);
        read.GetProperty("Discount").GetDecimal().ShouldBe(12.5m);
        read.GetProperty("Comments").GetString().ShouldBe("Ships on Mondays");
        read.GetProperty("TaxNumber").GetString().ShouldBe("DE123456789");
        read.GetProperty("AttributeSet").GetString().ShouldBe(Suppliers.AttributeSet);
        read.GetProperty("AdditionalAttribute1").GetString().ShouldBe("first");
        read.GetProperty("AdditionalAttribute2").ValueKind.ShouldBe(JsonValueKind.Null);
        read.GetProperty("AdditionalAttribute10").GetString().ShouldBe("tenth");
        read.GetProperty("Status").GetString().ShouldBe("Active");
        read.GetProperty("LastModifiedOn").GetDateTime().ShouldBe(created.GetProperty("LastModifiedOn").GetDateTime(), TimeSpan.FromSeconds(5));
        read.GetProperty("LastModifiedOn").GetString()!.ShouldEndWith("Z");
        read.TryGetProperty("OperationStatus", out _).ShouldBeFalse("GET answers carry no batch status");
        var business = read.GetProperty("Addresses")[1];
        business.GetProperty("Type").GetString().ShouldBe("Business");
        business.GetProperty("DefaultForType").GetBoolean().ShouldBeFalse();
        business.GetProperty("Line2").GetString().ShouldBe("Gate 4");
        business.GetProperty("Postcode").GetString().ShouldBe("20457");
        business.GetProperty("Country").GetString().ShouldBe("Germany");
        var contact = read.GetProperty("Contacts").EnumerateArray().ShouldHaveSingleItem();
        contact.GetProperty("Email").GetString().ShouldBe("jane@acme.test");
        contact.GetProperty("Fax").GetString().ShouldBe("+49 40 124");
        contact.GetProperty("Default").GetBoolean().ShouldBeTrue();

        var party = await (await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
        })).JsonAsync();
        party.GetProperty("role").GetString().ShouldBe("vendor");
        party.GetProperty("party_type").GetString().ShouldBe("organization");
        party.GetProperty("legal_name").GetString().ShouldBe("Acme Supplies");
        party.GetProperty("economic_code").GetString().ShouldBe("DE123456789");
        party.GetProperty("number").GetString()!.ShouldMatch("^S-[0-9A-F]{12}$");
        party.GetProperty("addresses")[1].GetProperty("address_type").GetString().ShouldBe("office");

        await using var session = app.Store.QuerySession(org.Id);
        var registered = (await session.Events.FetchStreamAsync(id)).ShouldHaveSingleItem();
        registered.UserName.ShouldBe("bob");
        registered.GetHeader("dialect")!.ToString().ShouldBe("suppliers");
        (await session.LoadAsync<Party>(id))!.Data.OwnerId.ShouldBe("bob");
    }

    [Fact]
    public async Task authentication_failures_and_missing_write_permission_are_403_in_the_cin7_shape()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var other = await Organizations.CreateAsync(app.Host, "Globex");

        async Task<JsonElement> Refused(Action<Scenario> auth, bool write = false)
        {
            var result = await app.Host.Scenario(s =>
            {
                if (write)
                {
                    s.Post.Url("/Suppliers");
                    s.RawJson(JsonSerializer.Serialize(new { Suppliers = new[] { Suppliers.Valid("Refused") } }));
                }
                else s.Get.Url("/Suppliers");
                auth(s);
                s.StatusCodeShouldBe(403);
            });
            var body = await result.JsonAsync();
            body[0].GetProperty("ErrorCode").GetInt32().ShouldBe(403);
            return body;
        }

        (await Refused(_ => { }))[0].GetProperty("Exception").GetString().ShouldBe("Incorrect credentials!");
        (await Refused(s => s.WithCin7Key(org, "pk_nope")))[0].GetProperty("Exception").GetString().ShouldBe("Incorrect credentials!");
        await Refused(s =>
        {
            s.WithRequestHeader("api-auth-accountid", other.AccountId.ToString());
            s.WithRequestHeader("api-auth-applicationkey", org.AdminKey);
        });
        await Refused(s => s.WithRequestHeader("api-auth-applicationkey", org.AdminKey));
        await Refused(s => s.WithCin7Key(org, org.ReadOnlyKey), write: true);

        await app.Host.Scenario(s => { s.Get.Url("/Suppliers"); s.WithCin7Key(org, org.ReadOnlyKey); s.StatusCodeShouldBe(200); });
        await app.Host.Scenario(s => { s.Get.Url("/Suppliers"); s.WithApiKey(org.MemberKey); s.StatusCodeShouldBe(200); });
        (await app.Store.CountAsync(org)).Parties.ShouldBe(0);
    }

    [Fact]
    public async Task another_organizations_supplier_and_a_party_that_is_not_a_vendor_do_not_exist_here()
    {
        var acme = await Suppliers.OrganizationAsync(app.Host);
        var globex = await Suppliers.OrganizationAsync(app.Host);
        var id = (await Suppliers.CreateOneAsync(app.Host, acme, Suppliers.Valid("Acme Only"))).GetProperty("ID").GetGuid();
        var customer = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "C-1", party_type = "organization", legal_name = "Just A Customer", role = "customer" }).ToUrl("/api/parties/");
            s.WithApiKey(globex.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        var customerId = (await customer.JsonAsync()).GetProperty("id").GetGuid();

        var notFound = await Suppliers.GetAsync(app.Host, globex, $"/Suppliers/{id}", 404);
        notFound[0].GetProperty("Exception").GetString().ShouldBe("Supplier with specified id does not exist");
        await Suppliers.GetAsync(app.Host, globex, $"/Suppliers/{customerId}", 404);
        await Suppliers.GetAsync(app.Host, globex, "/Suppliers/not-a-guid", 404);

        foreach (var target in new[] { id, customerId })
        {
            var update = Suppliers.Valid("Taken Over");
            update["ID"] = target;
            var answer = (await Suppliers.UpdateAsync(app.Host, globex, update))[0];
            answer.GetProperty("OperationStatus").GetString().ShouldBe("failed");
            answer.ErrorTexts().ShouldBe(["Supplier with specified id does not exist"]);
        }

        await using var session = app.Store.QuerySession(acme.Id);
        (await session.LoadAsync<Party>(id))!.Data.Name.ShouldBe("Acme Only");
        await using var globexSession = app.Store.QuerySession(globex.Id);
        var untouched = (await globexSession.LoadAsync<Party>(customerId))!;
        untouched.Version.ShouldBe(1);
        untouched.Data.Roles.ShouldBe(["customer"]);
    }

    [Fact]
    public async Task put_replaces_the_supplier_fields_clears_omitted_ones_and_keeps_omitted_collections()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var supplier = Suppliers.Valid("Before Ltd");
        supplier["Comments"] = "old comment";
        supplier["Discount"] = 5m;
        supplier["Addresses"] = new[] { Suppliers.Address("1 Old Rd") };
        supplier["Contacts"] = new[] { Suppliers.Contact("Old Contact") };
        var id = (await Suppliers.CreateOneAsync(app.Host, org, supplier)).GetProperty("ID").GetGuid();

        var update = Suppliers.Valid("After Ltd");
        update["ID"] = id;
        update["Currency"] = "GBP";
        update["Contacts"] = Array.Empty<object>();
        update["LastModifiedOn"] = "2001-01-01T00:00:00Z";
        update["OperationStatus"] = "whatever";
        var answer = (await Suppliers.UpdateAsync(app.Host, org, update))[0];
        answer.GetProperty("OperationStatus").GetString().ShouldBe("succeeded", answer.ToString());
        answer.GetProperty("ID").GetGuid().ShouldBe(id);

        var read = await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}");
        read.GetProperty("Name").GetString().ShouldBe("After Ltd");
        read.GetProperty("Currency").GetString().ShouldBe("GBP");
        read.GetProperty("Comments").ValueKind.ShouldBe(JsonValueKind.Null);
        read.GetProperty("Discount").ValueKind.ShouldBe(JsonValueKind.Null);
        read.GetProperty("Addresses").EnumerateArray().ShouldHaveSingleItem().GetProperty("Line1").GetString().ShouldBe("1 Old Rd");
        read.GetProperty("Contacts").GetArrayLength().ShouldBe(0);
        read.GetProperty("LastModifiedOn").GetDateTime().Year.ShouldBeGreaterThan(2001);

        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        events.Count.ShouldBe(2);
        events[1].Data.ShouldBeOfType<PartyChanged>().Changes.Select(c => c.Field)
            .ShouldBe(["name", "notes", "contacts", "currency", "discount"], ignoreOrder: true);
    }

    [Fact]
    public async Task deprecation_is_the_partys_active_flag_across_dialects()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var id = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Fading Co"))).GetProperty("ID").GetGuid();

        var deprecate = Suppliers.Valid("Fading Co");
        deprecate["ID"] = id;
        deprecate["Status"] = "Deprecated";
        (await Suppliers.UpdateAsync(app.Host, org, deprecate))[0].GetProperty("Status").GetString().ShouldBe("Deprecated");
        var party = await (await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{id}/"); s.WithApiKey(org.AdminKey); })).JsonAsync();
        party.GetProperty("is_active").GetBoolean().ShouldBeFalse();

        // The Parties dialect has no deactivation endpoint yet: its write is the domain command it would send.
        var other = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Closed By Parties"))).GetProperty("ID").GetGuid();
        using var scope = app.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
        var deactivation = new UpdateParty(other, [new SetValue<bool>("is_active", PartyFields.Active, false)], EditMode.AllOrNothing,
            null, new Actor("alice", Guid.NewGuid(), "parties", "req-deactivate"));
        (await bus.InvokeForTenantAsync<PartyDecision>(org.Id, deactivation)).Status.ShouldBe(DecisionStatus.Done);

        (await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{other}")).GetProperty("Status").GetString().ShouldBe("Deprecated");
        (await Suppliers.GetAsync(app.Host, org, "/Suppliers")).GetProperty("Total").GetInt32().ShouldBe(0);
        var all = await Suppliers.GetAsync(app.Host, org, "/Suppliers?includeDeprecated=true");
        all.GetProperty("Suppliers").EnumerateArray().Select(s => s.GetProperty("Status").GetString()).ShouldBe(["Deprecated", "Deprecated"]);

        await using var session = app.Store.QuerySession(org.Id);
        var audit = await app.Store.TrailAsync(org.Id, id);
        audit.Last().Action.ShouldBe(Parties.Projections.AuditAction.Delete);
        audit.Last().Dialect.ShouldBe("suppliers");
    }

    [Fact]
    public async Task a_malformed_body_is_a_400_naming_the_field_and_writes_nothing()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);

        async Task<string> Rejected(string body)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Url("/Suppliers");
                s.RawJson(body);
                s.WithCin7Key(org, org.AdminKey);
                s.StatusCodeShouldBe(400);
            });
            var error = (await result.JsonAsync())[0];
            error.GetProperty("ErrorCode").GetInt32().ShouldBe(400);
            return error.GetProperty("Exception").GetString()!;
        }

        (await Rejected("{\"Suppliers\": [")).ShouldNotBeNullOrWhiteSpace();
        (await Rejected("{\"Suppliers\": [{\"Name\": \"A\", \"Discount\": \"ten\"}]}")).ShouldStartWith("Suppliers[0].Discount");
        (await Rejected("{\"Suppliers\": [{\"Name\": \"A\", \"Addresses\": [{\"DefaultForType\": \"yes\"}]}]}"))
            .ShouldStartWith("Suppliers[0].Addresses");
        (await Rejected("{\"Suppliers\": [{\"Name\": \"A\", \"ID\": \"not-a-guid\"}]}")).ShouldStartWith("Suppliers[0].ID");
        (await Rejected("{\"Suppliers\": {\"Name\": \"A\"}}")).ShouldStartWith("Suppliers");
        (await Rejected("{}")).ShouldStartWith("Suppliers:");
        (await Rejected("[]")).ShouldNotBeNullOrWhiteSpace();

        (await app.Store.CountAsync(org)).ShouldBe((0, 0));
    }
}
