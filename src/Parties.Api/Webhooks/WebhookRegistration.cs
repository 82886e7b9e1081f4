using JasperFx.Core;
using Wolverine;
using Wolverine.Marten;

using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Hosting;

namespace Parties.Api.Webhooks;

public static class WebhookRegistration
{
    public const string Queue = "webhooks";

    /// <summary>The fan-out subscription, the durable delivery queue, the guarded HTTP client.</summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        // Under /api/, so in the Parties dialect's snake_case.
        builder.Services.ConfigureApiDocs(o => o.NamePropertiesAs(PartiesJson.Options, typeof(WebhooksApi).Namespace));
        var options = WebhookOptions.From(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IWebhookTargetResolver, DnsTargetResolver>();
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHttpClient(WebhookSender.ClientName)
            // A line per delivery with its URL (which may carry the receiver's token) helps no one: attempts are documents.
            .RemoveAllLoggers()
            .ConfigureHttpClient(client => client.Timeout = options.Timeout)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                ConnectCallback = services.GetRequiredService<WebhookTargets>().ConnectAsync,
                // A proxy would make the connection for us, past the address check; a redirect could lead anywhere.
                UseProxy = false,
                AllowAutoRedirect = false,
                // Connections are reused only briefly, so a new address of the host is checked soon.
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            });

        builder.Services.SubscribeToEvents(new WebhookFanOut());
        builder.Services.AddHostedService<WebhookSweep>();
        builder.Services.ConfigureWolverine(opts =>
        {
            // Persisted in PostgreSQL (the inbox): a message outlives a crash and is taken up again after it.
            opts.PublishMessage<DrainWebhooks>().ToLocalQueue(Queue);
            opts.PublishMessage<ReplayWebhook>().ToLocalQueue(Queue);
            opts.LocalQueue(Queue).UseDurableInbox().MaximumParallelMessages(16);
            // Retries are scheduled messages: look for due ones often enough for short retry schedules.
            opts.Durability.ScheduledJobPollingTime = 1.Seconds();
        });
        return builder;
    }
}
