using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Database;

/// <summary>`chancery db ...`: schema and reference data.</summary>
internal static class DbCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Bring the database to the current schema and load the ISO state list (safe to repeat).");
        migrate.SetServiceAction(async (_, services, ct) =>
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct).ConfigureAwait(false);
            var settings = services.GetRequiredService<DatabaseSettings>();
            Console.Out.WriteLine($"Database ({settings.Provider}) is up to date.");
        });
        return new Command("db", "Database maintenance.") { migrate };
    }
}
