using System.Collections.Immutable;

namespace Parties.Api.Dialects.Vendors;

/// <summary>The PATCH answer's <c>context.updates</c>: one outcome per field sent (per slug inside customFields).</summary>
public static class VendorUpdates
{
    /// <summary>The edit key of a flex field: the slug under <c>customFields</c>.</summary>
    public static string CustomFieldKey(string slug) => CustomFieldsPrefix + slug;

    private const string CustomFieldsPrefix = "customFields/";

    public static VendorUpdateAnswer Answer(PartyDecision decision) =>
        new(true, true, null, new VendorUpdateContext(From(decision.Outcomes)));

    private static VendorFieldUpdates From(ImmutableArray<EditOutcome> outcomes)
    {
        var updates = new VendorFieldUpdates();
        var customFields = new Dictionary<string, VendorFieldOutcome>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Key.StartsWith(CustomFieldsPrefix, StringComparison.Ordinal))
            {
                var slug = outcome.Key[CustomFieldsPrefix.Length..];
                customFields[slug] = Outcome(outcome, slug);
                continue;
            }
            var entry = Outcome(outcome, outcome.Key);
            updates = outcome.Key switch
            {
                "name" => updates with { Name = entry },
                "email" => updates with { Email = entry },
                "phone" => updates with { Phone = entry },
                "owner" => updates with { Owner = entry },
                "address" => updates with { Address = entry },
                "communications" => updates with { Communications = entry },
                _ => updates,
            };
        }
        return customFields.Count == 0 ? updates : updates with { CustomFields = customFields };
    }

    private static VendorFieldOutcome Outcome(EditOutcome outcome, string field) => outcome.Status switch
    {
        EditStatus.Updated => new VendorFieldOutcome(true),
        EditStatus.Unchanged => new VendorFieldOutcome(false, VendorErrorTexts.SameValueGiven(field)),
        _ => Refused(outcome.Error!),
    };

    private static VendorFieldOutcome Refused(EditError error) => new(false, VendorErrorTexts.Of(error),
        IsDuplicate: error.Code == ErrorCodes.DuplicateVendorName ? true : null,
        DuplicateVendor: error is { Code: ErrorCodes.DuplicateVendorName, Holder: { } holder } ? new VendorRef(holder.Id, holder.Name) : null,
        WrongUserSlugs: error.Code == ErrorCodes.InvalidUserInCommunications ? error.Values : null);
}
