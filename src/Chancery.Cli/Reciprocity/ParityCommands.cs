using System.CommandLine;
using Chancery.Cli.Output;
using Chancery.Core.Reciprocity;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Reciprocity;

/// <summary>`chancery parity show|timeline` and `chancery measures list`.</summary>
internal static class ParityCommands
{
    /// <summary>One line of the side-by-side comparison.</summary>
    private sealed record ParityRow(string Item, string AInB, string BInA, string Gap);

    /// <summary>The `parity` command with its subcommands; more can be added to it.</summary>
    public static Command Create(params Command[] more)
    {
        var parity = new Command("parity", "The parity between two states: side by side, and over time.") { Show(), Timeline() };
        foreach (var command in more) parity.Subcommands.Add(command);
        return parity;
    }

    private static Command Show()
    {
        var (a, b) = PairOptions();
        var asOf = StrictOptions.Date("--as-of", "Date of the view (default: today, or the pinned as-of date)");
        var years = new Option<int?>("--years") { Description = $"Measures of the last N years (default {ParityRules.DefaultYears})." };
        var summary = new Option<bool>("--summary") { Description = "Print the summary sentences instead of the table." };
        var show = new Command("show", "A's missions in B against B's missions in A on a date, with the gaps (A minus B).") { a, b, asOf, years, summary };
        show.SetReportAction(async (parsed, services, printer, ct) =>
        {
            var p = await services.GetRequiredService<ParityService>().GetAsync(parsed.GetValue(a), parsed.GetValue(b), parsed.GetDate(asOf), parsed.GetValue(years), ct).ConfigureAwait(false);
            if (parsed.GetValue(summary))
            {
                printer.Print(p.Summary, new Column<string>("Summary", s => s));
                return;
            }
            printer.Print(Rows(p), new Column<ParityRow>("Item", r => r.Item), new Column<ParityRow>($"{p.A} in {p.B}", r => r.AInB),
                new Column<ParityRow>($"{p.B} in {p.A}", r => r.BInA), new Column<ParityRow>("Gap", r => r.Gap));
        });
        return show;
    }

    private static Command Timeline()
    {
        var (a, b) = PairOptions();
        var from = StrictOptions.Date("--from", "First day (default: a year before --to)");
        var to = StrictOptions.Date("--to", "Last day (default: today, or the pinned as-of date; at most five years after --from)");
        var timeline = new Command("timeline", "Both sides' members over time (daily, or weekly over more than 400 days), and the chains of measures and responses.") { a, b, from, to };
        timeline.SetReportAction(async (parsed, services, printer, ct) =>
        {
            var t = await services.GetRequiredService<ParityService>().TimelineAsync(parsed.GetValue(a), parsed.GetValue(b), parsed.GetDate(from), parsed.GetDate(to), ct).ConfigureAwait(false);
            printer.Print(t.Points,
                new Column<ParityPoint>("Day", p => p.On),
                new Column<ParityPoint>($"{t.A} in {t.B}", p => p.AInB),
                new Column<ParityPoint>($"{t.B} in {t.A}", p => p.BInA),
                new Column<ParityPoint>($"Diplomats {t.A} in {t.B}", p => p.DiplomatsAInB),
                new Column<ParityPoint>($"Diplomats {t.B} in {t.A}", p => p.DiplomatsBInA));
        });
        return timeline;
    }

    /// <summary>`chancery measures list`.</summary>
    public static Command Measures()
    {
        var a = new Option<string?>("--a") { Description = "With --b: measures between two states, either way (ISO codes)." };
        var b = new Option<string?>("--b") { Description = "With --a: the other state of the pair." };
        var state = new Option<string?>("--state") { Description = "Measures one state took or suffered (ISO code)." };
        var kind = StrictOptions.Enum<ReciprocalMeasureKind>("--kind", "Only measures of this kind");
        var list = new Command("list", "The reciprocity ledger, latest announcement first.") { a, b, state, kind };
        list.SetListAction(
            (parsed, services, page, ct) => services.GetRequiredService<ReciprocityService>().ListAsync(
                new ReciprocalMeasureQuery(parsed.GetValue(a), parsed.GetValue(b), Kind: parsed.GetEnum<ReciprocalMeasureKind>(kind), State: parsed.GetValue(state)), page, ct),
            new Column<ReciprocalMeasureDto>("Id", m => m.Id),
            new Column<ReciprocalMeasureDto>("Announced", m => m.AnnouncedOn),
            new Column<ReciprocalMeasureDto>("InForce", m => m.InForceFrom),
            new Column<ReciprocalMeasureDto>("Ended", m => m.EndedOn),
            new Column<ReciprocalMeasureDto>("Acting", m => m.ActingStateCode),
            new Column<ReciprocalMeasureDto>("Target", m => m.TargetStateCode),
            new Column<ReciprocalMeasureDto>("Kind", m => m.Kind),
            new Column<ReciprocalMeasureDto>("Magnitude", m => m.Magnitude),
            new Column<ReciprocalMeasureDto>("Measure", m => m.Description),
            new Column<ReciprocalMeasureDto>("InResponseTo", m => m.InResponseToId));
        return new Command("measures", "Reciprocal measures between states.") { list };
    }

    private static (Option<string?> A, Option<string?> B) PairOptions() =>
        (new Option<string?>("--a") { Description = "State A (ISO code, e.g. US).", Required = true },
         new Option<string?>("--b") { Description = "State B (ISO code, e.g. RU).", Required = true });

    private static List<ParityRow> Rows(Parity p)
    {
        var (a, b, g) = (p.AInB, p.BInA, p.Gaps);
        static string N(int? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var rows = new List<ParityRow>
        {
            new("Missions", N(a.Missions), N(b.Missions), N(g.Missions)),
            new("Diplomats now", N(a.DiplomaticAgents.Now), N(b.DiplomaticAgents.Now), N(g.DiplomaticAgents.Now)),
            new("Diplomats after pending orders", N(a.DiplomaticAgents.After), N(b.DiplomaticAgents.After), N(g.DiplomaticAgents.After)),
            new("Members now", N(a.Members.Now), N(b.Members.Now), N(g.Members.Now)),
            new("Members after pending orders", N(a.Members.After), N(b.Members.After), N(g.Members.After)),
        };
        rows.AddRange(a.Categories.Zip(b.Categories, g.Categories).Select(x =>
            new ParityRow($"{x.First.Category} now", N(x.First.Count.Now), N(x.Second.Count.Now), N(x.Third.Gap.Now))));
        rows.AddRange([
            new("Family now", N(a.Family.Now), N(b.Family.Now), N(g.Family.Now)),
            new("Family after pending orders", N(a.Family.After), N(b.Family.After), N(g.Family.After)),
            new("Caps in force", N(a.Caps.Count), N(b.Caps.Count), N(g.Caps)),
            new("Visa decisions in the year", N(a.Visas.Decided), N(b.Visas.Decided), ""),
            new("Median visa days", N(a.Visas.MedianDays), N(b.Visas.MedianDays), N(g.MedianVisaDays)),
            new("P90 visa days", N(a.Visas.P90Days), N(b.Visas.P90Days), ""),
            new("Visa applications pending", N(a.Visas.Pending), N(b.Visas.Pending), N(g.PendingVisas)),
            new($"Measures suffered in {p.Years} years", N(a.Measures.Count), N(b.Measures.Count), N(g.Measures)),
        ]);
        return rows;
    }
}
