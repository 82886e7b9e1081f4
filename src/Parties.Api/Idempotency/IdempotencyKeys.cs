using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Parties.Api.Auth;
using Parties.Api.Errors;
using Parties.Idempotency;

namespace Parties.Api.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> header on the write endpoints. Wolverine's own idempotency deduplicates envelopes in its
/// durable inbox by message id; it stores no answer and compares no body, so an HTTP key needs this: the key is
/// checked here before the endpoint does anything, and the handler keeps its decision under the key in the
/// transaction of its events (<see cref="PriorWrite"/>).
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 255;

    /// <summary>Checks the key and finds what an earlier request with it decided; the caller must be known (RequireCaller first).</summary>
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder, IDialectErrors errors) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Header, In = ParameterLocation.Header, Required = false,
                Description = "Repeats with the same body within the window answer the first response again and write nothing; " +
                              "another body is a 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = MaxLength },
            });
            return Task.CompletedTask;
        }).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var values = http.Request.Headers[Header];
            if (values.Count == 0) return await next(context);
            var key = values.ToString();
            if (values.Count > 1 || key.Length is 0 or > MaxLength || !key.All(c => c is >= '!' and <= '~'))
                return errors.BadRequest(Header, $"Must be one value of 1 to {MaxLength} visible ASCII characters.");

            var caller = http.Caller();
            var window = http.RequestServices.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Window;
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var write = new IdempotentWrite($"{caller.UserId}:{key}", await FingerprintAsync(http.Request), now - window);

            await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession(caller.OrganizationId);
            var earlier = await session.Query<IdempotencyRecord>()
                .Where(r => r.Scope == write.Scope && r.Replays && r.CreatedAt >= write.FreshSince).ToListAsync(http.RequestAborted);
            if (earlier.Any(r => r.Fingerprint != write.Fingerprint)) return errors.IdempotencyKeyReused();
            if (earlier.Count > 0) http.Response.Headers[ReplayedHeader] = "true";
            http.Items[typeof(IdempotentRequest)] = new IdempotentRequest(write, earlier.ToDictionary(r => r.Item ?? WholeRequest));
            return await next(context);
        });

    /// <summary>The request's key and what was decided under it before; null when it carries no key.</summary>
    public static IdempotentRequest? Idempotency(this HttpContext http) => http.Items[typeof(IdempotentRequest)] as IdempotentRequest;

    private const int WholeRequest = -1;

    /// <summary>SHA-256 of method, path (with query) and body bytes; the body is buffered so the endpoint reads it again.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <param name="Records">The records of earlier requests with this key, by batch item (-1: the whole request).</param>
    public sealed record IdempotentRequest(IdempotentWrite Write, IReadOnlyDictionary<int, IdempotencyRecord> Records)
    {
        /// <summary>What the earlier request with this key decided, when it is answered again.</summary>
        public TDecision? Earlier<TDecision>() where TDecision : class, IWriteDecision =>
            Records.GetValueOrDefault(WholeRequest)?.Decided<TDecision>();

        public PartyDecision? ItemDecision(int item) => Records.GetValueOrDefault(item)?.Decided<PartyDecision>();
    }
}
