using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Cli.Output;
using Chancery.Core.Departures;
using Chancery.Core.Export;
using Chancery.Core.Missions;
using Chancery.Core.Visas;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Export;

/// <summary>
/// `chancery export &lt;list&gt; --format csv|xlsx --output file`: the lists the UI shows, as files, with the list commands'
/// filters. Other exports (e.g. the round-trip `export people` and `export missions`) join as extra subcommands.
/// </summary>
internal static class ExportCommands
{
    /// <summary>The export command with this feature's lists and any <paramref name="extra"/> subcommands.</summary>
    public static Command Create(params Command[] extra)
    {
        var export = new Command("export", "Write a list to a CSV or XLSX file, with the same filters as the list commands.")
        {
            MissionList(), Roster(), Alerts(), TravelRisk(), Vacancies(), Headcount(), VisaStatistics(), DepartureOrders(),
        };
        foreach (var command in extra) export.Subcommands.Add(command);
        return export;
    }

    private static Command MissionList()
    {
        var sending = new Option<string?>("--sending") { Description = "Only missions sent by this state (ISO code, e.g. FR)." };
        var receiving = new Option<string?>("--receiving") { Description = "Only missions in this receiving state (ISO code)." };
        var kind = StrictOptions.Enum<MissionKind>("--kind", "Only missions of this kind");
        var q = new Option<string?>("--q") { Description = "City or state name contains this text." };
        return Command("mission-list", "The missions list (as the Missions page shows it).", [sending, receiving, kind, q], (parsed, exports, ct) =>
            exports.MissionsAsync(new MissionQuery(parsed.GetValue(sending), parsed.GetValue(receiving), parsed.GetEnum<MissionKind>(kind), null, parsed.GetValue(q)), null, ct));
    }

    private static Command Roster()
    {
        var mission = MissionOption();
        var asOf = StrictOptions.Date("--as-of", "Date of the roster; the default as-of date when absent");
        return Command("roster", "A mission's staff roster on a date, each household under its principal.", [mission, asOf], async (parsed, exports, ct) =>
            (await exports.RosterAsync(parsed.GetValue(mission), parsed.GetDate(asOf), ct).ConfigureAwait(false)).Table);
    }

    private static Command Alerts()
    {
        var asOf = StrictOptions.Date("--as-of", "The date to compute the alerts for; the default as-of date when absent");
        var mission = new Option<Guid?>("--mission") { Description = "Only the alerts of this mission (its id)." };
        var kind = StrictOptions.Enum<AlertKind>("--kind", "Only alerts of this kind");
        var severity = StrictOptions.Enum<AlertSeverity>("--severity", "Only alerts of this severity");
        return Command("alerts", "Alerts on a date, most urgent first.", [asOf, mission, kind, severity], async (parsed, exports, ct) =>
            (await exports.AlertsAsync(new AlertQuery(parsed.GetDate(asOf), parsed.GetValue(mission), parsed.GetEnum<AlertKind>(kind), parsed.GetEnum<AlertSeverity>(severity)), ct).ConfigureAwait(false)).Table);
    }

    private static Command TravelRisk()
    {
        var asOf = StrictOptions.Date("--as-of", "Day of leaving; the default as-of date when absent");
        var returnBy = StrictOptions.Date("--return-by", "Day by which travellers plan to be back; 30 days after --as-of when absent");
        var mission = new Option<Guid?>("--mission") { Description = "One mission's id: export its people at risk, with the reasons, instead of the counts per mission." };
        var sending = new Option<string?>("--sending") { Description = "Only missions sent by this state (ISO code)." };
        var receiving = new Option<string?>("--receiving") { Description = "Only missions in this receiving state (ISO code)." };
        return Command("travel-risk", "Travel risk: counts per mission, or one mission's people with --mission.", [asOf, returnBy, mission, sending, receiving], async (parsed, exports, ct) =>
            (await exports.TravelRiskAsync(
                new TravelRiskQuery(parsed.GetDate(asOf), parsed.GetDate(returnBy), parsed.GetValue(mission), parsed.GetValue(sending), parsed.GetValue(receiving)),
                people: parsed.GetValue(mission) is not null, ct).ConfigureAwait(false)).Table);
    }

    private static Command Vacancies()
    {
        var mission = MissionOption();
        var on = StrictOptions.Date("--on", "Date of the report; the default as-of date when absent");
        var within = new Option<int?>("--within") { Description = "Also posts to be vacant within this many days." };
        return Command("vacancies", "A mission's posts vacant on a date or about to be.", [mission, on, within], async (parsed, exports, ct) =>
            (await exports.VacanciesAsync(parsed.GetValue(mission), parsed.GetDate(on), parsed.GetValue(within), ct).ConfigureAwait(false)).Table);
    }

    private static Command Headcount()
    {
        var mission = MissionOption();
        var on = StrictOptions.Date("--on", "Date of the headcount; the default as-of date when absent");
        var from = StrictOptions.Date("--from", "With --to: export the daily timeline from this day");
        var to = StrictOptions.Date("--to", "With --from: export the daily timeline to this day");
        return Command("headcount", "A mission's headcount on a date, or its daily timeline with --from and --to.", [mission, on, from, to], async (parsed, exports, ct) =>
            parsed.GetDate(from) is { } start && parsed.GetDate(to) is { } end
                ? (await exports.HeadcountTimelineAsync(parsed.GetValue(mission), start, end, ct).ConfigureAwait(false)).Table
                : (await exports.HeadcountAsync(parsed.GetValue(mission), parsed.GetDate(on), ct).ConfigureAwait(false)).Table);
    }

    private static Command VisaStatistics()
    {
        var issuing = new Option<string?>("--issuing") { Description = "Only applications to this issuing state (ISO code)." };
        var applicant = new Option<string?>("--applicant") { Description = "Only applicants of this state." };
        var category = new Option<string?>("--category") { Description = "Only this visa category, e.g. A-1." };
        var from = StrictOptions.Date("--from", "First day of the window");
        var to = StrictOptions.Date("--to", "Last day of the window");
        return Command("visa-statistics", "Visa processing times per issuing state, applicant state and category.", [issuing, applicant, category, from, to], async (parsed, exports, ct) =>
            (await exports.VisaStatisticsAsync(new VisaStatisticsQuery(parsed.GetValue(issuing), parsed.GetValue(applicant), parsed.GetValue(category), parsed.GetDate(from), parsed.GetDate(to)), ct).ConfigureAwait(false)).Table);
    }

    private static Command DepartureOrders()
    {
        var mission = new Option<Guid?>("--mission") { Description = "Only orders to this mission (its id)." };
        var kind = StrictOptions.Enum<DepartureOrderKind>("--kind", "Only orders of this kind");
        var receiving = new Option<string?>("--receiving") { Description = "Only orders of this receiving state (ISO code)." };
        var asOf = StrictOptions.Date("--as-of", "Date of the orders' progress; the default as-of date when absent");
        return Command("departure-orders", "Departure orders with their progress on a date.", [mission, kind, receiving, asOf], (parsed, exports, ct) =>
            exports.DepartureOrdersAsync(new DepartureOrderQuery(parsed.GetValue(mission), parsed.GetEnum<DepartureOrderKind>(kind), parsed.GetValue(receiving), parsed.GetDate(asOf)), ct));
    }

    private static Option<Guid> MissionOption() => new("--mission") { Description = "The mission's id (see `chancery missions list`).", Required = true };

    /// <summary>An export subcommand: its filters, plus --format csv|xlsx and --output; the file is written whole or not at all.</summary>
    private static Command Command(string name, string description, Option[] filters, Func<ParseResult, ListExportService, CancellationToken, Task<ExportTable>> read)
    {
        var format = new Option<string>("--format", "-f") { Description = "File format: csv or xlsx.", DefaultValueFactory = _ => "csv" };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (int.TryParse(value, out _) || !Enum.TryParse<ExportFormat>(value, ignoreCase: true, out _))
                result.AddError($"--format '{value}' is not known; use csv or xlsx.");
        });
        var output = new Option<FileInfo>("--output", "-o") { Description = "The file to write (replaced if it exists).", Required = true };
        var command = new Command(name, description);
        foreach (var option in filters) command.Options.Add(option);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var table = await read(parsed, services.GetRequiredService<ListExportService>(), ct).ConfigureAwait(false);
            var file = parsed.GetValue(output)!;
            var bytes = TableWriter.ToBytes(table, Enum.Parse<ExportFormat>(parsed.GetValue(format)!, ignoreCase: true));
            await File.WriteAllBytesAsync(file.FullName, bytes, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Wrote {table.Rows.Count} row(s) to {file.FullName}").ConfigureAwait(false);
        });
        return command;
    }
}
