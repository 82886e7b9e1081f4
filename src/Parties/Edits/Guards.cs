using Parties.Reference;

namespace Parties;

/// <summary>
/// A value the dialect already found wrong on the wire. Sent with the other edits so the decision still
/// checks every valid field and the caller learns all of an item's problems at once, while the write is
/// refused (all or nothing) because this edit always fails. The dialect words it, by <see cref="PartyEdit.Key"/>.
/// </summary>
public sealed record RefuseValue(string Key) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Fail(ErrorCodes.RefusedOnWire);
}

/// <summary>A field that only counts on the Large plan; on the other plans it is ignored, not refused.</summary>
public sealed record OnLargePlan(PartyEdit Inner) : PartyEdit(Inner.Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Settings.Plan is Plan.Large ? Inner.Apply(data, context) : Ok(data);
}

/// <summary>A field that belongs to one party type only (e.g. legal_name to organizations).</summary>
public sealed record ForPartyType(PartyType PartyType, PartyEdit Inner) : PartyEdit(Inner.Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        data.PartyType == PartyType
            ? Inner.Apply(data, context)
            : Fail(ErrorCodes.FieldNotForPartyType, data.PartyType == Parties.PartyType.Individual ? "individual" : "organization");
}

/// <summary>Clears a type-specific field when the party is of its type (a PATCH that did not send it leaves it).</summary>
public sealed record ForPartyTypeOrClear(PartyType PartyType, PartyEdit Inner) : PartyEdit(Inner.Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        data.PartyType == PartyType ? Inner.Apply(data, context) : Ok(data);
}
