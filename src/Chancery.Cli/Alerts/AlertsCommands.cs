using System.CommandLine;
using Chancery.Cli.Output;
using Chancery.Core.Visas;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Alerts;

/// <summary>`chancery alerts ...`.</summary>
internal static class AlertsCommands
{
    public static Command Create()
    {
        var asOf = StrictOptions.Date("--as-of", "The date to compute the alerts for; the default as-of date when absent");
        var mission = new Option<Guid?>("--mission") { Description = "Only the alerts of this mission (its id)." };
        var kind = StrictOptions.Enum<AlertKind>("--kind", "Only alerts of this kind");
        var severity = StrictOptions.Enum<AlertSeverity>("--severity", "Only alerts of this severity");
        var list = new Command("list", "Who must act, by when: alerts on a date, most urgent first.") { asOf, mission, kind, severity };
        list.SetRowsAction(
            async (parsed, services, ct) => (await services.GetRequiredService<AlertService>().ListAsync(
                new AlertQuery(parsed.GetDate(asOf), parsed.GetValue(mission), parsed.GetEnum<AlertKind>(kind), parsed.GetEnum<AlertSeverity>(severity)), ct)
                .ConfigureAwait(false)).Alerts,
            new Column<Alert>("Severity", a => a.Severity),
            new Column<Alert>("Due", a => a.Due),
            new Column<Alert>("Kind", a => a.Kind),
            new Column<Alert>("Person", a => a.PersonName),
            new Column<Alert>("Role", a => a.Role),
            new Column<Alert>("Mission", a => a.MissionLabel),
            new Column<Alert>("What to do", a => a.Message),
            new Column<Alert>("PersonId", a => a.PersonId),
            new Column<Alert>("MissionId", a => a.MissionId));
        return new Command("alerts", "Alerts: expiring visas, late renewals, overstays, slow applications.") { list };
    }
}
