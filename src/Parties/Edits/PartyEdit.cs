namespace Parties;

/// <summary>
/// One change a caller asks for, named by <see cref="Key"/> as the caller's dialect names it (so outcomes
/// can be reported per field). <see cref="Apply"/> is pure: the party's values and the context in, the
/// new values or the reason for refusal out.
/// </summary>
public abstract record PartyEdit(string Key)
{
    public abstract EditResult Apply(PartyData data, PartyContext context);

    protected static EditResult Ok(PartyData data) => new(data, null);

    protected static EditResult Fail(EditError error) => new(null, error);

    protected static EditResult Fail(string code, string? value = null) => Fail(new EditError(code, value));
}

public sealed record EditResult(PartyData? Data, EditError? Error);

/// <summary>Sets a field that has no rule beyond its wire format (validated by the dialect).</summary>
public sealed record SetValue<T>(string Key, PartyField<T> Field, T Value) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(Field.Set(data, Value));
}
