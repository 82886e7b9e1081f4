using System.Text.Json;

namespace Parties.Api.Http;

/// <summary>A request body read by hand, so each dialect can answer a malformed one in its own error shape,
/// naming the field (JSON path) where reading stopped.</summary>
public readonly record struct JsonBody<T>(T? Value, string? ErrorPath, string? ErrorMessage)
{
    public bool IsValid => ErrorMessage is null && Value is not null;

    public static async Task<JsonBody<T>> ReadAsync(HttpRequest request, JsonSerializerOptions options)
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? new(default, "$", "A body is required.") : new(value, null, null);
        }
        catch (JsonException e)
        {
            var (path, cause) = e.InnerException is NestedJsonError nested
                ? ((e.Path ?? "$") + nested.RelativePath, nested.InnerException)
                : (e.Path ?? "$", e.InnerException);
            return new(default, path, Describe(path, cause));
        }
    }

    private static string Describe(string path, Exception? cause) =>
        path == "$" ? "Malformed JSON." : cause is FormatException or InvalidOperationException or null
            ? "Invalid value type." : cause.Message;

    /// <summary>The last property name of a JSON path like <c>$.addresses[0].city</c>.</summary>
    public static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "non_field_errors";
        var trimmed = path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
        return trimmed.Length == 0 ? "non_field_errors" : trimmed;
    }
}
