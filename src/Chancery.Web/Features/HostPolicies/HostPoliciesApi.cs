using Chancery.Core.Common;
using Chancery.Core.Policies;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.HostPolicies;

/// <summary>/api/v1/host-policies.</summary>
public static class HostPoliciesApi
{
    /// <summary>Maps the host policy endpoints.</summary>
    public static RouteGroupBuilder MapHostPoliciesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/host-policies").WithTags("Host policies").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListHostPolicies).WithName("ListHostPolicies").WithSummary("Host policies by receiving state, sending state, or in force on a date");
        api.MapGet("/{id:guid}", GetHostPolicy).WithName("GetHostPolicy").WithSummary("One host policy");
        api.MapPost("/", CreateHostPolicy).WithName("CreateHostPolicy").WithSummary("Record a receiving state's policy").RequireAuthorization(Policies.EditMissions);
        api.MapPut("/{id:guid}", UpdateHostPolicy).WithName("UpdateHostPolicy").WithSummary("Change a policy (e.g. give its end date); send the version you read").RequireAuthorization(Policies.EditMissions);
        api.MapDelete("/{id:guid}", DeleteHostPolicy).WithName("DeleteHostPolicy").WithSummary("Delete a policy entered by mistake").RequireAuthorization(Policies.EditMissions);
        return api;
    }

    static Task<Page<HostPolicyDto>> ListHostPolicies(string? receivingState, string? sendingState, DateOnly? inForceOn, [AsParameters] Paging paging, HostPolicyService policies, CancellationToken ct) =>
        policies.ListAsync(new HostPolicyQuery(receivingState, sendingState, inForceOn), paging.ToRequest(), ct);

    static async Task<Ok<HostPolicyDto>> GetHostPolicy(Guid id, HostPolicyService policies, CancellationToken ct) => TypedResults.Ok(await policies.GetAsync(id, ct));

    static async Task<Created<HostPolicyDto>> CreateHostPolicy(HostPolicyInput input, HostPolicyService policies, CancellationToken ct)
    {
        var created = await policies.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/host-policies/{created.Id}", created);
    }

    static async Task<Ok<HostPolicyDto>> UpdateHostPolicy(Guid id, HostPolicyInput input, HostPolicyService policies, CancellationToken ct) =>
        TypedResults.Ok(await policies.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteHostPolicy(Guid id, int? version, HostPolicyService policies, CancellationToken ct)
    {
        await policies.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }
}
