using System.Collections.Immutable;

namespace Parties;

/// <summary>The pure heart of every write: edits applied in order to a party's values under the rules.</summary>
public static class PartyDecisions
{
    public static (ImmutableArray<EditOutcome> Outcomes, PartyData Data) Apply(
        Guid partyId, PartyData start, IEnumerable<PartyEdit> edits, PartyContext context, EditMode mode)
    {
        var data = start;
        var outcomes = ImmutableArray.CreateBuilder<EditOutcome>();
        string? personNameKey = null;
        foreach (var edit in edits)
        {
            var result = edit.Apply(data, context);
            var error = result.Error ?? CheckUniqueness(partyId, start, data, result.Data!, context);
            if (error is not null)
            {
                outcomes.Add(new EditOutcome(edit.Key, EditStatus.Rejected, error));
                continue;
            }
            var changed = PartyFields.Differ(data, result.Data!);
            outcomes.Add(new EditOutcome(edit.Key, changed ? EditStatus.Updated : EditStatus.Unchanged));
            if (result.Data!.FirstName != data.FirstName || result.Data.LastName != data.LastName) personNameKey = edit.Key;
            data = result.Data!;
        }

        // A name derived from first and last name can take a vendor name too: checked like a name set outright.
        var named = DeriveName(start, data);
        if (personNameKey is not null && CheckUniqueness(partyId, start, data, named, context) is { } nameError)
        {
            outcomes.Add(new EditOutcome(personNameKey, EditStatus.Rejected, nameError));
            named = data;
        }

        var all = outcomes.ToImmutable();
        if (mode == EditMode.AllOrNothing && all.Any(o => o.Status == EditStatus.Rejected)) return (all, start);
        return (all, named);
    }

    /// <summary>An individual's display name follows the first and last name, unless the same write set it.</summary>
    private static PartyData DeriveName(PartyData start, PartyData data)
    {
        var namesChanged = data.FirstName != start.FirstName || data.LastName != start.LastName;
        if (data.PartyType != PartyType.Individual || !namesChanged || data.Name != start.Name) return data;
        var name = PartyData.FullName(data.FirstName, data.LastName);
        return data with { Name = name.Length == 0 ? null : name };
    }

    /// <summary>An identifier the write gives the party (changed from the party's value before the write: a reactivation
    /// alone is not checked) that another active party holds. These are the values the write claims
    /// (<see cref="IdentifierClaims"/>), so a claim is always one the decision checked.</summary>
    private static EditError? DuplicateIdentifier(Guid partyId, PartyData start, PartyData after, PartyContext context)
    {
        foreach (var field in UniqueIdentifiers.Fields)
        {
            if (field.Get(after) is not { Length: > 0 } value) continue;
            if (field.Get(start) == value) continue;
            if (context.HolderOfIdentifier(field.Name, value, partyId) is { } holder)
                return new EditError(ErrorCodes.DuplicateIdentifier, value, field.Name, holder);
        }
        return null;
    }

    private static EditError? CheckUniqueness(Guid partyId, PartyData start, PartyData before, PartyData after, PartyContext context)
    {
        if (after.Number != before.Number && context.HolderOfNumber(after.Number) is { } numberHolder && numberHolder.Id != partyId)
            return new EditError(ErrorCodes.DuplicateNumber, Value: after.Number, Holder: numberHolder);

        if (context.Reference.Settings.UniqueIdentifiers && after.Active && DuplicateIdentifier(partyId, start, after, context) is { } taken)
            return taken;

        // The key is normalized on every read: read it only when what it is made of changed.
        var keyMayChange = after.Name != before.Name || after.Roles != before.Roles;
        var becameVendorName = keyMayChange && after.VendorNameKey is not null && after.VendorNameKey != before.VendorNameKey;
        if (becameVendorName && context.HolderOfVendorName(after.Name) is { } nameHolder && nameHolder.Id != partyId)
            return new EditError(ErrorCodes.DuplicateVendorName, Value: after.Name, Holder: nameHolder);
        return null;
    }
}
