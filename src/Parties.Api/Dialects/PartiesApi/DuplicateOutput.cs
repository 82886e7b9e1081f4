namespace Parties.Api.Dialects.PartiesApi;

/// <summary>A party as a duplicate list names it: enough to tell which one it is.</summary>
public sealed record DuplicateParty(Guid Id, string Number, string PartyType, string? Name, IReadOnlyList<string> Roles, bool IsActive)
{
    public static DuplicateParty From(Party party) => new(party.Id, party.Data.Number,
        party.Data.PartyType == Parties.PartyType.Individual ? "individual" : "organization", party.Data.Name, party.Data.Roles, party.Data.Active);
}

/// <summary>One candidate of <c>GET /api/parties/{id}/duplicates/</c>.</summary>
public sealed record DuplicateResult(DuplicateParty Party, double Score, IReadOnlyList<string> Reasons);

public sealed record DuplicateList(int Count, IReadOnlyList<DuplicateResult> Results);

/// <summary>One group of <c>GET /api/duplicates/</c>: active parties sharing one exact key.</summary>
public sealed record DuplicateGroup(string Key, string Reason, IReadOnlyList<DuplicateParty> Parties);
