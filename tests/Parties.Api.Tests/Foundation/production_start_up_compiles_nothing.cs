using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

/// <summary>The app as Production runs it: Wolverine loads only the handler code committed under Internal/Generated.</summary>
public sealed class StaticCodeAppFixture(TestPostgres postgres) : AppFixture(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        base.Settings.Append(("Parties:TypeLoadMode", "Static"));
}

public class production_start_up_compiles_nothing(StaticCodeAppFixture app) : IClassFixture<StaticCodeAppFixture>
{
    [Fact]
    public async Task every_command_runs_on_the_pre_generated_handler_code()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var created = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "S-1", party_type = "organization", legal_name = "Static Co", role = "vendor" }).ToUrl("/api/parties/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await app.Host.Scenario(s => { s.Patch.Json(new { notes = "x" }).ToUrl($"/api/parties/{id}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBeOk(); });
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new[] { new { number = "S-2", party_type = "individual", first_name = "A" } }).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new[] { new { number = "S-2", notes = "y" } }).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBeOk();
        });
    }

    [Fact]
    public async Task the_committed_generated_code_is_what_codegen_writes_today()
    {
        var root = Repository.Root();
        var generated = Path.Combine("src", "Parties.Api", "Internal", "Generated");
        Directory.Exists(Path.Combine(root, generated)).ShouldBeTrue();
        var (exit, output) = await Repository.RunAsync("dotnet",
            "run --project src/Parties.Api --no-build -- codegen write",
            ("ConnectionStrings__Parties", app.ConnectionString), ("DOTNET_ENVIRONMENT", "Development"));
        exit.ShouldBe(0, output);
        // What codegen changed or added, against what git has (index or last commit).
        var (_, changed) = await Repository.RunAsync("git", $"diff --stat -- {generated}");
        var (_, added) = await Repository.RunAsync("git", $"ls-files --others --exclude-standard -- {generated}");
        (changed + added).Trim().ShouldBeEmpty("Regenerate with `dotnet run --project src/Parties.Api -- codegen write` and commit:\n" + changed + added);
    }
}
