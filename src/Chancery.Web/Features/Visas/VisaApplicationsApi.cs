using Chancery.Core.Common;
using Chancery.Core.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Visas;

/// <summary>/api/v1/visa-applications.</summary>
public static class VisaApplicationsApi
{
    /// <summary>Maps the visa application endpoints.</summary>
    public static RouteGroupBuilder MapVisaApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/visa-applications").WithTags("Visa applications").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListVisaApplications).WithName("ListVisaApplications").WithSummary("Visa applications by applicant, mission, outcome, or filed within a window");
        api.MapGet("/{id:guid}", GetVisaApplication).WithName("GetVisaApplication").WithSummary("One visa application");
        api.MapPost("/", CreateVisaApplication).WithName("CreateVisaApplication").WithSummary("Record a visa application (new, renewal, extension)").RequireAuthorization(Policies.EditRegistry);
        api.MapPut("/{id:guid}", UpdateVisaApplication).WithName("UpdateVisaApplication").WithSummary("Change an application (e.g. record its decision); send the version you read").RequireAuthorization(Policies.EditRegistry);
        api.MapDelete("/{id:guid}", DeleteVisaApplication).WithName("DeleteVisaApplication").WithSummary("Delete an application entered by mistake").RequireAuthorization(Policies.EditRegistry);
        return api;
    }

    static Task<Page<VisaApplicationDto>> ListVisaApplications(
        Guid? applicantId, Guid? missionId, VisaApplicationOutcome? outcome, DateOnly? filedFrom, DateOnly? filedTo, [AsParameters] Paging paging,
        VisaApplicationService applications, CancellationToken ct) =>
        applications.ListAsync(new VisaApplicationQuery(applicantId, missionId, outcome, filedFrom, filedTo), paging.ToRequest(), ct);

    static async Task<Ok<VisaApplicationDto>> GetVisaApplication(Guid id, VisaApplicationService applications, CancellationToken ct) =>
        TypedResults.Ok(await applications.GetAsync(id, ct));

    static async Task<Created<VisaApplicationDto>> CreateVisaApplication(VisaApplicationInput input, VisaApplicationService applications, CancellationToken ct)
    {
        var created = await applications.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/visa-applications/{created.Id}", created);
    }

    static async Task<Ok<VisaApplicationDto>> UpdateVisaApplication(Guid id, VisaApplicationInput input, VisaApplicationService applications, CancellationToken ct) =>
        TypedResults.Ok(await applications.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteVisaApplication(Guid id, int? version, VisaApplicationService applications, CancellationToken ct)
    {
        await applications.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }
}
