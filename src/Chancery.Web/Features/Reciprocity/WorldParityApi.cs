using Chancery.Core.Common;
using Chancery.Core.Reciprocity;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Reciprocity;

/// <summary>/api/v1/parity/world: one state against every counterpart, sorted by the parity gap.</summary>
public static class WorldParityApi
{
    /// <summary>Maps the world-view endpoint.</summary>
    public static RouteGroupBuilder MapWorldParityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/parity/world").WithTags("Parity").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", GetWorldParity).WithName("GetWorldParity")
            .WithSummary("For one state on asOf, every counterpart with missions either way: missions, members, diplomatic staff and family members each way, " +
                "the gap (the counterpart's members in the state minus the state's in the counterpart) and a sentence; largest gap first, 50 a page");
        return api;
    }

    static async Task<Ok<WorldParity>> GetWorldParity(
        string? state, DateOnly? asOf, int? page, int? pageSize, WorldParityService world, CancellationToken ct) =>
        TypedResults.Ok(await world.GetAsync(state, asOf, new PageRequest(page ?? 1, pageSize ?? 50), ct));
}
