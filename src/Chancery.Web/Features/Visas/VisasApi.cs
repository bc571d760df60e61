using Chancery.Core.Common;
using Chancery.Core.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Visas;

/// <summary>/api/v1/visas.</summary>
public static class VisasApi
{
    /// <summary>Maps the visa endpoints.</summary>
    public static RouteGroupBuilder MapVisasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/visas").WithTags("Visas").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListVisas).WithName("ListVisas").WithSummary("Visas by holder, issuing state, mission, a date they are valid on, or expiring by a date");
        api.MapGet("/{id:guid}", GetVisa).WithName("GetVisa").WithSummary("One visa");
        api.MapPost("/", CreateVisa).WithName("CreateVisa").WithSummary("Record a visa");
        api.MapPut("/{id:guid}", UpdateVisa).WithName("UpdateVisa").WithSummary("Change a visa (e.g. record a cancellation); send the version you read");
        api.MapDelete("/{id:guid}", DeleteVisa).WithName("DeleteVisa").WithSummary("Delete a visa entered by mistake");
        return api;
    }

    static Task<Page<VisaDto>> ListVisas(Guid? holderId, string? issuingState, Guid? missionId, DateOnly? validOn, DateOnly? expiresBy, [AsParameters] Paging paging, VisaService visas, CancellationToken ct) =>
        visas.ListAsync(new VisaQuery(holderId, issuingState, missionId, validOn, expiresBy), paging.ToRequest(), ct);

    static async Task<Ok<VisaDto>> GetVisa(Guid id, VisaService visas, CancellationToken ct) => TypedResults.Ok(await visas.GetAsync(id, ct));

    static async Task<Created<VisaDto>> CreateVisa(VisaInput input, VisaService visas, CancellationToken ct)
    {
        var created = await visas.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/visas/{created.Id}", created);
    }

    static async Task<Ok<VisaDto>> UpdateVisa(Guid id, VisaInput input, VisaService visas, CancellationToken ct) =>
        TypedResults.Ok(await visas.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteVisa(Guid id, int? version, VisaService visas, CancellationToken ct)
    {
        await visas.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }
}
