using System.CommandLine;
using System.Globalization;
using Chancery.Cli.Output;
using Chancery.Core.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Posts;

/// <summary>`chancery headcount ...` and `chancery vacancies ...`.</summary>
internal static class PostsCommands
{
    /// <summary>One row of a headcount: a category, the families or the private servants.</summary>
    private sealed record CountRow(string Group, HeadcountCount Count);

    public static Command Headcount()
    {
        var mission = MissionOption();
        var on = DateOption("--on", "Date of the headcount, yyyy-mm-dd (default: today, or the pinned as-of date).");
        var from = DateOption("--from", "With --to: print the daily headcount from this date, yyyy-mm-dd.");
        var to = DateOption("--to", "With --from: last day of the daily headcount (at most five years after --from).");
        var headcount = new Command("headcount", "A mission's headcount on a date, by staff category with its reasons, or its daily timeline with --from and --to.") { mission, on, from, to };
        headcount.Validators.Add(result =>
        {
            if ((result.GetResult(from) is null) != (result.GetResult(to) is null))
                result.AddError("--from and --to go together: give both for a timeline, or neither for one date.");
        });
        headcount.SetReportAction(async (parsed, services, printer, ct) =>
        {
            var headcounts = services.GetRequiredService<HeadcountService>();
            if (parsed.GetValue(from) is { } f)
            {
                var timeline = await headcounts.TimelineAsync(parsed.GetValue(mission), Date(f, "--from"), Date(parsed.GetValue(to), "--to"), ct).ConfigureAwait(false);
                printer.Print(timeline.Days,
                    new Column<HeadcountPoint>("Day", d => d.On), new Column<HeadcountPoint>("Members", d => d.Members),
                    new Column<HeadcountPoint>("Family", d => d.Family), new Column<HeadcountPoint>("PrivateServants", d => d.PrivateServants));
                return;
            }
            var h = (await headcounts.OnAsync(parsed.GetValue(mission), Date(parsed.GetValue(on), "--on"), ct).ConfigureAwait(false)).Headcount;
            printer.Print<CountRow>([.. h.Categories.Select(c => new CountRow(c.Category.ToString(), c.Count)),
                new CountRow("Members", h.Members), new CountRow("Family", h.Family), new CountRow("PrivateServants", h.PrivateServants)],
                new Column<CountRow>("Group", r => r.Group), new Column<CountRow>("Present", r => r.Count.Present),
                new Column<CountRow>("OrderedOut", r => r.Count.OrderedOut), new Column<CountRow>("VisaLapsed", r => r.Count.VisaLapsed),
                new Column<CountRow>("Arriving", r => r.Count.Arriving), new Column<CountRow>("Count", r => r.Count.Count),
                new Column<CountRow>("Explanation", r => r.Count.Explanation));
        });
        return headcount;
    }

    public static Command Vacancies()
    {
        var mission = MissionOption();
        var on = DateOption("--on", "Date of the report, yyyy-mm-dd (default: today, or the pinned as-of date).");
        var within = new Option<int?>("--within") { Description = $"Also posts to be vacant within this many days (0 to {VacancyRules.MaxWithinDays}; default {VacancyRules.DefaultWithinDays})." };
        var vacancies = new Command("vacancies", "Posts of a mission vacant on a date or about to be, with their replacement status.") { mission, on, within };
        vacancies.SetReportAction(async (parsed, services, printer, ct) => printer.Print(
            (await services.GetRequiredService<HeadcountService>().VacanciesAsync(parsed.GetValue(mission), Date(parsed.GetValue(on), "--on"), parsed.GetValue(within), ct).ConfigureAwait(false)).Vacancies,
            new Column<Vacancy>("Post", v => v.Title),
            new Column<Vacancy>("Category", v => v.Category),
            new Column<Vacancy>("Vacant", v => v.Vacant ? "vacant" : "about to be"),
            new Column<Vacancy>("From", v => v.VacantFrom),
            new Column<Vacancy>("Reason", v => v.Reason),
            new Column<Vacancy>("Holder", v => v.HolderName),
            new Column<Vacancy>("Nominee", v => v.Nominee?.NomineeName),
            new Column<Vacancy>("Replacement", v => v.Replacement)));
        return vacancies;
    }

    private static Option<Guid> MissionOption() => new("--mission") { Description = "The mission's id (see `chancery missions list`).", Required = true };

    private static Option<string?> DateOption(string name, string description) => new(name) { Description = description };

    private static DateOnly? Date(string? text, string option)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new Core.Common.ValidationFailedException(new Dictionary<string, string[]> { [option] = [$"{option} '{text}' is not a date; write it as yyyy-mm-dd, e.g. 2021-09-03."] });
    }
}
