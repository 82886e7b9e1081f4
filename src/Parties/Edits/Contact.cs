namespace Parties;

/// <summary>Sets the mobile as given and derives its E.164 form with the organization's default country.</summary>
public sealed record SetMobile(string Key, string? Mobile) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Ok(data with { Mobile = Mobile, MobileE164 = PhoneNumberRules.ToE164(Mobile, context.Reference.Settings.DefaultCountry) });
}

/// <summary>Sets the phone, which must be a valid number written in E.164.</summary>
public sealed record SetPhone(string Key, string Phone) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        PhoneNumberRules.IsE164(Phone) ? Ok(data with { Phone = Phone }) : Fail(ErrorCodes.InvalidPhone, Phone);
}

public sealed record SetOwner(string Key, string OwnerId) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Users.ContainsKey(OwnerId) ? Ok(data with { OwnerId = OwnerId }) : Fail(ErrorCodes.InvalidOwner, OwnerId);
}

/// <summary>Sets who is written to about the party; every recipient must be a user of the organization.</summary>
public sealed record SetCommunications(string Key, Communications Communications) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var wrong = Communications.To.Concat(Communications.Cc).Concat(Communications.Bcc)
            .Where(id => !context.Reference.Users.ContainsKey(id)).Distinct().ToArray();
        return wrong.Length == 0
            ? Ok(data with { Communications = Communications })
            : Fail(new EditError(ErrorCodes.InvalidUserInCommunications, Values: wrong));
    }
}
