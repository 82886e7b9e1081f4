using System.Globalization;
using System.Numerics;

namespace Parties.Api.Http;

/// <summary>
/// A whole number from the query string within an endpoint's bounds. Absent or empty is the endpoint's default;
/// the endpoint words its own refusal, in its dialect.
/// </summary>
public static class QueryNumbers
{
    /// <param name="styles">Digits only, unless an endpoint has always taken a sign and surrounding spaces too
    /// (<see cref="NumberStyles.Integer"/>), as DRF's <c>int()</c> does.</param>
    public static bool TryRange<T>(string? text, T min, T max, T fallback, out T value, NumberStyles styles = NumberStyles.None)
        where T : IBinaryInteger<T>
    {
        value = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        if (!T.TryParse(text, styles, CultureInfo.InvariantCulture, out var parsed)) return false;
        value = parsed;
        return value >= min && value <= max;
    }
}
