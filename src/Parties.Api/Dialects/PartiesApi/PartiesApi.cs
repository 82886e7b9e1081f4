using Marten;
using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Hosting;
using Parties.Api.Http;
using Parties.Api.Idempotency;
using Parties.Tenancy;
using Wolverine;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The Parties dialect: <c>/api/parties/</c>, snake_case, DRF-style errors.</summary>
public static class PartiesApi
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    /// <summary>The dialect's part of the API reference: its wire shapes named in snake_case.</summary>
    public static WebApplicationBuilder AddPartiesDialect(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureApiDocs(o => o.NamePropertiesAs(PartiesJson.Options, typeof(PartiesApi).Namespace));
        return builder;
    }

    public static IEndpointRouteBuilder MapPartiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/parties")
            .WithApiTag("Parties", "A copy of a Django REST Framework party API (seed 000): snake_case, DRF's page-number " +
                "pagination and error shapes ({\"field\": [\"message\"]}, {\"detail\": \"…\"}), the version as the ETag " +
                "with If-Match on writes, and atomic bulk writes. Individuals and organizations, in any of their roles.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.PerKey);

        group.MapGet("/", ListParties.Handle)
            .WithName("parties_list")
            .WithSummary("List parties")
            .WithDescription($"A page (page, page_size up to {Pagination.MaxSize}, default {Pagination.DefaultSize}) of the " +
                "active parties with count, next and previous links; filters role, party_type, sub_type, number, search, " +
                "modified_since, is_active and include_inactive; ordering by number or modified.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<Page<PartyResource>>()
            .Produces<Dictionary<string, string[]>>(400);
        group.MapPost("/", PartyEndpoints.Create)
            .WithName("parties_create")
            .WithSummary("Create a party")
            .WithDescription("Registers an individual or an organization and answers 201 with it, its version (1) as the " +
                "ETag. A bad field is a 400 naming it.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput>("application/json")
            .Produces<PartyResource>(201)
            .Produces<Dictionary<string, string[]>>(400);
        group.MapPost("/bulk/", BulkParties.Create)
            .WithName("parties_bulk_create")
            .WithSummary("Create parties in bulk, all or nothing")
            .WithDescription($"Up to {BulkParties.MaxItems} parties in one transaction: all are created, or none and a 400 " +
                "lists one entry per item up to the first invalid one.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .CappedAs(BulkConcurrency.Bulk)
            .Accepts<PartyInput[]>("application/json")
            .Produces<PartyResource[]>(201)
            .Produces<Dictionary<string, string[]>[]>(400);
        group.MapPut("/bulk/", (HttpContext http, IMessageBus bus) => BulkParties.Update(WriteKind.Replace, http, bus))
            .WithName("parties_bulk_update")
            .WithSummary("Replace parties in bulk, all or nothing")
            .WithDescription($"Up to {BulkParties.MaxItems} parties, each found by its number and replaced as a PUT would, " +
                "in one transaction: all are written, or none.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .CappedAs(BulkConcurrency.Bulk)
            .Accepts<PartyInput[]>("application/json")
            .Produces<PartyResource[]>()
            .Produces<Dictionary<string, string[]>[]>(400);
        group.MapPatch("/bulk/", (HttpContext http, IMessageBus bus) => BulkParties.Update(WriteKind.Patch, http, bus))
            .WithName("parties_bulk_partial_update")
            .WithSummary("Update parties in bulk, all or nothing")
            .WithDescription($"Up to {BulkParties.MaxItems} parties, each found by its number and changed in the fields sent, " +
                "in one transaction: all are written, or none.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .CappedAs(BulkConcurrency.Bulk)
            .Accepts<PartyInput[]>("application/json")
            .Produces<PartyResource[]>()
            .Produces<Dictionary<string, string[]>[]>(400);
        group.MapGet("/{id:guid}/", PartyEndpoints.Get)
            .WithName("parties_read")
            .WithSummary("Read a party")
            .WithDescription("The party with its version as the ETag; as_of or version read it as it was then.")
            .RequireCaller(Errors, Permissions.Read)
            .DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<PartyResource>()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(404);
        group.MapPatch("/{id:guid}/",
                (Guid id, HttpContext http, IMessageBus bus) => PartyEndpoints.Update(id, WriteKind.Patch, http, bus))
            .WithName("parties_partial_update")
            .WithSummary("Update a party")
            .WithDescription("Changes the fields sent and leaves the others. With If-Match, a party changed since that " +
                "version is a 412.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput>("application/json")
            .Produces<PartyResource>()
            .Produces<Dictionary<string, string[]>>(400);
        group.MapPut("/{id:guid}/",
                (Guid id, HttpContext http, IMessageBus bus) => PartyEndpoints.Update(id, WriteKind.Replace, http, bus))
            .WithName("parties_update")
            .WithSummary("Replace a party")
            .WithDescription("Writes the party as sent: required fields must be sent again. With If-Match, a party changed " +
                "since that version is a 412.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput>("application/json")
            .Produces<PartyResource>()
            .Produces<Dictionary<string, string[]>>(400);
        group.MapDelete("/{id:guid}/", PartyEndpoints.Delete)
            .WithName("parties_delete")
            .WithSummary("Deactivate a party")
            .WithDescription("Answers 204 and takes the party out of the default list; it stays, with its history, and " +
                "is_active true brings it back. With If-Match, a party changed since that version is a 412.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Produces(204)
            .Produces<Dictionary<string, string>>(404);
        group.MapGet("/{id:guid}/history/", PartyHistory.Handle)
            .WithName("parties_history")
            .WithSummary("Read a party's history")
            .WithDescription("Every change to the party, newest first and paginated like the list: who made it (user and API " +
                "key), through which dialect and request, and each field's old and new value.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<Page<Dictionary<string, object>>>()
            .Produces<Dictionary<string, string>>(404);
        group.MapPost("/{id:guid}/erase/", PartyErasure.Handle)
            .WithName("parties_erase")
            .WithSummary("Erase a person's personal data")
            .WithDescription("The right to erasure, for the organization's admins: the party's personal fields (an individual's " +
                "names and codes, national code, mobile, phones, addresses, email, notes, personal custom fields) are emptied " +
                "now and in every stored event, history entry and kept answer; the entries stay, marked erased, and a " +
                "party_erased entry records who, when and why. It cannot be undone.")
            .RequireCaller(Errors, Permissions.Write)
            .RequireAdmin(Errors)
            .Accepts<ErasureInput>("application/json")
            .Produces<ErasureAnswer>()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(403)
            .Produces<Dictionary<string, string>>(404);
        group.MapGet("/{id:guid}/duplicates/", PartyDuplicates.Handle)
            .WithName("parties_duplicates")
            .WithSummary("Find a party's likely duplicates")
            .WithDescription("Active parties of the organization that may be this one, best first, each with a score from 0 " +
                "to 1 and its reasons: same_national_code, same_economic_code, same_registration_number, same_mobile (E.164), " +
                $"same_email, similar_name (trigram similarity). min_score (default {PartyDuplicates.DefaultMinScore}) drops weaker ones.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<DuplicateList>()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(404)
            .Produces<Dictionary<string, string>>(410);
        group.MapPost("/{id:guid}/merge/", MergeEndpoints.Merge)
            .WithName("parties_merge")
            .WithSummary("Merge parties into this one")
            .WithDescription("Absorbs the parties listed in absorb (all in one transaction, or none): scalar fields keep this " +
                "party's value unless prefer names another party for that field; addresses, phones, roles and custom fields " +
                "are united. An absorbed party's id then answers 410 with merged_into, except its history and time travel " +
                "before the merge. With If-Match, a survivor changed since that version is a 412. Admins and bookkeepers.")
            .RequireCaller(Errors, Permissions.Write)
            .Accepts<MergeInput>("application/json")
            .Produces<PartyResource>()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(404)
            .Produces<Dictionary<string, string>>(410);
        group.MapPost("/{id:guid}/unmerge/", MergeEndpoints.Unmerge)
            .WithName("parties_unmerge")
            .WithSummary("Undo the merge of a party into this one")
            .WithDescription("Brings the party named in restore back as it was at the merge, and takes back from this party " +
                "the values it received from it, except those changed since the merge, which kept lists. Admins and bookkeepers.")
            .RequireCaller(Errors, Permissions.Write)
            .Accepts<UnmergeInput>("application/json")
            .Produces<UnmergeOutput>()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(404)
            .Produces<Dictionary<string, string>>(410);
        return app;
    }
}
