using System.Globalization;

namespace Parties.Api.History;

/// <summary>RFC 3339 times in query strings: a date, a time and an offset (<c>Z</c> or <c>±hh:mm</c>), nothing looser.</summary>
public static class Rfc3339
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public const string Message = "Enter a valid RFC 3339 date and time with an offset, e.g. 2024-05-01T08:30:00Z.";

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        // An unencoded '+' of an offset arrives as a space: take it back rather than refuse a common client slip.
        text = text.Trim().Replace(' ', '+');
        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                   DateTimeStyles.AdjustToUniversal, out value)
               && (text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-');
    }
}
