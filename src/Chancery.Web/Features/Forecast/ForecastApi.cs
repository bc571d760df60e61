using Chancery.Core.Accounts;
using Chancery.Core.Forecast;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Forecast;

/// <summary>A mission's staffing forecast (baseline and what-if scenario) and its minimum staffing levels.</summary>
public static class ForecastApi
{
    /// <summary>Maps the forecast and staffing-minimum endpoints under /api/v1/missions/{id}.</summary>
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        var missions = app.MapGroup("/api/v1/missions").WithTags("Forecast").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        // Runs are for the roles that plan staffing; the auditor only reads records (see ForecastService.RunAsync).
        missions.MapGet("/{id:guid}/forecast", GetForecast).WithName("GetMissionForecast")
            .WithSummary("Monte Carlo forecast of the mission's headcount by staff category (median and 10-90 band per day, risk of falling below minimum staffing), with an optional what-if scenario beside the baseline")
            .RequireAuthorization(p => p.RequireRole(Roles.Writers.Split(',')));
        missions.MapPost("/{id:guid}/forecast", PostForecast).WithName("RunMissionForecast")
            .WithSummary("The same forecast, with the options and scenario in a JSON body")
            .RequireAuthorization(p => p.RequireRole(Roles.Writers.Split(',')));
        missions.MapGet("/{id:guid}/staffing-minimums", GetStaffingMinimums).WithName("GetMissionStaffingMinimums")
            .WithSummary("The mission's minimum staffing level per staff category");
        missions.MapPut("/{id:guid}/staffing-minimums", PutStaffingMinimums).WithName("SetMissionStaffingMinimums")
            .WithSummary("Set (or, with minimum null, remove) minimum staffing levels of the listed categories; send each existing one's version")
            .RequireAuthorization(Policies.SetStaffingMinimums);
        return app;
    }

    /// <summary>
    /// Scenario in the query: <c>stopIssuing=true</c> (or a date), <c>processingFactor=1.5</c>, <c>refusalRate=0.3</c>,
    /// <c>expel=5@2021-10-01[:Category]</c> and <c>cap=20@2021-10-01[:Category]</c> (both repeatable).
    /// </summary>
    static async Task<Ok<MissionForecast>> GetForecast(
        Guid id, string? from, string? days, string? runs, string? seed, string? stopIssuing, string? processingFactor, string? refusalRate,
        string[]? expel, string[]? cap, ForecastService forecasts, CancellationToken ct)
    {
        var request = new ForecastRequestText(from, days, runs, seed, stopIssuing, processingFactor, refusalRate, expel, cap).Parse();
        return TypedResults.Ok(await forecasts.RunAsync(id, request, null, ct));
    }

    static async Task<Ok<MissionForecast>> PostForecast(Guid id, ForecastRequest? request, ForecastService forecasts, CancellationToken ct) =>
        TypedResults.Ok(await forecasts.RunAsync(id, request ?? new ForecastRequest(), null, ct));

    static async Task<Ok<MissionStaffingMinimums>> GetStaffingMinimums(Guid id, StaffingMinimumService minimums, CancellationToken ct) =>
        TypedResults.Ok(await minimums.GetAsync(id, ct));

    static async Task<Ok<MissionStaffingMinimums>> PutStaffingMinimums(Guid id, StaffingMinimumsInput? input, StaffingMinimumService minimums, CancellationToken ct) =>
        TypedResults.Ok(await minimums.SetAsync(id, input, ct));
}
