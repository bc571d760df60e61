using System.CommandLine;
using System.Data.Common;
using Chancery.Core.Accounts;
using Chancery.Core.Audit;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chancery.Cli.Hosting;

/// <summary>
/// The pieces every command shares: the global database options, the configuration (same sources
/// as the web app), the Core services, and the rule that a failure is one line on stderr and a
/// non-zero exit code, never a stack trace.
/// </summary>
internal static class CliHost
{
    /// <summary>Exit code for a failure while running a command.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    public static readonly Option<string?> DatabaseProvider = new("--database-provider")
    {
        Description = "Sqlite or Postgres (overrides Database:Provider from appsettings.json and Database__Provider).",
        Recursive = true,
    };

    public static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "Connection string (overrides ConnectionStrings:Chancery and ConnectionStrings__Chancery).",
        Recursive = true,
    };

    public static RootCommand CreateRootCommand(params Command[] commands)
    {
        var root = new RootCommand("Chancery: the record of diplomatic missions, their staff, families and visas.");
        root.Options.Add(DatabaseProvider);
        root.Options.Add(ConnectionString);
        foreach (var command in commands) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs; parse errors become one line on stderr and exit code 2.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync("chancery: " + OneLine(string.Join(" ", parsed.Errors.Select(e => e.Message)))
                + " (see --help)").ConfigureAwait(false);
            return UsageError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets <paramref name="command"/>'s action: builds the services from configuration, runs
    /// <paramref name="work"/> in a scope, and turns known failures into one line on stderr.
    /// </summary>
    public static void SetServiceAction(this Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task> work) =>
        command.SetAction((parseResult, ct) => RunServicesAsync(parseResult, (services, token) => work(parseResult, services, token), ct));

    /// <summary>Builds the services, runs <paramref name="work"/> in a scope; 0 on success, else one line on stderr and <see cref="Failed"/>.</summary>
    public static async Task<int> RunServicesAsync(ParseResult parseResult, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await using var provider = BuildServices(parseResult);
            await using var scope = provider.CreateAsyncScope();
            await work(scope.ServiceProvider, ct).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync("chancery: " + OneLine(Describe(ex))).ConfigureAwait(false);
            return Failed;
        }
    }

    /// <summary>Fails with a hint when the database schema is behind the code (read commands do not migrate on their own).</summary>
    public static async Task RequireMigratedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<ChanceryDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)).Count();
        if (pending > 0)
            throw new CliException($"the database is not migrated ({pending} pending migration(s)); run `chancery db migrate` first.");
    }

    private static ServiceProvider BuildServices(ParseResult parseResult)
    {
        var overrides = new Dictionary<string, string?>();
        if (parseResult.GetValue(DatabaseProvider) is { Length: > 0 } provider) overrides["Database:Provider"] = provider;
        if (parseResult.GetValue(ConnectionString) is { Length: > 0 } connection) overrides["ConnectionStrings:Chancery"] = connection;
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection().AddLogging(b => b.ClearProviders().AddProvider(new StderrLoggerProvider())).AddChanceryCore(configuration);
        services.AddChanceryIdentityCore();
        // The command line acts as the system: it sees every record, and the audit trail names the operating-system user.
        services.AddSingleton(AccessScope.System);
        services.AddScoped<IAuditActor>(_ => new FixedActor("cli:" + Environment.UserName));
        return services.BuildServiceProvider();
    }

    private static string Describe(Exception ex) => ex switch
    {
        ValidationFailedException v => string.Join("; ", v.Errors.SelectMany(e => e.Value)),
        NotFoundException or ConflictException or CliException => ex.Message,
        OperationCanceledException => "cancelled.",
        DbUpdateException { InnerException: { } inner } => "the database rejected the change: " + inner.Message,
        DbException db => "database error: " + db.Message,
        // Configuration problems (unknown provider, missing connection string) and unreachable servers surface here.
        InvalidOperationException { InnerException: DbException db } => "database error: " + db.Message,
        InvalidOperationException or ArgumentException or FormatException or IOException or UnauthorizedAccessException => ex.Message,
        // Anything else is a defect, still reported as one line: the type says where to look.
        _ => $"unexpected {ex.GetType().Name}: {ex.Message}",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace("\t", " ", StringComparison.Ordinal).Trim();
}

/// <summary>A failure the CLI reports as is.</summary>
internal sealed class CliException(string message) : Exception(message);
