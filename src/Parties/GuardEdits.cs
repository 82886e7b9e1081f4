using Parties.Reference;

namespace Parties;

/// <summary>
/// A value the dialect already found wrong on the wire. Sent with the other edits so the decision still
/// checks every valid field and the caller learns all of an item's problems at once, while the write is
/// refused (all or nothing) because this edit always fails.
/// </summary>
public sealed record RefuseValue(string Key, string Message) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Fail(ErrorCodes.InvalidValue, Message);
}

/// <summary>The party must already have a role (an update through a dialect that only knows, say, suppliers).</summary>
public sealed record RequireRole(string Key, string Role) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        data.HasRole(Role) ? Ok(data) : Fail(ErrorCodes.MissingRole, $"The party does not have the role '{Role}'.");
}

/// <summary>A field that only counts on the Large plan; on the other plans it is ignored, not refused.</summary>
public sealed record OnLargePlan(PartyEdit Inner) : PartyEdit(Inner.Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Settings.Plan is Plan.Large ? Inner.Apply(data, context) : Ok(data);
}

/// <summary>A member may change only the parties it owns; admins and bookkeepers do not send this guard.</summary>
public sealed record RequireOwner(string Key, string UserId) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        data.OwnerId == UserId ? Ok(data) : Fail(ErrorCodes.AccessDenied, "Access denied: the party belongs to another user.");
}
