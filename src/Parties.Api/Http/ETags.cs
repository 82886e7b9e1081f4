using Microsoft.Net.Http.Headers;

namespace Parties.Api.Http;

/// <summary>The stream version is the ETag: <c>"7"</c>. If-Match takes it back (weak or strong form).</summary>
public static class ETags
{
    public static string Format(int version) => $"\"{version}\"";

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = Format(version);

    /// <summary>A version no party is ever at: streams start at 1.</summary>
    public const int NoVersion = 0;

    /// <summary>
    /// The version a write requires: null when If-Match is absent or "*". A tag that names no version (<c>"abc"</c>,
    /// <c>""</c>, a number too big) requires <see cref="NoVersion"/>, so the write fails the version check like a
    /// stale tag and the 412 names the version the party is really at (a party that does not exist is still 404).
    /// </summary>
    public static int? ExpectedVersion(HttpRequest request) => TryReadIfMatch(request, out var version) ? version : NoVersion;

    /// <summary>The version an If-Match names; null when absent or "*". False when it names no version of ours.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header.Trim() == "*") return true;
        if (!EntityTagHeaderValue.TryParse(header.Split(',')[0].Trim(), out var tag)) return false;
        if (!int.TryParse(tag.Tag.Value!.Trim('"'), out var parsed)) return false;
        version = parsed;
        return true;
    }
}
