namespace Parties.Api.Dialects.Vendors;

// What the OpenAPI document shows of the Vendors wire shapes. The bodies are read as JSON trees and checked
// by VendorWire (so that every error names its JSON pointer), hence these records describe rather than bind.

public sealed record VendorsOk<T>(bool Ok, T Data);

public sealed record VendorsFailure(bool Ok, VendorsErrorBody Error);

public sealed record VendorsErrorBody(string Code, string Message);

public sealed record VendorCreated(Guid Id);

public sealed record VendorList(IReadOnlyList<VendorListItem> Vendors, string? NextCursor);

public sealed record VendorSearchHit(Guid VendorId, string? Name, string? GstNumber, string? PanNumber);

public sealed record VendorSearchResult(IReadOnlyList<VendorSearchHit> Vendors);

public sealed record VendorAuditCount(int Count);

public sealed record VendorAudit(IReadOnlyList<AuditTrailItem> AuditTrail, VendorAuditCount Context);

public sealed record VendorAddressBody(string? AddressLine1, string? AddressLine2, string? City, string? State, string? ZipCode,
    string? PinCode, string? Country, string? Locality);

public sealed record VendorCreateBody(string Name, string? Email, string? Phone, string? Locality, string? PaymentTerms,
    string? GstNumber, string? PanNumber, VendorAddressBody? Address);

public sealed record VendorCustomFieldBody(string Type, object Value);

public sealed record VendorDataBody(string? Name, string? Email, string? Phone, string? Owner, VendorAddressBody? Address,
    VendorCommunications? Communications, IReadOnlyDictionary<string, VendorCustomFieldBody>? CustomFields);

public sealed record VendorPatchBody(VendorDataBody VendorData);

public sealed record VendorFieldOutcome(bool Update, VendorsErrorBody? Error, bool? IsDuplicate, VendorSearchHit? DuplicateVendor,
    IReadOnlyList<string>? WrongUserSlugs);

public sealed record VendorUpdateContext(IReadOnlyDictionary<string, VendorFieldOutcome> Updates);

public sealed record VendorUpdateAnswer(bool Ok, bool Update, VendorsErrorBody? Error, VendorUpdateContext Context);
