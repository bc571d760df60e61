using System.CommandLine;
using System.Globalization;
using Chancery.Cli.Hosting;
using Chancery.Cli.Output;
using Chancery.Core.Visas;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.TravelRisk;

/// <summary>`chancery travel-risk`: who could not leave the receiving state and come back.</summary>
internal static class TravelRiskCommands
{
    public static Command Create()
    {
        var asOf = new Option<string?>("--as-of") { Description = "Day of leaving, yyyy-mm-dd (default: today, or the pinned as-of date)." };
        var returnBy = new Option<string?>("--return-by") { Description = "Day by which travellers plan to be back, yyyy-mm-dd (default: 30 days after --as-of)." };
        var mission = new Option<Guid?>("--mission") { Description = "One mission's id: list its people at risk, with the reasons, instead of the counts per mission." };
        var format = Rows.FormatOption();
        var command = new Command("travel-risk", "Staff and family who could not leave and come back by a date: counts per mission, or one mission's people.")
        {
            asOf, returnBy, mission, format,
        };
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var query = new TravelRiskQuery(Date(parsed.GetValue(asOf), "--as-of"), Date(parsed.GetValue(returnBy), "--return-by"), parsed.GetValue(mission));
            var report = await services.GetRequiredService<TravelRiskService>().GetAsync(query, ct).ConfigureAwait(false);
            var output = Enum.Parse<OutputFormat>(parsed.GetValue(format) ?? "table", ignoreCase: true);
            if (output == OutputFormat.Json)
            {
                Rows.WriteJson(report);
                return;
            }
            if (query.MissionId is null)
            {
                Rows.Write(output, report.Missions,
                    new Column<TravelRiskMission>("Mission", m => m.Label),
                    new Column<TravelRiskMission>("Id", m => m.MissionId),
                    new Column<TravelRiskMission>("Staff", m => m.StaffPresent),
                    new Column<TravelRiskMission>("Staff at risk", m => m.StaffAtRisk),
                    new Column<TravelRiskMission>("Family", m => m.FamilyPresent),
                    new Column<TravelRiskMission>("Family at risk", m => m.FamilyAtRisk),
                    new Column<TravelRiskMission>("At risk", m => m.TotalAtRisk));
            }
            else
            {
                Rows.Write(output, report.People,
                    new Column<PersonAtRisk>("Name", p => p.Name),
                    new Column<PersonAtRisk>("Staff or family", p => p.IsStaff ? "staff" : $"{p.Role.ToLowerInvariant()} of {p.PrincipalName}"),
                    new Column<PersonAtRisk>("Visa", p => p.VisaCategory),
                    new Column<PersonAtRisk>("Valid until", p => p.ValidUntil),
                    new Column<PersonAtRisk>("Reasons", p => string.Join(" ", p.Reasons.Select(r => r.Text))));
            }
            // CSV stays one table for other programs; people reading a table get the sentence.
            if (output != OutputFormat.Table) return;
            var t = report.Totals;
            Console.Out.WriteLine(
                $"{t.StaffAtRisk} staff cannot travel on {report.AsOf:yyyy-MM-dd} and come back by {report.ReturnBy:yyyy-MM-dd}; {t.TotalAtRisk} with their families.");
        });
        return command;
    }

    private static DateOnly? Date(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new CliException($"{option} '{text}' is not a date; write it as yyyy-mm-dd, e.g. 2021-08-15.");
    }
}
