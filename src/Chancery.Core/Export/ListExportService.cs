using Chancery.Core.Common;
using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.Posts;
using Chancery.Core.Visas;

namespace Chancery.Core.Export;

/// <summary>
/// The lists the UI shows, read through their own services (so with the caller's scope, filters and as-of date) and
/// shaped by <see cref="ListExports"/> into tables; paged lists are read whole.
/// </summary>
public sealed class ListExportService(
    MissionService missions, MissionRosterService rosters, AlertService alerts, TravelRiskService travelRisk,
    HeadcountService headcounts, VisaStatisticsService statistics, DepartureService departures)
{
    /// <summary>Every mission matching the filters, in the list's sort order.</summary>
    public async Task<ExportTable> MissionsAsync(MissionQuery query, string? sort, CancellationToken ct) =>
        ListExports.Missions.Build(await AllAsync(page => missions.ListAsync(query, page with { Sort = sort }, ct)).ConfigureAwait(false));

    /// <summary>A mission's roster on a date.</summary>
    public async Task<(ExportTable Table, DateOnly AsOf)> RosterAsync(Guid missionId, DateOnly? asOf, CancellationToken ct)
    {
        var roster = await rosters.GetAsync(missionId, asOf, ct).ConfigureAwait(false);
        return (ListExports.Roster.Build(RosterLine.Of(roster)), roster.AsOf);
    }

    /// <summary>The alerts for the filters.</summary>
    public async Task<(ExportTable Table, DateOnly AsOf)> AlertsAsync(AlertQuery query, CancellationToken ct)
    {
        var list = await alerts.ListAsync(query, ct).ConfigureAwait(false);
        return (ListExports.Alerts.Build(list.Alerts), list.AsOf);
    }

    /// <summary>Travel risk per mission (<paramref name="people"/> false) or the people at risk (true).</summary>
    public async Task<(ExportTable Table, DateOnly AsOf)> TravelRiskAsync(TravelRiskQuery query, bool people, CancellationToken ct)
    {
        var report = await travelRisk.GetAsync(query, ct).ConfigureAwait(false);
        return (people ? ListExports.TravelRiskPeople.Build(report.People) : ListExports.TravelRiskMissions.Build(report.Missions), report.AsOf);
    }

    /// <summary>A mission's vacancies on a date, looking <paramref name="within"/> days ahead.</summary>
    public async Task<(ExportTable Table, DateOnly AsOf)> VacanciesAsync(Guid missionId, DateOnly? on, int? within, CancellationToken ct)
    {
        var result = await headcounts.VacanciesAsync(missionId, on, within, ct).ConfigureAwait(false);
        return (ListExports.Vacancies.Build(result.Vacancies), result.On);
    }

    /// <summary>A mission's headcount on a date.</summary>
    public async Task<(ExportTable Table, DateOnly AsOf)> HeadcountAsync(Guid missionId, DateOnly? on, CancellationToken ct)
    {
        var result = await headcounts.OnAsync(missionId, on, ct).ConfigureAwait(false);
        return (ListExports.Headcount.Build(HeadcountLine.Of(result.Headcount)), result.Headcount.On);
    }

    /// <summary>A mission's daily headcount between two dates.</summary>
    public async Task<(ExportTable Table, DateOnly AsOf)> HeadcountTimelineAsync(Guid missionId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var result = await headcounts.TimelineAsync(missionId, from, to, ct).ConfigureAwait(false);
        return (ListExports.HeadcountTimeline.Build(result.Days), result.To);
    }

    /// <summary>Visa processing-time statistics for the filters.</summary>
    public async Task<(ExportTable Table, DateOnly AsOf)> VisaStatisticsAsync(VisaStatisticsQuery query, CancellationToken ct)
    {
        var result = await statistics.GetAsync(query, ct).ConfigureAwait(false);
        return (ListExports.VisaStatistics.Build(result.Rows), result.To);
    }

    /// <summary>Every departure order matching the filters, with progress on the as-of date.</summary>
    public async Task<ExportTable> DepartureOrdersAsync(DepartureOrderQuery query, CancellationToken ct) =>
        ListExports.DepartureOrders.Build(await AllAsync(page => departures.ListAsync(query, page, ct)).ConfigureAwait(false));

    /// <summary>Every page of a paged list, read in pages of the largest size a client may ask for.</summary>
    public static async Task<IReadOnlyList<T>> AllAsync<T>(Func<PageRequest, Task<Page<T>>> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var all = new List<T>();
        for (var number = 1; ; number++)
        {
            var page = await list(new PageRequest(number, PageRequest.MaxPageSize)).ConfigureAwait(false);
            all.AddRange(page.Items);
            if (page.Items.Count == 0 || all.Count >= page.Total) return all;
        }
    }
}
