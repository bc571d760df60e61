using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Missions;

/// <summary>/api/v1/missions: the registry of missions and their rosters.</summary>
public static class MissionsApi
{
    /// <summary>Maps the mission endpoints.</summary>
    public static RouteGroupBuilder MapMissionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/missions").WithTags("Missions").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListMissions).WithName("ListMissions").WithSummary("Missions, filtered by sending or receiving state, kind, status or a city/state name; paged and sorted");
        api.MapGet("/{id:guid}", GetMission).WithName("GetMission").WithSummary("One mission");
        api.MapGet("/{id:guid}/roster", GetRoster).WithName("GetMissionRoster").WithSummary("Who serves at the mission on a date, by staff category, with families and visa validity");
        api.MapPost("/", CreateMission).WithName("CreateMission").WithSummary("Record a mission");
        api.MapPut("/{id:guid}", UpdateMission).WithName("UpdateMission").WithSummary("Change a mission; send the version you read");
        api.MapDelete("/{id:guid}", DeleteMission).WithName("DeleteMission").WithSummary("Delete a mission that has no assignments");
        return api;
    }

    static Task<Page<MissionDto>> ListMissions(
        string? sendingState, string? receivingState, MissionKind? kind, MissionStatus? status, string? q,
        [AsParameters] Paging paging, MissionService missions, CancellationToken ct) =>
        missions.ListAsync(new MissionQuery(sendingState, receivingState, kind, status, q), paging.ToRequest(), ct);

    static async Task<Ok<MissionDto>> GetMission(Guid id, MissionService missions, CancellationToken ct) =>
        TypedResults.Ok(await missions.GetAsync(id, ct));

    static async Task<Ok<MissionRoster>> GetRoster(Guid id, DateOnly? asOf, MissionRosterService rosters, CancellationToken ct) =>
        TypedResults.Ok(await rosters.GetAsync(id, asOf, ct));

    static async Task<Created<MissionDto>> CreateMission(MissionInput input, MissionService missions, CancellationToken ct)
    {
        var created = await missions.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/missions/{created.Id}", created);
    }

    static async Task<Ok<MissionDto>> UpdateMission(Guid id, MissionInput input, MissionService missions, CancellationToken ct) =>
        TypedResults.Ok(await missions.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteMission(Guid id, int? version, MissionService missions, CancellationToken ct)
    {
        await missions.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }
}
