using System.Globalization;
using Parties.Api.Http;

namespace Parties.Api.Dialects.PartiesApi;

/// <param name="Number">From 1.</param>
public sealed record PageRequest(int Number, int Size)
{
    public int Skip => (Number - 1) * Size;
}

/// <summary>
/// Django REST Framework's page-number pagination: <c>?page=</c> and <c>?page_size=</c> in,
/// <c>{"count","next","previous","results"}</c> out, with absolute links; a page that does not exist is a 404.
/// </summary>
public static class Pagination
{
    public const int DefaultSize = 50, MaxSize = 500;
    public const string PageParameter = "page", SizeParameter = "page_size";

    public static (PageRequest? Page, IResult? Error) Read(HttpRequest request)
    {
        var query = request.Query;
        if (!QueryNumbers.TryRange(query[SizeParameter], 1, int.MaxValue, DefaultSize, out var size, NumberStyles.Integer))
            return (null, PartiesErrors.Instance.BadRequest(SizeParameter, "Ensure this value is a positive integer."));
        if (size > MaxSize)
            return (null, PartiesErrors.Instance.BadRequest(SizeParameter, $"Ensure this value is less than or equal to {MaxSize}."));

        if (!QueryNumbers.TryRange(query[PageParameter], 1, int.MaxValue, 1, out var number, NumberStyles.Integer))
            return (null, InvalidPage());
        // A page whose first row lies past what an offset can count is past the end of any list.
        if ((long)(number - 1) * size > int.MaxValue) return (null, InvalidPage());
        return (new PageRequest(number, size), null);
    }

    /// <summary>The page's body, or DRF's 404 when a page past the first has nothing on it.</summary>
    public static IResult Respond<T>(HttpRequest request, PageRequest page, long count, IReadOnlyList<T> results)
    {
        if (results.Count == 0 && page.Number > 1) return InvalidPage();
        var body = new Page<T>(count,
            page.Skip + results.Count < count ? Link(request, page.Number + 1) : null,
            page.Number > 1 ? Link(request, page.Number - 1) : null,
            results);
        return Results.Json(body, PartiesJson.Options);
    }

    public static IResult InvalidPage() => PartiesErrors.Detail(404, "Invalid page.");

    // Like DRF, the link to the first page carries no page parameter.
    private static string Link(HttpRequest request, int number) =>
        request.WithQuery(PageParameter, number > 1 ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
}

/// <summary>DRF's page-number pagination body.</summary>
public sealed record Page<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results);
