using Chancery.Core.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.TravelRisk;

/// <summary>/api/v1/travel-risk: who could not leave the receiving state and come back.</summary>
public static class TravelRiskApi
{
    /// <summary>Maps the travel-risk endpoint.</summary>
    public static RouteGroupBuilder MapTravelRiskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/travel-risk").WithTags("Travel risk").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", GetTravelRisk).WithName("GetTravelRisk")
            .WithSummary("Staff and family who, leaving on asOf, could not come back by returnBy (default: 30 days later): counts per mission, totals, and each person with the reasons");
        return api;
    }

    static async Task<Ok<TravelRiskReport>> GetTravelRisk(
        DateOnly? asOf, Guid? missionId, DateOnly? returnBy, string? sendingState, string? receivingState, TravelRiskService travelRisk, CancellationToken ct) =>
        TypedResults.Ok(await travelRisk.GetAsync(new TravelRiskQuery(asOf, returnBy, missionId, sendingState, receivingState), ct));
}
