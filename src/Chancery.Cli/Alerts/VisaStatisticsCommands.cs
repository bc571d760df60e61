using System.CommandLine;
using Chancery.Cli.Output;
using Chancery.Core.Visas;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Alerts;

/// <summary>`chancery visas statistics`.</summary>
internal static class VisaStatisticsCommands
{
    public static Command Create()
    {
        var issuing = new Option<string?>("--issuing") { Description = "Only applications to this issuing state (ISO code, e.g. US)." };
        var applicant = new Option<string?>("--applicant") { Description = "Only applicants of this state (the mission's sending state, else nationality)." };
        var category = new Option<string?>("--category") { Description = "Only this visa category, e.g. A-1." };
        var from = StrictOptions.Date("--from", "First day of the window; 364 days before --to when absent");
        var to = StrictOptions.Date("--to", "Last day of the window; the default as-of date when absent");
        var statistics = new Command("statistics", "Processing times: decisions, median and p90 days, refusal rate, pending count and age.") { issuing, applicant, category, from, to };
        statistics.SetRowsAction(
            async (parsed, services, ct) => (await services.GetRequiredService<VisaStatisticsService>().GetAsync(
                new VisaStatisticsQuery(parsed.GetValue(issuing), parsed.GetValue(applicant), parsed.GetValue(category), parsed.GetDate(from), parsed.GetDate(to)), ct)
                .ConfigureAwait(false)).Rows,
            new Column<VisaStatisticsRow>("Issuing", r => r.IssuingStateCode),
            new Column<VisaStatisticsRow>("Applicant", r => r.ApplicantStateCode),
            new Column<VisaStatisticsRow>("Category", r => r.CategoryCode),
            new Column<VisaStatisticsRow>("Decided", r => r.DecidedCount),
            new Column<VisaStatisticsRow>("Median days", r => r.MedianDays),
            new Column<VisaStatisticsRow>("P90 days", r => r.P90Days),
            new Column<VisaStatisticsRow>("Refusal rate", r => r.RefusalRate),
            new Column<VisaStatisticsRow>("Withdrawn", r => r.WithdrawnCount),
            new Column<VisaStatisticsRow>("Pending", r => r.PendingCount),
            new Column<VisaStatisticsRow>("Median pending days", r => r.MedianPendingDays),
            new Column<VisaStatisticsRow>("Oldest pending days", r => r.OldestPendingDays));
        return new Command("visas", "Visas and visa applications.") { statistics };
    }
}
