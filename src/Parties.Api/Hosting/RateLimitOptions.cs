namespace Parties.Api.Hosting;

/// <summary>Calls per API key per minute, from <c>Parties:RateLimit</c>; 0 is unlimited.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Parties:RateLimit";

    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>The Suppliers dialect's own budget: Cin7 Core allows 60 calls a minute.</summary>
    public int SuppliersPermitsPerMinute { get; set; } = 60;
}
