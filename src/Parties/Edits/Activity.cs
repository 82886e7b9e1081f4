namespace Parties;

/// <summary>
/// Takes the party out of use: it stays, with its history, but leaves the default lists. A write that does this
/// is recorded as <see cref="PartyDeactivated"/>.
/// </summary>
public sealed record Deactivate(string Key) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { Active = false });
}

/// <summary>Brings a deactivated party back into use; recorded as <see cref="PartyReactivated"/>.</summary>
public sealed record Reactivate(string Key) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { Active = true });
}
