using Chancery.Core.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Visas;

/// <summary>/api/v1/people/{id}/visa-timeline.</summary>
public static class VisaTimelineApi
{
    /// <summary>Maps the visa timeline endpoint.</summary>
    public static RouteGroupBuilder MapVisaTimelineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/people").WithTags("People").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/{id:guid}/visa-timeline", GetVisaTimeline).WithName("GetVisaTimeline")
            .WithSummary("A person's visas (with renewals), applications and days present without a valid visa, in date order, as of a date");
        return api;
    }

    static async Task<Ok<VisaTimeline>> GetVisaTimeline(Guid id, DateOnly? asOf, VisaTimelineService timelines, CancellationToken ct) =>
        TypedResults.Ok(await timelines.GetAsync(id, asOf, ct));
}
