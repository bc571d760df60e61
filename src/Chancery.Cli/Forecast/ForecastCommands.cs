using System.CommandLine;
using System.Globalization;
using Chancery.Cli.Output;
using Chancery.Core.Common;
using Chancery.Core.Forecast;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Chancery.Cli.Forecast;

/// <summary>`chancery forecast ...`: a mission's staffing forecast, with an optional what-if scenario beside the baseline.</summary>
internal static class ForecastCommands
{
    /// <summary>Runs below this many are quick: no progress bar.</summary>
    private const int ProgressBarFromRuns = 1000;

    /// <summary>One category (or all members) on one day, in the baseline or the scenario.</summary>
    private sealed record BandRow(DateOnly Day, string Category, string Forecast, int P10, int Median, int P90, int? Minimum, double? ProbabilityBelow);

    /// <summary>One category's risk of falling below its minimum.</summary>
    private sealed record RiskRow(string Category, string Forecast, int Minimum, double ProbabilityBelowByEnd, DateOnly? MedianFirstBelowOn, DateOnly? MeanFirstBelowOn);

    public static Command Create()
    {
        var mission = new Option<Guid>("--mission") { Description = "The mission's id (see `chancery missions list`).", Required = true };
        var from = StrictOptions.Date("--from", "First day of the forecast (default: today, or the pinned as-of date)");
        var days = new Option<string?>("--days") { Description = $"Days to project, 1 to {ForecastOptions.MaxDays} (default {ForecastOptions.DefaultDays})." };
        var runs = new Option<string?>("--runs") { Description = $"Monte Carlo runs, 1 to {ForecastOptions.MaxRuns:N0} (default {ForecastOptions.DefaultRuns:N0})." };
        var seed = new Option<string?>("--seed") { Description = $"Random seed: the same seed gives the same forecast (default {ForecastOptions.DefaultSeed})." };
        var scenario = new Option<string[]>("--scenario")
        {
            Description = "A what-if change, as the API's query spells it; repeat for several: stopIssuing=true (or a date), processingFactor=1.5, "
                + "refusalRate=0.3, expel=5@2021-10-01[:Category], cap=20@2021-10-01[:Category].",
            AllowMultipleArgumentsPerToken = false,
        };
        var csv = new Option<string?>("--csv") { Description = "Also write every day's bands (baseline and scenario) to this CSV file." };
        var command = new Command("forecast", "A mission's staffing forecast: median and 10-90 % band per staff category, and the risk of falling below minimum staffing.")
        {
            mission, from, days, runs, seed, scenario, csv,
        };
        command.SetReportAction(async (parsed, services, printer, ct) =>
        {
            var text = ParseScenario(parsed.GetValue(scenario) ?? []) with
            {
                From = parsed.GetValue(from),
                Days = parsed.GetValue(days),
                Runs = parsed.GetValue(runs),
                Seed = parsed.GetValue(seed),
            };
            var request = text.Parse();
            var forecasts = services.GetRequiredService<ForecastService>();
            var id = parsed.GetValue(mission);
            var total = (request.Runs ?? ForecastOptions.DefaultRuns) * (request.Scenario is null ? 1 : 2);
            var result = total >= ProgressBarFromRuns && !Console.IsErrorRedirected
                ? await WithProgressAsync(total, progress => forecasts.RunAsync(id, request, progress, ct)).ConfigureAwait(false)
                : await forecasts.RunAsync(id, request, null, ct).ConfigureAwait(false);
            if (parsed.GetValue(csv) is { } file) await WriteCsvAsync(file, Bands(result, daily: true)).ConfigureAwait(false);
            if (printer.Format == OutputFormat.Json)
            {
                Output.Rows.WriteJson(result);
                return;
            }
            if (printer.Format == OutputFormat.Table)
                Console.Out.WriteLine($"{result.Mission.Label}: {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd}, {result.Runs} runs, seed {result.Seed}"
                    + (result.ScenarioDescription is { } d ? $"; scenario: {d}" : ""));
            printer.Print(Bands(result, daily: false), BandColumns);
            if (printer.Format == OutputFormat.Table && result.Minimums.Count > 0)
                printer.Print(Risks(result),
                    new Column<RiskRow>("Category", r => r.Category), new Column<RiskRow>("Forecast", r => r.Forecast),
                    new Column<RiskRow>("Minimum", r => r.Minimum),
                    new Column<RiskRow>("BelowByEnd", r => Percent(r.ProbabilityBelowByEnd)),
                    new Column<RiskRow>("MedianFirstBelow", r => r.MedianFirstBelowOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not within the forecast"),
                    new Column<RiskRow>("MeanFirstBelow", r => r.MeanFirstBelowOn));
        });
        return command;
    }

    private static readonly Column<BandRow>[] BandColumns =
    [
        new("Day", r => r.Day), new("Category", r => r.Category), new("Forecast", r => r.Forecast),
        new("P10", r => r.P10), new("Median", r => r.Median), new("P90", r => r.P90),
        new("Minimum", r => r.Minimum), new("BelowBy", r => r.ProbabilityBelow is { } p ? Percent(p) : null),
    ];

    /// <summary>--scenario key=value pairs, as the API's query names them.</summary>
    private static ForecastRequestText ParseScenario(IEnumerable<string> pairs)
    {
        string? stop = null, factor = null, rate = null;
        List<string> expel = [], cap = [];
        var v = new Validator();
        foreach (var pair in pairs)
        {
            var kv = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var value = kv.Length == 2 ? kv[1] : "";
            switch (kv[0].ToLowerInvariant())
            {
                case "stopissuing": stop = value.Length == 0 ? "true" : value; break;
                case "processingfactor": factor = value; break;
                case "refusalrate": rate = value; break;
                case "expel": expel.Add(value); break;
                case "cap": cap.Add(value); break;
                default:
                    v.Add("--scenario", $"--scenario '{pair}' is not known; use stopIssuing=true, processingFactor=1.5, refusalRate=0.3, expel=5@2021-10-01 or cap=20@2021-10-01.");
                    break;
            }
        }
        v.ThrowIfAny();
        return new ForecastRequestText(StopIssuing: stop, ProcessingFactor: factor, RefusalRate: rate, Expel: expel, Cap: cap);
    }

    /// <summary>Every day (for the CSV file) or every 30th day and the last (for the screen), per category and for all members.</summary>
    private static List<BandRow> Bands(MissionForecast f, bool daily)
    {
        var rows = new List<BandRow>();
        void Add(string forecast, ForecastResult result)
        {
            var series = result.Categories.Select(c => (Name: c.Category.ToString(), c.Days, c.Risk))
                .Append((Name: "Members", Days: result.Members, Risk: (ForecastRisk?)null)).ToList();
            var last = f.To.DayNumber - f.From.DayNumber;
            for (var i = 0; i <= last; i++)
            {
                if (!daily && i % 30 != 0 && i != last) continue;
                foreach (var (name, bands, risk) in series)
                {
                    if (i >= bands.Count) continue;
                    var b = bands[i];
                    rows.Add(new BandRow(b.On, name, forecast, b.P10, b.Median, b.P90, risk?.Minimum, risk is null || i >= risk.BelowBy.Count ? null : risk.BelowBy[i].Probability));
                }
            }
        }
        Add("baseline", f.Baseline);
        if (f.ScenarioResult is { } s) Add("scenario", s);
        return [.. rows.OrderBy(r => r.Day).ThenBy(r => r.Forecast, StringComparer.Ordinal)];
    }

    private static List<RiskRow> Risks(MissionForecast f)
    {
        var rows = new List<RiskRow>();
        void Add(string forecast, ForecastResult result) => rows.AddRange(result.Categories.Where(c => c.Risk is not null)
            .Select(c => new RiskRow(c.Category.ToString(), forecast, c.Risk!.Minimum, c.Risk.ProbabilityBelowByEnd, c.Risk.MedianFirstBelowOn, c.Risk.MeanFirstBelowOn)));
        Add("baseline", f.Baseline);
        if (f.ScenarioResult is { } s) Add("scenario", s);
        return rows;
    }

    private static async Task<MissionForecast> WithProgressAsync(int total, Func<IProgress<int>, Task<MissionForecast>> run)
    {
        // On standard error, so that the table, CSV or JSON on standard output stays clean.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        MissionForecast? result = null;
        await console.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask("Forecast runs", maxValue: total);
            result = await run(new MaxProgress(task)).ConfigureAwait(false);
            task.Value = total;
        }).ConfigureAwait(false);
        return result!;
    }

    private static async Task WriteCsvAsync(string file, List<BandRow> rows)
    {
        var writer = new StreamWriter(file);
        await using (writer.ConfigureAwait(false))
        {
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteField("Day"); csv.WriteField("Category"); csv.WriteField("Forecast"); csv.WriteField("P10"); csv.WriteField("Median");
            csv.WriteField("P90"); csv.WriteField("Minimum"); csv.WriteField("ProbabilityBelow");
            await csv.NextRecordAsync().ConfigureAwait(false);
            foreach (var r in rows)
            {
                csv.WriteField(r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); csv.WriteField(r.Category); csv.WriteField(r.Forecast);
                csv.WriteField(r.P10); csv.WriteField(r.Median); csv.WriteField(r.P90);
                csv.WriteField(r.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(r.ProbabilityBelow?.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
                await csv.NextRecordAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Percent(double p) => (p * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    // The engine reports from several threads: keep the highest count seen.
    private sealed class MaxProgress(ProgressTask task) : IProgress<int>
    {
        private int _max;

        public void Report(int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref _max)))
            {
                if (Interlocked.CompareExchange(ref _max, value, seen) == seen)
                {
                    task.Value = value;
                    return;
                }
            }
        }
    }
}
