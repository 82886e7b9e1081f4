using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Parties.Api.Errors;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.SuppliersDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

public class pages_are_bounded_in_each_dialect(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_page_larger_than_the_dialect_allows_is_refused_naming_the_parameter_and_the_largest_is_served()
    {
        var org = await Organizations.CreateAsync(app.Host);

        async Task<(int, JsonElement)> Get(string url, Action<Scenario>? auth = null)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Get.Url(url);
                if (auth is null) s.WithApiKey(org.ReadOnlyKey); else auth(s);
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, await result.JsonAsync());
        }
        void Cin7(Scenario s) => s.WithCin7Key(org, org.ReadOnlyKey);

        // Parties (DRF): page_size up to 500.
        var (status, body) = await Get("/api/parties/?page_size=501");
        status.ShouldBe(400);
        body.GetProperty("page_size")[0].GetString().ShouldBe("Ensure this value is less than or equal to 500.");
        (await Get("/api/parties/?page_size=500")).Item1.ShouldBe(200);
        (await Get("/api/parties/?page=2147483647")).Item1.ShouldBe(404);

        // Vendors: limit from 1 to 100.
        (status, body) = await Get("/v1.0/vendors?limit=101");
        status.ShouldBe(400);
        body.GetProperty("error").GetProperty("message").GetString().ShouldBe("Validation failed: /limit: must be an integer from 1 to 100");
        (await Get("/v1.0/vendors?limit=100")).Item1.ShouldBe(200);

        // Suppliers (Cin7 Core): limit up to 1000 (the seed pages by 500 in its own example).
        (status, body) = await Get("/Suppliers?limit=1001", Cin7);
        status.ShouldBe(400);
        body[0].GetProperty("Exception").GetString().ShouldBe("limit: Limit must be a whole number from 1 to 1000.");
        (await Get("/Suppliers?limit=1000", Cin7)).Item1.ShouldBe(200);
        (await Get("/Suppliers?page=2147483647&limit=1000", Cin7)).Item1.ShouldBe(200);
    }
}

/// <summary>The body limit is Kestrel's (4 MiB), so it is proven against the app as a real process: the in-memory
/// test server enforces none.</summary>
public class bodies_over_the_limit_are_refused_with_413_in_each_dialect(RunningApp running) : IClassFixture<RunningApp>
{
    [Fact]
    public async Task with_a_content_length_or_chunked_and_nothing_is_written()
    {
        using var http = new HttpClient { BaseAddress = new Uri(running.Url), Timeout = TimeSpan.FromSeconds(60) };
        var created = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/organizations")
        {
            Content = JsonContent.Create(new { name = "Big", admin = new { id = "alice", name = "Alice" } }),
            Headers = { { "Authorization", $"Api-Key {AppFixture.AdminKey}" } },
        });
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;

        // Valid JSON all the way, so only its size can be refused.
        var oversized = "{\"notes\":\"" + new string('a', (int)ErrorHandling.MaxBodyBytes) + "\"}";
        var cases = new (HttpMethod Method, string Url, string Dialect)[]
        {
            (HttpMethod.Post, "/api/parties/", "parties"), (HttpMethod.Post, "/api/parties/bulk/", "parties"),
            (HttpMethod.Post, "/v1.0/vendor", "vendors"), (HttpMethod.Patch, $"/v1.0/vendor/{Guid.Empty}", "vendors"),
            (HttpMethod.Post, "/Suppliers", "suppliers"), (HttpMethod.Put, "/Suppliers", "suppliers"), (HttpMethod.Post, "/admin/users", "admin"),
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(oversized);
        foreach (var chunked in new[] { false, true })
        foreach (var (method, url, dialect) in cases)
        {
            // A bulk takes a list: its body is one, so that nothing but the size can be refused.
            var sent = url.EndsWith("/bulk/") ? [(byte)'[', .. bytes, (byte)']'] : bytes;
            var (status, text) = await SendRawAsync(new Uri(running.Url), method.Method, url, key, sent, chunked);
            var what = $"{method} {url} ({(chunked ? "chunked" : "Content-Length")}) answered {status}: {text}";
            status.ShouldBe(413, what);
            DialectShapes.Error(dialect, 413, text, false).ShouldBeNull(what);
        }

        var list = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/parties/?include_inactive=true")
        {
            Headers = { { "Authorization", $"Api-Key {key}" } },
        });
        (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32().ShouldBe(0);
    }

    /// <summary>
    /// HTTP/1.1 by hand: Kestrel answers 413 and closes the connection before an oversized body is all sent, which an
    /// HttpClient reports as a broken pipe instead of the answer. With a Content-Length only the headers are sent
    /// (the limit is checked against it); a chunked body is sent whole, since only counting finds it too big.
    /// </summary>
    private static async Task<(int Status, string Body)> SendRawAsync(Uri server, string method, string path, string key, byte[] body,
        bool chunked)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Api-Key {key}\r\n" +
                   "Content-Type: application/json\r\nConnection: close\r\n" +
                   (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {body.Length}\r\n\r\n");
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        if (chunked)
        {
            try
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{body.Length:X}\r\n"));
                await stream.WriteAsync(body);
                await stream.WriteAsync("\r\n0\r\n\r\n"u8.ToArray());
            }
            catch (IOException)
            {
                // The server stopped reading: it has answered.
            }
        }

        using var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0) received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
        }
        var response = System.Text.Encoding.UTF8.GetString(received.ToArray());
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) return (0, response);
        var headers = response[..split];
        var content = response[(split + 4)..];
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) content = Dechunk(content);
        return (int.Parse(headers.Split(' ')[1]), content);
    }

    private static string Dechunk(string chunked)
    {
        var text = new System.Text.StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0) break;
            var size = Convert.ToInt32(chunked[at..end].Trim(), 16);
            if (size == 0) break;
            text.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
        return text.ToString();
    }
}
