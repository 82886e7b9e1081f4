using System.Collections.Concurrent;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parties.Api.Tests.Duplicates;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Erasure;

/// <summary>Every log line the app writes, whatever its category and level, with its scopes and exception.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            logs._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {values} | {string.Join(" > ", scopes)} | {exception}");
        }
    }
}

/// <summary>The app with every category logging at Trace, the lowest level: what any shipped level writes is a part of it.</summary>
public sealed class TraceLoggingApp(TestPostgres postgres) : AppFixture(postgres)
{
    public CapturedLogs Logs { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings =>
        base.Settings.Concat([("Logging:LogLevel:Default", "Trace"), ("Logging:LogLevel:Microsoft.AspNetCore", "Trace")]);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
}

/// <summary>
/// A person written through the three dialects, read back, erased and read again with the app logging everything at
/// Trace: no log line, scope or exception holds a request body or one of the person's values.
/// </summary>
public class logs_hold_no_personal_value_at_any_level(TraceLoggingApp app, ITestOutputHelper output) : IClassFixture<TraceLoggingApp>
{
    [Fact]
    public async Task no_log_line_at_trace_holds_a_value_of_the_person()
    {
        var (org, person, id) = await Erasures.PersonWrittenAsync(app.Host, "L");
        await Erasures.EraseAsync(app.Host, org.AdminKey, id);
        await app.Store.CaughtUpAsync();

        var lines = app.Logs.Lines.ToArray();
        output.WriteLine($"{lines.Length} log lines at Trace");
        lines.Length.ShouldBeGreaterThan(100, "the capture works");
        var leaks = lines.SelectMany(line => person.Values.Where(line.Contains).Select(v => $"{v} in: {line}")).ToList();
        leaks.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_race_lost_at_an_identifier_claim_index_logs_no_identifier()
    {
        var org = await Organizations.CreateAsync(app.Host, "Racers");
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings", new { plan = "Large", defaultCountry = "IR", uniqueIdentifiers = true });
        var answers = await WritesHeldAtTheSnapshot.RunAsync(app.ConnectionString, ["LR-1", "LR-2"],
            number => app.Host.Scenario(s =>
            {
                s.Post.Json(new { number, party_type = "organization", legal_name = "Racer", national_code = "0040404040", economic_code = "4477001122" })
                    .ToUrl("/api/parties/");
                s.WithApiKey(org.AdminKey);
                s.IgnoreStatusCode();
            }));
        answers.Select(a => a.Context.Response.StatusCode).Order().ShouldBe([201, 400]);

        var lines = app.Logs.Lines.ToArray();
        lines.ShouldContain(line => line.Contains("uq_party_national_code_claim") || line.Contains("uq_party_economic_code_claim"),
            "the lost race is logged");
        lines.Where(line => line.Contains("0040404040") || line.Contains("4477001122")).ShouldBeEmpty();
    }
}
