using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Core.Data;
using Chancery.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Demo;

/// <summary>`chancery demo ...`: the reference scenario's invented data.</summary>
internal static class DemoCommands
{
    public static Command Create()
    {
        var seed = new Command("seed", "Migrate the database, then load the demo data set (invented people).");
        seed.SetServiceAction(async (_, services, ct) =>
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct).ConfigureAwait(false);
            await services.GetRequiredService<DemoSeeder>().SeedAsync(ct).ConfigureAwait(false);
            Console.Out.WriteLine("Demo data loaded.");
        });
        return new Command("demo", "Demo data.") { seed };
    }
}
