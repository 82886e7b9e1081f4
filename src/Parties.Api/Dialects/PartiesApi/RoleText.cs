using System.Collections.Immutable;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The dialect's <c>role</c>: "none", one built-in role, or several joined by "_and_".</summary>
public static class RoleText
{
    public const string None = "none";

    public static string Format(IEnumerable<string> roles)
    {
        var builtIn = Roles.BuiltIn.Where(roles.Contains).ToArray();
        return builtIn.Length == 0 ? None : string.Join("_and_", builtIn);
    }

    public static bool TryParse(string text, out ImmutableArray<string> roles)
    {
        roles = [];
        if (text == None) return true;
        var parts = text.Split("_and_");
        if (parts.Any(p => !Roles.IsBuiltIn(p)) || parts.Distinct().Count() != parts.Length) return false;
        roles = [.. parts];
        return true;
    }
}
