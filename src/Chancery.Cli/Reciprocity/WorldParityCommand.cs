using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Cli.Output;
using Chancery.Core.Reciprocity;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Reciprocity;

/// <summary>`chancery parity world`: one state against every counterpart, largest parity gap first.</summary>
internal static class WorldParityCommand
{
    public static Command Create()
    {
        var state = new Option<string>("--state") { Description = "The state viewed, by ISO 3166-1 alpha-2 code (e.g. DE).", Required = true };
        var asOf = StrictOptions.Date("--as-of", "Date of the counts; the default as-of date when absent");
        var format = Rows.FormatOption();
        var command = new Command("world",
            "For one state, every counterpart with missions either way: missions, members, diplomatic staff and family each way, and the gap, largest first.")
        {
            state, asOf, format,
        };
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var view = await services.GetRequiredService<WorldParityService>().GetAsync(parsed.GetValue(state), parsed.GetDate(asOf), null, ct).ConfigureAwait(false);
            var output = Enum.Parse<OutputFormat>(parsed.GetValue(format) ?? "table", ignoreCase: true);
            if (output == OutputFormat.Json)
            {
                Rows.WriteJson(view);
                return;
            }
            var s = view.State;
            Rows.Write(output, view.Counterparts,
                new Column<WorldParityRow>("Counterpart", r => r.CounterpartCode),
                new Column<WorldParityRow>("Name", r => r.CounterpartName),
                new Column<WorldParityRow>($"Missions {s} there", r => r.Abroad.Missions),
                new Column<WorldParityRow>($"Missions in {s}", r => r.AtHome.Missions),
                new Column<WorldParityRow>($"Members {s} there", r => r.Abroad.Members),
                new Column<WorldParityRow>($"Members in {s}", r => r.AtHome.Members),
                new Column<WorldParityRow>($"Diplomatic {s} there", r => r.Abroad.Diplomatic),
                new Column<WorldParityRow>($"Diplomatic in {s}", r => r.AtHome.Diplomatic),
                new Column<WorldParityRow>($"Family {s} there", r => r.Abroad.Family),
                new Column<WorldParityRow>($"Family in {s}", r => r.AtHome.Family),
                new Column<WorldParityRow>("Gap", r => r.Gap),
                new Column<WorldParityRow>("Summary", r => r.Summary));
            // CSV stays one table for other programs; people reading a table get the sentence.
            if (output != OutputFormat.Table) return;
            var t = view.Totals;
            Console.Out.WriteLine(
                $"On {view.AsOf:yyyy-MM-dd}, {view.StateName} holds {t.Abroad.Members} members at {t.Abroad.Missions} missions in {t.Counterparts} states; " +
                $"they hold {t.AtHome.Members} members at {t.AtHome.Missions} missions in {view.StateName}.");
        });
        return command;
    }
}
