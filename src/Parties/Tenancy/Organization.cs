namespace Parties.Tenancy;

/// <summary>A tenant. Global (not tenanted): the platform admin creates it, and its id is the Marten tenant id.</summary>
public sealed class Organization
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>What the Suppliers dialect's <c>api-auth-accountid</c> header carries.</summary>
    public Guid AccountId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The pooled database it lives in (sharded mode); none with a single database.</summary>
    public string? Database { get; set; }
}
