using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

public class a_member_sees_and_changes_only_the_suppliers_it_owns(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task another_users_supplier_does_not_exist_for_a_member_and_all_exist_for_a_bookkeeper()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var bobs = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Bobs Supplier"))).GetProperty("ID").GetGuid();
        var carols = await app.Host.Scenario(s =>
        {
            s.Post.Url("/Suppliers");
            s.RawJson(System.Text.Json.JsonSerializer.Serialize(new { Suppliers = new[] { Suppliers.Valid("Carols Supplier") } }));
            s.WithCin7Key(org, org.MemberKey);
        });
        var carolsId = (await carols.JsonAsync()).GetProperty("Suppliers")[0].GetProperty("ID").GetGuid();

        async Task<System.Text.Json.JsonElement> AsCarol(string url, int status = 200) =>
            await (await app.Host.Scenario(s => { s.Get.Url(url); s.WithCin7Key(org, org.MemberKey); s.StatusCodeShouldBe(status); })).JsonAsync();

        var list = await AsCarol("/Suppliers");
        list.GetProperty("Total").GetInt32().ShouldBe(1);
        list.GetProperty("Suppliers")[0].GetProperty("ID").GetGuid().ShouldBe(carolsId);
        await AsCarol($"/Suppliers/{bobs}", 404);
        await AsCarol($"/Suppliers/{carolsId}");

        var takeOver = Suppliers.Valid("Taken By Carol");
        takeOver["ID"] = bobs;
        var own = Suppliers.Valid("Carols Renamed");
        own["ID"] = carolsId;
        var put = await app.Host.Scenario(s =>
        {
            s.Put.Url("/Suppliers");
            s.RawJson(System.Text.Json.JsonSerializer.Serialize(new { Suppliers = new[] { takeOver, own } }));
            s.WithCin7Key(org, org.MemberKey);
        });
        var answers = (await put.JsonAsync()).GetProperty("Suppliers");
        answers[0].ErrorTexts().ShouldBe(["Supplier with specified id does not exist"]);
        answers[1].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");

        (await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{bobs}")).GetProperty("Name").GetString().ShouldBe("Bobs Supplier");
        (await Suppliers.GetAsync(app.Host, org, "/Suppliers")).GetProperty("Total").GetInt32().ShouldBe(2);
    }
}
