using Chancery.Core.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Visas;

/// <summary>/api/v1/visa-statistics: processing times of visa applications.</summary>
public static class VisaStatisticsApi
{
    /// <summary>Maps the statistics endpoint.</summary>
    public static RouteGroupBuilder MapVisaStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/visa-statistics").WithTags("Visa applications").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", GetStatistics).WithName("GetVisaStatistics")
            .WithSummary("Per issuing state, applicant state and category over a window (default: the 365 days ending at the default as-of date): decisions, median and p90 days, refusal rate, withdrawals, pending count and age");
        return api;
    }

    static async Task<Ok<VisaStatistics>> GetStatistics(
        string? issuingState, string? applicantState, string? category, DateOnly? from, DateOnly? to, VisaStatisticsService statistics, CancellationToken ct) =>
        TypedResults.Ok(await statistics.GetAsync(new VisaStatisticsQuery(issuingState, applicantState, category, from, to), ct));
}
