using Microsoft.Extensions.Configuration;
using Npgsql;
using Parties.Api.Hosting;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

public class the_database_connection_carries_the_service_defaults
{
    private static NpgsqlConnectionStringBuilder From(params (string Key, string Value)[] settings) =>
        new(DatabaseConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build()));

    [Fact]
    public void statements_are_prepared_and_pooled_connections_are_not_reset_by_default()
    {
        var connection = From(("ConnectionStrings:Parties", "Host=db;Database=parties"));

        connection.MaxAutoPrepare.ShouldBe(64);
        connection.NoResetOnClose.ShouldBeTrue();
        connection.Options.ShouldBe("-c statement_timeout=30000");
        connection.CommandTimeout.ShouldBe(35);
    }

    [Fact]
    public void what_the_operator_wrote_wins()
    {
        var connection = From(("ConnectionStrings:Parties", "Host=db;Max Auto Prepare=0;NoResetOnClose=false"),
            ("Parties:StatementTimeoutSeconds", "0"));

        connection.MaxAutoPrepare.ShouldBe(0);
        connection.NoResetOnClose.ShouldBeFalse();
        connection.Options.ShouldBeNull();
    }
}
