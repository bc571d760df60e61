using Chancery.Core.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Alerts;

/// <summary>/api/v1/alerts: who must act, by when, on a date.</summary>
public static class AlertsApi
{
    /// <summary>Maps the alert endpoints.</summary>
    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").WithTags("Alerts").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListAlerts).WithName("ListAlerts")
            .WithSummary("Alerts on a date (the default as-of date when none is given), most urgent first, with counts per mission and severity; filtered by mission, kind or severity");
        return api;
    }

    static async Task<Ok<AlertList>> ListAlerts(DateOnly? asOf, Guid? missionId, AlertKind? kind, AlertSeverity? severity, AlertService alerts, CancellationToken ct) =>
        TypedResults.Ok(await alerts.ListAsync(new AlertQuery(asOf, missionId, kind, severity), ct));
}
