using Chancery.Core.Common;
using Chancery.Core.Reciprocity;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Reciprocity;

/// <summary>/api/v1/reciprocity/measures and /api/v1/parity.</summary>
public static class ReciprocityApi
{
    /// <summary>Maps the reciprocity ledger endpoints.</summary>
    public static RouteGroupBuilder MapReciprocityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reciprocity/measures").WithTags("Reciprocity").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListReciprocalMeasures).WithName("ListReciprocalMeasures").WithSummary("Measures states took against each other, by pair (a and b, either direction), acting or target state, kind");
        api.MapGet("/{id:guid}", GetReciprocalMeasure).WithName("GetReciprocalMeasure").WithSummary("One measure with the measures that answer it");
        api.MapGet("/{id:guid}/mirror", GetMirrorMeasure).WithName("GetMirrorMeasure").WithSummary("The measure that would restore the gap this one changed, with its basis (informational, never applied)");
        api.MapPost("/", CreateReciprocalMeasure).WithName("CreateReciprocalMeasure").WithSummary("Record a measure, optionally in response to an earlier one").RequireAuthorization(Policies.EditReciprocity);
        api.MapPut("/{id:guid}", UpdateReciprocalMeasure).WithName("UpdateReciprocalMeasure").WithSummary("Change a measure (e.g. give the day it ended); send the version you read").RequireAuthorization(Policies.EditReciprocity);
        api.MapDelete("/{id:guid}", DeleteReciprocalMeasure).WithName("DeleteReciprocalMeasure").WithSummary("Delete a measure entered by mistake").RequireAuthorization(Policies.EditReciprocity);
        return api;
    }

    /// <summary>Maps the parity endpoints.</summary>
    public static RouteGroupBuilder MapParityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/parity").WithTags("Parity").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", GetParity).WithName("GetParity").WithSummary("A's missions in B against B's missions in A on a date: missions, members now and after pending orders, caps, visa treatment, measures, gaps and summary");
        api.MapGet("/timeline", GetParityTimeline).WithName("GetParityTimeline").WithSummary("The escalation between A and B as chains of measures and responses, and both sides' headcounts over time");
        return api;
    }

    static Task<Page<ReciprocalMeasureDto>> ListReciprocalMeasures(string? a, string? b, string? state, string? actingState, string? targetState, ReciprocalMeasureKind? kind, [AsParameters] Paging paging, ReciprocityService measures, CancellationToken ct) =>
        measures.ListAsync(new ReciprocalMeasureQuery(a, b, actingState, targetState, kind, state), paging.ToRequest(), ct);

    static async Task<Ok<ReciprocalMeasureDto>> GetReciprocalMeasure(Guid id, ReciprocityService measures, CancellationToken ct) => TypedResults.Ok(await measures.GetAsync(id, ct));

    static async Task<Ok<MirrorMeasure>> GetMirrorMeasure(Guid id, ParityService parity, CancellationToken ct) => TypedResults.Ok(await parity.MirrorAsync(id, ct));

    static async Task<Created<ReciprocalMeasureDto>> CreateReciprocalMeasure(ReciprocalMeasureInput input, ReciprocityService measures, CancellationToken ct)
    {
        var created = await measures.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/reciprocity/measures/{created.Id}", created);
    }

    static async Task<Ok<ReciprocalMeasureDto>> UpdateReciprocalMeasure(Guid id, ReciprocalMeasureInput input, ReciprocityService measures, CancellationToken ct) =>
        TypedResults.Ok(await measures.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteReciprocalMeasure(Guid id, int? version, ReciprocityService measures, CancellationToken ct)
    {
        await measures.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<Parity>> GetParity(string? a, string? b, DateOnly? asOf, int? years, ParityService parity, CancellationToken ct) =>
        TypedResults.Ok(await parity.GetAsync(a, b, asOf, years, ct));

    static async Task<Ok<ParityTimeline>> GetParityTimeline(string? a, string? b, DateOnly? from, DateOnly? to, ParityService parity, CancellationToken ct) =>
        TypedResults.Ok(await parity.TimelineAsync(a, b, from, to, ct));
}
