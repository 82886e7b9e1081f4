using System.Collections.Immutable;

namespace Parties.Api.Dialects.Vendors;

/// <summary>The PATCH answer's <c>context.updates</c>: one entry per field sent (per slug inside customFields).</summary>
public static class VendorUpdates
{
    public static OrderedDictionary<string, object> From(ImmutableArray<EditOutcome> outcomes)
    {
        var updates = new OrderedDictionary<string, object>();
        OrderedDictionary<string, object>? customFields = null;
        foreach (var outcome in outcomes)
        {
            if (outcome.Key.StartsWith(VendorMapping.CustomFieldsPrefix, StringComparison.Ordinal))
            {
                var slug = outcome.Key[VendorMapping.CustomFieldsPrefix.Length..];
                if (customFields is null) updates["customFields"] = customFields = new OrderedDictionary<string, object>();
                customFields[slug] = Entry(outcome, slug);
            }
            else updates[outcome.Key] = Entry(outcome, outcome.Key);
        }
        return updates;
    }

    private static OrderedDictionary<string, object> Entry(EditOutcome outcome, string field)
    {
        var error = outcome.Status switch
        {
            EditStatus.Updated => null,
            EditStatus.Unchanged => new EditError(ErrorCodes.SameValueGiven, $"{Capitalized(field)} is same as the current one"),
            _ => outcome.Error!,
        };
        var entry = new OrderedDictionary<string, object> { ["update"] = error is null };
        if (error is null) return entry;
        entry["error"] = new { code = error.Code, message = error.Message };
        switch (error.Detail)
        {
            case PartyRef duplicate when error.Code == ErrorCodes.DuplicateVendorName:
                entry["isDuplicate"] = true;
                entry["duplicateVendor"] = new { id = duplicate.Id, name = duplicate.Name };
                break;
            case string[] wrongUsers:
                entry["wrongUserSlugs"] = wrongUsers;
                break;
        }
        return entry;
    }

    private static string Capitalized(string field) => field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];
}
