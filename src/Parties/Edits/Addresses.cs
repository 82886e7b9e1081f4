using System.Collections.Immutable;

namespace Parties;

/// <summary>Replaces the address list; at most one default address per address type.</summary>
public sealed record SetAddresses(string Key, ImmutableArray<Address> Addresses) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var twice = Addresses.Where(a => a.IsDefault).GroupBy(a => a.AddressType).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? Ok(data with { Addresses = Addresses })
            : Fail(ErrorCodes.TwoDefaults, twice.Key.ToString().ToLowerInvariant());
    }
}

/// <summary>
/// Merges the given parts into the party's main address (<see cref="PartyData.MainAddress"/>); a party without one
/// gets a default billing address. Parts left null keep their value.
/// </summary>
public sealed record MergeMainAddress(string Key, AddressPatch Patch) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var current = data.MainAddress;
        var merged = (current ?? new Address { AddressType = AddressType.Billing, IsDefault = true }) with
        {
            Line1 = Patch.Line1 ?? current?.Line1,
            Line2 = Patch.Line2 ?? current?.Line2,
            City = Patch.City ?? current?.City,
            State = Patch.State ?? current?.State,
            PostalCode = Patch.PostalCode ?? current?.PostalCode,
            Country = Patch.Country ?? current?.Country,
        };
        var addresses = current is null ? data.Addresses.Insert(0, merged) : data.Addresses.Replace(current, merged);
        return Ok(data with { Addresses = addresses, Locality = Patch.Locality ?? data.Locality });
    }
}

public sealed record AddressPatch(string? Line1, string? Line2, string? City, string? State, string? PostalCode,
    string? Country, Locality? Locality);
