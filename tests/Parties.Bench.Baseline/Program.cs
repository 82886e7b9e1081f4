using Npgsql;
using Parties.Bench.Baseline;

// No event store, no framework: one plain table, one statement per write, and the same API-key check per request
// as the service (a lookup by key id, so a revoked key fails at once).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("Baseline")
    ?? throw new InvalidOperationException("ConnectionStrings:Baseline is not set.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));

var app = builder.Build();
var db = app.Services.GetRequiredService<NpgsqlDataSource>();
await Schema.CreateAsync(db, builder.Configuration["Baseline:ApiKey"]);

app.MapPost("/api/parties/", (HttpContext http, CancellationToken _) => Endpoints.CreateParty(http, db));
app.MapPost(EventSourcedFloor.Path, (HttpContext http, CancellationToken _) => EventSourcedFloor.CreateParty(http, db));
app.MapPatch("/v1.0/vendor/{vendorId}", (string vendorId, HttpContext http) => Endpoints.PatchVendor(vendorId, http, db));
app.MapGet("/health/ready", () => Results.Ok());
app.Run();
