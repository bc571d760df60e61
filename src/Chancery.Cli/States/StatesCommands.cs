using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Cli.Output;
using Chancery.Core.States;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.States;

/// <summary>`chancery states ...`.</summary>
internal static class StatesCommands
{
    public static Command Create()
    {
        var format = Rows.FormatOption();
        var list = new Command("list", "List the ISO 3166-1 states.") { format };
        list.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var states = services.GetRequiredService<StateService>();
            var rows = await Rows.AllAsync(page => states.ListAsync(null, page, ct)).ConfigureAwait(false);
            Rows.Write(Rows.Format(parsed, format), rows,
                new Column<StateDto>("Code", s => s.Code),
                new Column<StateDto>("Alpha3", s => s.Alpha3),
                new Column<StateDto>("Name", s => s.Name),
                new Column<StateDto>("French", s => s.NameFr),
                new Column<StateDto>("Russian", s => s.NameRu));
        });
        return new Command("states", "ISO 3166-1 states.") { list };
    }
}
