using Chancery.Core.Common;
using Chancery.Core.Departures;
using Chancery.Core.Export;
using Chancery.Core.Missions;
using Chancery.Core.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Export;

/// <summary>
/// Each list the UI shows, as a CSV or XLSX file: a sibling <c>…/export</c> endpoint of the list's own endpoint, with the
/// same filters and as-of date, read through the same service (so the same scope), plus <c>format=csv|xlsx</c>.
/// </summary>
public static class ListExportsApi
{
    /// <summary>Maps the export endpoints.</summary>
    public static IEndpointRouteBuilder MapListExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Export").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/missions/export", ExportMissions).WithName("ExportMissionList").WithSummary("The missions list with its filters and sort, as CSV or XLSX");
        api.MapGet("/missions/{id:guid}/roster/export", ExportRoster).WithName("ExportMissionRoster").WithSummary("A mission's roster on a date, families under their principal, as CSV or XLSX");
        api.MapGet("/alerts/export", ExportAlerts).WithName("ExportAlerts").WithSummary("Alerts on a date with their filters, as CSV or XLSX");
        api.MapGet("/travel-risk/export", ExportTravelRisk).WithName("ExportTravelRisk").WithSummary("Travel-risk counts per mission, as CSV or XLSX");
        api.MapGet("/travel-risk/people/export", ExportTravelRiskPeople).WithName("ExportTravelRiskPeople").WithSummary("The people at travel risk with their reasons (give missionId for one mission), as CSV or XLSX");
        api.MapGet("/missions/{id:guid}/vacancies/export", ExportVacancies).WithName("ExportMissionVacancies").WithSummary("A mission's vacant posts on a date, as CSV or XLSX");
        api.MapGet("/missions/{id:guid}/headcount/export", ExportHeadcount).WithName("ExportMissionHeadcount").WithSummary("A mission's headcount on a date, as CSV or XLSX");
        api.MapGet("/missions/{id:guid}/headcount/timeline/export", ExportHeadcountTimeline).WithName("ExportMissionHeadcountTimeline").WithSummary("A mission's daily headcount between two dates, as CSV or XLSX");
        api.MapGet("/visa-statistics/export", ExportVisaStatistics).WithName("ExportVisaStatistics").WithSummary("Visa processing-time statistics, as CSV or XLSX");
        api.MapGet("/departure-orders/export", ExportDepartureOrders).WithName("ExportDepartureOrders").WithSummary("Departure orders with their progress on a date, as CSV or XLSX");
        return app;
    }

    /// <summary>
    /// The file, named after the list and its date, never cached (it may hold personal data).
    /// </summary>
    public static FileContentHttpResult File(HttpContext http, ExportTable table, DateOnly? on, string? format)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(table);
        var f = Format(format);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(TableWriter.ToBytes(table, f), TableWriter.ContentType(f), TableWriter.FileName(table.Name, on, f));
    }

    /// <summary>csv (the default) or xlsx, in any case; anything else is a 400 naming format.</summary>
    public static ExportFormat Format(string? format)
    {
        if (string.IsNullOrWhiteSpace(format)) return ExportFormat.Csv;
        if (!format.Any(char.IsDigit) && Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var f) && Enum.IsDefined(f)) return f;
        var v = new Validator();
        v.Add("format", $"format '{format}' is not known; use csv or xlsx.");
        v.ThrowIfAny();
        return default;
    }

    static async Task<FileContentHttpResult> ExportMissions(
        string? sendingState, string? receivingState, MissionKind? kind, MissionStatus? status, string? q, string? sort, string? format,
        ListExportService exports, HttpContext http, CancellationToken ct) =>
        File(http, await exports.MissionsAsync(new MissionQuery(sendingState, receivingState, kind, status, q), sort, ct), null, format);

    static async Task<FileContentHttpResult> ExportRoster(Guid id, DateOnly? asOf, string? format, ListExportService exports, HttpContext http, CancellationToken ct)
    {
        var (table, on) = await exports.RosterAsync(id, asOf, ct);
        return File(http, table, on, format);
    }

    static async Task<FileContentHttpResult> ExportAlerts(
        DateOnly? asOf, Guid? missionId, AlertKind? kind, AlertSeverity? severity, string? format, ListExportService exports, HttpContext http, CancellationToken ct)
    {
        var (table, on) = await exports.AlertsAsync(new AlertQuery(asOf, missionId, kind, severity), ct);
        return File(http, table, on, format);
    }

    static Task<FileContentHttpResult> ExportTravelRisk(
        DateOnly? asOf, Guid? missionId, DateOnly? returnBy, string? sendingState, string? receivingState, string? format,
        ListExportService exports, HttpContext http, CancellationToken ct) =>
        TravelRisk(new TravelRiskQuery(asOf, returnBy, missionId, sendingState, receivingState), people: false, format, exports, http, ct);

    static Task<FileContentHttpResult> ExportTravelRiskPeople(
        DateOnly? asOf, Guid? missionId, DateOnly? returnBy, string? sendingState, string? receivingState, string? format,
        ListExportService exports, HttpContext http, CancellationToken ct) =>
        TravelRisk(new TravelRiskQuery(asOf, returnBy, missionId, sendingState, receivingState), people: true, format, exports, http, ct);

    static async Task<FileContentHttpResult> TravelRisk(TravelRiskQuery query, bool people, string? format, ListExportService exports, HttpContext http, CancellationToken ct)
    {
        var (table, on) = await exports.TravelRiskAsync(query, people, ct);
        return File(http, table, on, format);
    }

    static async Task<FileContentHttpResult> ExportVacancies(Guid id, DateOnly? on, int? within, string? format, ListExportService exports, HttpContext http, CancellationToken ct)
    {
        var (table, date) = await exports.VacanciesAsync(id, on, within, ct);
        return File(http, table, date, format);
    }

    static async Task<FileContentHttpResult> ExportHeadcount(Guid id, DateOnly? on, string? format, ListExportService exports, HttpContext http, CancellationToken ct)
    {
        var (table, date) = await exports.HeadcountAsync(id, on, ct);
        return File(http, table, date, format);
    }

    static async Task<FileContentHttpResult> ExportHeadcountTimeline(Guid id, DateOnly? from, DateOnly? to, string? format, ListExportService exports, HttpContext http, CancellationToken ct)
    {
        var (table, date) = await exports.HeadcountTimelineAsync(id, from, to, ct);
        return File(http, table, date, format);
    }

    static async Task<FileContentHttpResult> ExportVisaStatistics(
        string? issuingState, string? applicantState, string? category, DateOnly? from, DateOnly? to, string? format,
        ListExportService exports, HttpContext http, CancellationToken ct)
    {
        var (table, date) = await exports.VisaStatisticsAsync(new VisaStatisticsQuery(issuingState, applicantState, category, from, to), ct);
        return File(http, table, date, format);
    }

    static async Task<FileContentHttpResult> ExportDepartureOrders(
        Guid? missionId, DepartureOrderKind? kind, string? receivingState, DateOnly? asOf, string? format,
        ListExportService exports, HttpContext http, CancellationToken ct) =>
        File(http, await exports.DepartureOrdersAsync(new DepartureOrderQuery(missionId, kind, receivingState, asOf), ct), asOf, format);
}
