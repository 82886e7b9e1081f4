using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

/// <summary>What the chart's migration Job runs (<c>resources setup</c>), on a master and a pool of two empty databases.</summary>
public class the_migration_command_applies_the_schema_to_every_database(TestPostgres postgres)
{
    private static async Task<long> TablesAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = 'parties' and table_name = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = table } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task resources_setup_gives_the_master_its_tables_and_every_pooled_database_the_schema()
    {
        var master = await postgres.CreateDatabaseAsync("migrate_master");
        var one = await postgres.CreateDatabaseAsync("migrate_one");
        var two = await postgres.CreateDatabaseAsync("migrate_two");

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var api = Path.Combine(Repository.Root(), "src", "Parties.Api", "bin", configuration, "net10.0", "Parties.Api.dll");
        var (exit, output) = await Repository.RunAsync("dotnet", $"\"{api}\" resources setup",
            ("ConnectionStrings__Parties", master), ("Parties__Databases__one", one), ("Parties__Databases__two", two),
            ("Parties__ApplySchemaOnStartup", "false"), ("ASPNETCORE_ENVIRONMENT", "Development"));
        exit.ShouldBe(0, output);

        (await TablesAsync(master, "mt_database_pool")).ShouldBe(1);
        (await TablesAsync(master, "mt_doc_apikey")).ShouldBe(1);
        (await TablesAsync(master, "mt_events")).ShouldBe(0);
        foreach (var database in new[] { one, two })
        {
            (await TablesAsync(database, "mt_events")).ShouldBe(1);
            (await TablesAsync(database, "mt_doc_party")).ShouldBe(1);
            (await TablesAsync(database, "mt_doc_auditentry")).ShouldBe(1);
        }
    }
}
