using JasperFx;
using Parties.Api.Admin;
using Parties.Api.Auth;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Dialects.Suppliers;
using Parties.Api.Dialects.Vendors;
using Parties.Api.Errors;
using Parties.Api.History;
using Parties.Api.Hosting;
using Parties.Api.Idempotency;
using Parties.Api.Http;
using Parties.Api.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddPartiesStore();
builder.AddApiKeyAuthentication();
builder.AddApiDocs();
builder.AddHealth();
builder.AddTelemetry();
builder.AddRateLimits();
builder.AddBulkConcurrency();
builder.AddErrorHandling();
builder.AddGracefulShutdown();
builder.AddPartiesDialect();
builder.AddVendorsDialect();
builder.AddSuppliersDialect();
builder.AddHistory();
builder.AddIdempotency();
builder.AddWebhooks();
builder.AddErasure();
builder.Services.ConfigureHttpJsonOptions(o => Parties.DomainJson.Configure(o.SerializerOptions));

var app = builder.Build();
app.UseDialectErrors();
app.UseRequestIds();
app.UseAuthentication();
app.UseRateLimiter();

app.MapPartiesApi();
app.MapDuplicatesApi();
app.MapVendorsApi();
app.MapSuppliersApi();
app.MapHistoryApi();
app.MapAdminApi();
app.MapWebhooksApi();
app.MapApiDocs();
app.MapHealth();

return await app.RunJasperFxCommands(args);

public partial class Program;
