using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Cli.Output;
using Chancery.Core.Common;
using Chancery.Core.Departures;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Departures;

/// <summary>`chancery departures ...`.</summary>
internal static class DeparturesCommands
{
    public static Command Create()
    {
        var mission = new Option<Guid?>("--mission") { Description = "Only orders to this mission (its id)." };
        var receiving = new Option<string?>("--receiving") { Description = "Only orders of this receiving state (ISO code, e.g. US)." };
        var listAsOf = AsOfOption();
        var list = new Command("list", "List departure orders with their progress on a date.") { mission, receiving, listAsOf };
        list.SetListAction(
            (parsed, services, page, ct) => services.GetRequiredService<DepartureService>().ListAsync(
                new DepartureOrderQuery(parsed.GetValue(mission), ReceivingState: parsed.GetValue(receiving), AsOf: parsed.GetValue(listAsOf)), page, ct),
            new Column<DepartureOrderSummaryDto>("Id", o => o.Id),
            new Column<DepartureOrderSummaryDto>("Mission", o => o.MissionLabel),
            new Column<DepartureOrderSummaryDto>("Kind", o => o.Kind),
            new Column<DepartureOrderSummaryDto>("Issued", o => o.IssuedOn),
            new Column<DepartureOrderSummaryDto>("Leave by", o => o.LeaveBy),
            new Column<DepartureOrderSummaryDto>("Named", o => o.Counts.Total),
            new Column<DepartureOrderSummaryDto>("Pending", o => o.Counts.Pending),
            new Column<DepartureOrderSummaryDto>("Overstayed", o => o.Counts.Overstayed),
            new Column<DepartureOrderSummaryDto>("Departed", o => o.Counts.Departed),
            new Column<DepartureOrderSummaryDto>("Rescinded", o => o.Counts.Rescinded));

        var id = new Argument<Guid>("order") { Description = "The order's id (see `departures list`)." };
        var showAsOf = AsOfOption();
        var show = new Command("show", "The persons an order names and where each stands on a date.") { id, showAsOf };
        show.SetListAction(
            async (parsed, services, page, ct) =>
            {
                var order = await services.GetRequiredService<DepartureService>().GetAsync(parsed.GetValue(id), parsed.GetValue(showAsOf), ct).ConfigureAwait(false);
                return new Page<DepartureOrderPersonDto>(order.Persons, order.Persons.Count, 1, Math.Max(1, order.Persons.Count));
            },
            new Column<DepartureOrderPersonDto>("Person", p => p.PersonId),
            new Column<DepartureOrderPersonDto>("Name", p => p.PersonName),
            new Column<DepartureOrderPersonDto>("Title", p => p.Title),
            new Column<DepartureOrderPersonDto>("Family", p => p.FamilyCount),
            new Column<DepartureOrderPersonDto>("Family leaves", p => p.FamilyLeaves ? "yes" : "no"),
            new Column<DepartureOrderPersonDto>("Status", p => p.StatusOn),
            new Column<DepartureOrderPersonDto>("Departed on", p => p.DepartedOn));

        var orderId = new Argument<Guid>("order") { Description = "The order's id." };
        var on = new Option<DateOnly>("--on") { Description = "Day they left (yyyy-mm-dd).", Required = true };
        var persons = new Option<Guid[]>("--person") { Description = "A person named in the order who left; repeat for each.", Required = true, AllowMultipleArgumentsPerToken = true };
        var record = new Command("record", "Record that persons named in an order left on a day (ends their assignments and households).") { orderId, on, persons };
        record.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var order = await services.GetRequiredService<DepartureService>()
                .RecordDeparturesAsync(parsed.GetValue(orderId), new DeparturesInput(parsed.GetValue(on), parsed.GetValue(persons)), ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Recorded. As of {order.AsOf:yyyy-MM-dd}: {order.Counts.Pending} pending, {order.Counts.Overstayed} overstayed, {order.Counts.Departed} departed, {order.Counts.Rescinded} rescinded.").ConfigureAwait(false);
        });

        return new Command("departures", "Receiving states' departure orders to missions.") { list, show, record };
    }

    private static Option<DateOnly?> AsOfOption() => new("--as-of") { Description = "Date of the view (yyyy-mm-dd); default today." };
}
