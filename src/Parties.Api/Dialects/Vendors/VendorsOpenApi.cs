using System.Text.Json.Serialization;

namespace Parties.Api.Dialects.Vendors;

// The Vendors wire shapes: the answers are serialized from these records (so the OpenAPI document cannot drift from
// the wire); the request bodies are read as JSON trees and checked by VendorWire (so that every error names its JSON
// pointer), hence the body records only describe them.

public sealed record VendorsOk<T>(bool Ok, T Data);

public sealed record VendorsFailure(bool Ok, VendorsErrorBody Error);

/// <summary>400 for a vendor created with an identifier another vendor holds: which one.</summary>
public sealed record VendorsDuplicateFailure(bool Ok, VendorsErrorBody Error, VendorRef DuplicateVendor);

/// <summary>410 for a vendor merged into another: where it went.</summary>
public sealed record VendorsMergedFailure(bool Ok, VendorsErrorBody Error, VendorRef MergedInto);

public sealed record VendorsErrorBody(string Code, string Message);

public sealed record VendorCreated(Guid Id);

public sealed record VendorList(IReadOnlyList<VendorListItem> Vendors, string? NextCursor);

public sealed record VendorSearchHit(Guid VendorId, string? Name, string? GstNumber, string? PanNumber);

public sealed record VendorSearchResult(IReadOnlyList<VendorSearchHit> Vendors);

/// <param name="Count">The number of items on this page (a total would cost a read of the whole history).</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record VendorAuditContext(int Count, string? NextCursor);

public sealed record VendorAudit(IReadOnlyList<AuditTrailItem> AuditTrail, VendorAuditContext Context);

public sealed record VendorCreateBody(string Name, string? Email, string? Phone, string? Locality, string? PaymentTerms,
    string? GstNumber, string? PanNumber, VendorAddress? Address);

public sealed record VendorCustomFieldBody(string Type, object Value);

public sealed record VendorDataBody(string? Name, string? Email, string? Phone, string? Owner, VendorAddress? Address,
    VendorCommunications? Communications, IReadOnlyDictionary<string, VendorCustomFieldBody>? CustomFields);

public sealed record VendorPatchBody(VendorDataBody VendorData);

/// <summary>The vendor that already holds a name.</summary>
public sealed record VendorRef(Guid Id, string? Name);

public sealed record VendorFieldOutcome(
    bool Update,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VendorsErrorBody? Error = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsDuplicate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VendorRef? DuplicateVendor = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? WrongUserSlugs = null);

/// <summary>An outcome for each field of <c>vendorData</c> that was sent (and for each flex field sent in customFields).</summary>
public sealed record VendorFieldUpdates
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VendorFieldOutcome? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VendorFieldOutcome? Email { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VendorFieldOutcome? Phone { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VendorFieldOutcome? Owner { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VendorFieldOutcome? Address { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VendorFieldOutcome? Communications { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyDictionary<string, VendorFieldOutcome>? CustomFields { get; init; }
}

public sealed record VendorUpdateContext(VendorFieldUpdates Updates);

public sealed record VendorUpdateAnswer(bool Ok, bool Update, VendorsErrorBody? Error, VendorUpdateContext Context);
