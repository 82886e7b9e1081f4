using System.Net;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Webhooks;

namespace Parties.Api.Tests.Webhooks;

/// <summary>
/// The app with webhooks to loopback receivers allowed and a retry schedule of seconds; host names resolve
/// through <see cref="Names"/> (a test can point a name at any address without DNS).
/// </summary>
public class WebhookApp(TestPostgres postgres) : AppFixture(postgres)
{
    public const string RetrySchedule = "00:00:01,00:00:01,00:00:02";
    public FixedResolver Names { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        .. base.Settings, ("Parties:Webhooks:AllowPrivateTargets", "true"), ("Parties:Webhooks:RetrySchedule", RetrySchedule),
        ("Parties:Webhooks:TimeoutSeconds", "5"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IWebhookTargetResolver>(Names);
}

/// <summary>Names the test sets resolve to what it says; IP literals and everything else as the service would.</summary>
public sealed class FixedResolver : IWebhookTargetResolver
{
    private readonly DnsTargetResolver _dns = new();
    public Dictionary<string, IPAddress[]> Table { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellation) =>
        Table.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : _dns.ResolveAsync(host, cancellation);
}

public static class WebhookCalls
{
    public static async Task<JsonElement> SubscribeAsync(this IAlbaHost host, string key, string url, params string[] events)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { url, events = events.Length == 0 ? ["*"] : events, description = "test" }).ToUrl("/api/webhooks/");
            s.WithApiKey(key);
            s.StatusCodeShouldBe(201);
        });
        return await result.JsonAsync();
    }

    public static async Task<JsonElement> DeliveriesAsync(this IAlbaHost host, string key, string subscription, string query = "")
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/webhooks/{subscription}/deliveries/{query}");
            s.WithApiKey(key);
            s.StatusCodeShouldBe(200);
        });
        return await result.JsonAsync();
    }
}
