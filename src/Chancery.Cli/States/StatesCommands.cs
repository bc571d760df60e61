using System.CommandLine;
using Chancery.Cli.Output;
using Chancery.Core.States;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.States;

/// <summary>`chancery states ...`.</summary>
internal static class StatesCommands
{
    public static Command Create()
    {
        var list = new Command("list", "List the ISO 3166-1 states.");
        list.SetListAction(
            (_, services, page, ct) => services.GetRequiredService<StateService>().ListAsync(null, page, ct),
            new Column<StateDto>("Code", s => s.Code),
            new Column<StateDto>("Alpha3", s => s.Alpha3),
            new Column<StateDto>("Name", s => s.Name),
            new Column<StateDto>("French", s => s.NameFr),
            new Column<StateDto>("Russian", s => s.NameRu));
        return new Command("states", "ISO 3166-1 states.") { list };
    }
}
