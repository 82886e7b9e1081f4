namespace Parties.Api.Tests.Infrastructure;

/// <summary>The API as a real process on a loopback port (for a browser, which needs a socket).</summary>
public sealed class RunningApp(TestPostgres postgres) : IAsyncLifetime
{
    private AppProcess? _app;
    public string Url => _app!.Url;

    public async ValueTask InitializeAsync()
    {
        _app = new AppProcess(await postgres.CreateDatabaseAsync("browser"));
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
