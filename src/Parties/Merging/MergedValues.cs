using System.Collections.Immutable;

namespace Parties;

/// <summary>
/// How a merge combines parties' values, and how an unmerge takes back what one of them gave. Scalar fields keep the
/// survivor's value unless the caller prefers another party's for that field; addresses, phones, roles and custom fields
/// are united (the survivor's default address stays the default, so the others join as non-default).
/// </summary>
public static class MergedValues
{
    /// <summary>The fields whose value a merge may take from another party (number stays with its party; the united
    /// collections and the active flag are no one's to prefer).</summary>
    public static readonly ImmutableArray<IPartyField> Preferable =
    [
        PartyFields.SubType, PartyFields.Name, PartyFields.FirstName, PartyFields.LastName, PartyFields.NationalCode,
        PartyFields.EconomicCode, PartyFields.RegistrationNumber, PartyFields.Mobile, PartyFields.Phone, PartyFields.Email,
        PartyFields.Notes, PartyFields.OwnerId, PartyFields.Locality, PartyFields.Currency, PartyFields.PaymentTerm,
        PartyFields.TaxRule, PartyFields.Discount, PartyFields.AccountPayable, PartyFields.AttributeSet,
    ];

    /// <summary>The united fields: each absorbed party adds what the survivor lacks.</summary>
    public static readonly ImmutableArray<IPartyField> United =
        [PartyFields.Roles, PartyFields.Addresses, PartyFields.Phones, PartyFields.CustomFields];

    /// <summary>The survivor's values after absorbing <paramref name="absorbed"/>, and which absorbed party gave each field.</summary>
    /// <param name="prefer">Field → the party whose value the survivor takes (the survivor itself or one of the absorbed).</param>
    public static (PartyData Data, ImmutableArray<FieldSource> Sources) Combine(Party survivor, IReadOnlyList<Party> absorbed,
        IReadOnlyDictionary<IPartyField, Guid> prefer)
    {
        var data = survivor.Data;
        var sources = ImmutableArray.CreateBuilder<FieldSource>();
        foreach (var (field, partyId) in prefer)
        {
            if (partyId == survivor.Id) continue;
            var giver = absorbed.First(p => p.Id == partyId).Data;
            foreach (var given in WithDerived(field))
            {
                var next = given.Write(data, given.Read(giver));
                if (!given.Differs(data, next)) continue;
                data = next;
                sources.Add(new FieldSource(given.Name, partyId));
            }
        }
        foreach (var party in absorbed)
        {
            var united = Unite(data, party.Data);
            sources.AddRange(United.Where(f => f.Differs(data, united)).Select(f => new FieldSource(f.Name, party.Id)));
            data = united;
        }
        return (data, sources.ToImmutable());
    }

    /// <summary>
    /// The survivor's values with what <paramref name="restored"/> gave in <paramref name="merge"/> taken back: a field
    /// still as the merge left it gets its value from before (a united field loses only the restored party's items); a
    /// field changed since is kept.
    /// </summary>
    public static (PartyData Data, ImmutableArray<string> Kept) TakeBack(PartyData current, PartyMerged merge, Party restored)
    {
        var data = current;
        var kept = ImmutableArray.CreateBuilder<string>();
        var given = merge.Sources.Where(s => s.PartyId == restored.Id).Select(s => s.Field).Distinct();
        foreach (var name in given)
        {
            if (!PartyFields.ByName.TryGetValue(name, out var field)) continue;
            var change = merge.Changes.FirstOrDefault(c => c.Field == name);
            var asMerged = field.Write(current, change?.After);
            if (field.Differs(current, asMerged))
            {
                kept.Add(name);
                continue;
            }
            var before = field.Write(current, change?.Before);
            var value = United.Contains(field) ? field.Read(Remove(asMerged, restored.Data, before, field)) : change?.Before;
            data = field.Write(data, value);
        }
        return (data, kept.ToImmutable());
    }

    /// <summary>A mobile number brings its E.164 form along.</summary>
    private static IEnumerable<IPartyField> WithDerived(IPartyField field) =>
        field == PartyFields.Mobile ? [field, PartyFields.MobileE164] : [field];

    private static PartyData Unite(PartyData into, PartyData from) => into with
    {
        Roles = [.. into.Roles.Union(from.Roles).Order(StringComparer.Ordinal)],
        Addresses = into.Addresses.AddRange(from.Addresses.Select(a => a with { IsDefault = false })
            .Where(a => !into.Addresses.Any(b => b with { IsDefault = false } == a)).Distinct()),
        Phones = [.. into.Phones.Union(from.Phones)],
        CustomFields = into.CustomFields.AddRange(from.CustomFields.Where(kv => !into.CustomFields.ContainsKey(kv.Key))),
    };

    /// <summary>A united field as merged, less the items that came from <paramref name="giver"/> (not those the survivor had before).</summary>
    private static PartyData Remove(PartyData merged, PartyData giver, PartyData before, IPartyField field) => field.Name switch
    {
        "roles" => merged with { Roles = [.. merged.Roles.Where(r => before.Roles.Contains(r) || !giver.Roles.Contains(r))] },
        "addresses" => merged with
        {
            Addresses = [.. merged.Addresses.Where(a => before.Addresses.Contains(a) || !giver.Addresses.Any(g => g with { IsDefault = false } == a))],
        },
        "phones" => merged with { Phones = [.. merged.Phones.Where(p => before.Phones.Contains(p) || !giver.Phones.Contains(p))] },
        _ => merged with
        {
            CustomFields = merged.CustomFields.RemoveRange(merged.CustomFields
                .Where(kv => !before.CustomFields.ContainsKey(kv.Key) && giver.CustomFields.TryGetValue(kv.Key, out var v) && v == kv.Value)
                .Select(kv => kv.Key)),
        },
    };
}
