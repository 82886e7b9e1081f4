using Marten;

namespace Parties.Tenancy;

/// <summary>
/// The platform's own data in the master database (<c>ConnectionStrings:Parties</c>): organizations and API keys, so
/// authenticating a request is one lookup wherever the organization lives.
/// </summary>
public interface IPlatformStore : IDocumentStore;

public static class PlatformStore
{
    public static void Configure(StoreOptions opts, string masterConnectionString)
    {
        opts.Connection(masterConnectionString);
        // The schema and tables these documents had when they shared the party store, so a single database keeps them.
        opts.DatabaseSchemaName = PartiesStore.Schema;
        PartiesStore.UseJson(opts);
        opts.Schema.For<Organization>().Index(x => x.AccountId);
        opts.Schema.For<ApiKey>().Index(x => x.OrganizationId);
    }
}
