namespace Parties.Api.Hosting;

/// <summary>
/// On SIGTERM Kestrel stops accepting connections and the host waits up to <c>Parties:ShutdownTimeoutSeconds</c>
/// for in-flight requests to finish before it exits. The Helm chart derives it from the pod's
/// terminationGracePeriodSeconds, less the preStop sleep and a margin, so the pod exits before it is killed.
/// </summary>
public static class Shutdown
{
    public const int DefaultTimeoutSeconds = 20;

    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue("Parties:ShutdownTimeoutSeconds", DefaultTimeoutSeconds);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(seconds));
        return builder;
    }
}
