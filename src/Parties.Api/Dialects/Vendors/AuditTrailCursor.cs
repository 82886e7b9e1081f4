using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Parties.Api.Dialects.Vendors;

/// <summary>
/// Where the next page of a vendor's audit trail starts: the stream version of the write whose items it continues
/// with, and how many of that write's items the earlier pages already showed (a write with many changed fields may
/// straddle two pages). Versions of a stream never change, so a cursor stays valid while new writes arrive: they
/// sort before it. Opaque to clients (base64url).
/// </summary>
public sealed record AuditTrailCursor(long Version, int Skip)
{
    public string Encode()
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Version);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), Skip);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string text, out AuditTrailCursor? cursor)
    {
        cursor = null;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(text); }
        catch (FormatException) { return false; }
        if (bytes.Length != 12) return false;
        var version = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var skip = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        if (version < 1 || skip < 0) return false;
        cursor = new AuditTrailCursor(version, skip);
        return true;
    }
}
