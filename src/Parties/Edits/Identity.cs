using System.Collections.Immutable;

namespace Parties;

public sealed record SetNumber(string Key, string Number) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { Number = Number });
}

public sealed record SetName(string Key, string? Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { Name = Name });
}

public sealed record SetPartyType(string Key, PartyType PartyType) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { PartyType = PartyType });
}

public sealed record SetSubType(string Key, string? SubType) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        SubType is null || context.Reference.PartySubTypes.ContainsKey(SubType)
            ? Ok(data with { SubType = SubType })
            : Fail(ErrorCodes.UnknownSubType, SubType);
}

/// <summary>Sets the built-in roles and keeps the custom ones.</summary>
public sealed record SetBuiltInRoles(string Key, ImmutableArray<string> Roles) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Ok(data with { Roles = Parties.Roles.Sorted(data.Roles.Where(r => !Parties.Roles.IsBuiltIn(r)).Concat(Roles)) });
}

/// <summary>Sets every role, built-in and custom; custom ones must be the organization's.</summary>
public sealed record SetAllRoles(string Key, ImmutableArray<string> Roles) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var unknown = Roles.FirstOrDefault(r => !Parties.Roles.IsBuiltIn(r) && !context.Reference.PartyRoles.ContainsKey(r));
        return unknown is null ? Ok(data with { Roles = Parties.Roles.Sorted(Roles) }) : Fail(ErrorCodes.UnknownRole, unknown);
    }
}
