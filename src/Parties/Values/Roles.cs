using System.Collections.Immutable;

namespace Parties;

/// <summary>The built-in roles a party can have; organizations add their own (custom roles, by codename).</summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Vendor = "vendor";
    public const string Employee = "employee";
    public const string Other = "other";

    /// <summary>The built-in roles in their canonical order.</summary>
    public static readonly ImmutableArray<string> BuiltIn = [Customer, Vendor, Employee, Other];

    public static bool IsBuiltIn(string role) => BuiltIn.Contains(role);

    /// <summary>Roles as a party keeps them: each once, in ordinal order.</summary>
    public static ImmutableArray<string> Sorted(IEnumerable<string> roles) =>
        [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
