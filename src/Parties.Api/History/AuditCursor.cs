using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Parties.Api.History;

/// <summary>
/// Where a page of the audit query ended: the last entry's (timestamp, event sequence), the keyset the next page
/// starts below. Opaque to clients (base64url), so its layout may change without breaking them.
/// </summary>
public sealed record AuditCursor(DateTimeOffset Timestamp, long Sequence)
{
    public override string ToString()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Timestamp.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), Sequence);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static AuditCursor? Parse(string text)
    {
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(text); }
        catch (FormatException) { return null; }
        if (bytes.Length != 16) return null;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
        return new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)));
    }
}
