using System.Data.Common;
using Chancery.Core.States;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chancery.Core.Data;

/// <summary>Database engines Chancery runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file: one machine, nothing to install (the default).</summary>
    Sqlite,
    /// <summary>PostgreSQL: production, several web instances.</summary>
    Postgres,
}

/// <summary>Where the data lives, read from configuration (<c>Database:Provider</c>, <c>ConnectionStrings:Chancery</c>, <c>Database:SqlitePath</c>).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Migrations for SQLite.</summary>
    public const string SqliteMigrationsAssembly = "Chancery.Migrations.Sqlite";
    /// <summary>Migrations for PostgreSQL.</summary>
    public const string PostgresMigrationsAssembly = "Chancery.Migrations.Postgres";

    /// <summary>How long a start waits while another live process migrates a SQLite file (<c>Database:MigrationLockTimeoutSeconds</c>, 300 by default).</summary>
    public TimeSpan MigrationLockTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Reads the settings; SQLite at <c>data/chancery.db</c> under the working directory unless told otherwise.</summary>
    public static DatabaseSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider '{providerText}' is not known; use Sqlite or Postgres.");
        var connectionString = configuration.GetConnectionString("Chancery");
        var lockTimeout = TimeSpan.FromSeconds(configuration.GetValue("Database:MigrationLockTimeoutSeconds", 300));
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Chancery is empty; set it (e.g. environment variable ConnectionStrings__Chancery).");
            return new(provider, connectionString) { MigrationLockTimeout = lockTimeout };
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var path = Path.GetFullPath(configuration["Database:SqlitePath"] ?? Path.Combine("data", "chancery.db"));
            connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        }
        return new(provider, connectionString) { MigrationLockTimeout = lockTimeout };
    }

    /// <summary>Configures EF for this provider.</summary>
    public void Apply(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
                Directory.CreateDirectory(dir);
            builder.DefaultTimeout = 30;
            options.UseSqlite(builder.ToString(), o => o.MigrationsAssembly(SqliteMigrationsAssembly));
            options.AddInterceptors(SqlitePragmas.Instance);
        }
        if (MigrationHold.Enabled)
            options.AddInterceptors(new MigrationHold());
    }
}

/// <summary>
/// Per-connection SQLite settings: synchronous=FULL so an acknowledged write survives a power cut
/// in WAL mode (NORMAL may lose the last transactions), a busy timeout for other processes (CLI), and reads through
/// memory-mapped I/O (up to 1 GiB of the file): SQLite's own page cache is 2 MB per connection, so a large read (all
/// alerts of the 500 MB benchmark world) otherwise spends seconds in read() system calls.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var cmd = connection.CreateCommand();
        await using (cmd.ConfigureAwait(false))
        {
            cmd.CommandText = Pragmas;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Registration of the data layer and the Core services.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>Adds the DbContext for the configured provider, the write gate (group commit) and the Core services.</summary>
    public static IServiceCollection AddChanceryCore(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<WriteGate>();
        services.AddDbContext<ChanceryDbContext>((sp, options) => settings.Apply(options));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Common.DefaultAsOf(sp.GetRequiredService<TimeProvider>(), Common.DefaultAsOf.ParseSetting(configuration[Common.DefaultAsOf.SettingName])));
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<Missions.MissionService>();
        services.AddScoped<Missions.MissionRosterService>();
        services.AddScoped<People.PersonProfileService>();
        services.AddScoped<People.PersonService>();
        services.AddScoped<People.AssignmentService>();
        services.AddScoped<People.FamilyService>();
        services.AddScoped<Visas.VisaService>();
        services.AddScoped<Visas.VisaApplicationService>();
        services.AddSingleton(Visas.AlertSettings.From(configuration));
        services.AddScoped<Visas.AlertService>();
        services.AddScoped<Visas.VisaStatisticsService>();
        services.AddScoped<Policies.HostPolicyService>();
        services.AddScoped<Visas.TravelRiskService>();
        services.AddScoped<Posts.MissionStaffLoader>();
        services.AddScoped<Posts.PostService>();
        services.AddScoped<Posts.NominationService>();
        services.AddScoped<Posts.HeadcountService>();
        services.AddScoped<States.StateService>();
        services.AddScoped<Demo.DemoSeeder>();
        services.AddScoped<Audit.AuditService>();
        // Read on first use; the start-up reads it, so a missing or unusable key stops the start with the reason.
        services.AddSingleton(new Audit.AuditChainKeySource(() => Audit.AuditChainKey.Load(configuration, settings)));
        services.AddSingleton(sp => sp.GetRequiredService<Audit.AuditChainKeySource>().Key);
        services.AddSingleton(Audit.AuditAnchorFile.From(configuration, settings));
        services.AddScoped<Audit.AuditAnchoring>();
        services.AddScoped<Accounts.UserService>();
        services.AddMemoryCache();
        services.AddSingleton(new Accounts.SessionSettings(TimeSpan.FromSeconds(configuration.GetValue("Security:AccountCheckCacheSeconds", 30))));
        services.AddScoped<Accounts.SessionService>();
        services.AddScoped<Accounts.SignInAudit>();
        services.AddScoped<Visas.VisaTimelineService>();
        services.AddScoped<Accounts.ScopedData>();
        services.AddScoped<Accounts.AccessScopeOverride>();
        services.AddSingleton(Policies.CapSettings.Parse(configuration[Policies.CapSettings.SettingName]));
        services.AddScoped<Policies.StaffingCapService>();
        services.AddScoped<Departures.DepartureService>();
        services.AddScoped<Forecast.StaffingMinimumService>();
        services.AddScoped<Forecast.ForecastService>();
        services.AddScoped<Reciprocity.WorldParityService>();
        services.AddScoped<Reciprocity.ReciprocityService>();
        services.AddScoped<Reciprocity.ParityService>();
        services.AddScoped<Import.ImportService>();
        services.AddScoped<Import.ImportMappingService>();
        services.AddScoped<Import.OwnFormatExport>();
        services.AddScoped<Export.ListExportService>();
        services.AddSingleton(Calendar.CalendarSettings.Parse(configuration[Calendar.CalendarSettings.SettingName]));
        services.AddScoped<Calendar.CalendarFeedService>();
        services.AddScoped<Calendar.DeadlineService>();
        // Hosts must register Accounts.AccessScope (who may see what) and may register Audit.IAuditActor;
        // there is deliberately no default scope, so a host that forgets fails closed.
        return services;
    }
}

/// <summary>Brings a database to the current schema and loads reference data. Safe to run at every start.</summary>
public sealed class DatabaseInitializer(ChanceryDbContext db, DatabaseSettings settings, ILogger<DatabaseInitializer> logger, Audit.AuditChainKeySource? chainKey = null)
{
    /// <summary>
    /// Migrates (on SQLite first clearing a migration lock left by a dead process, see <see cref="SqliteMigrationLock"/>),
    /// checks that SQLite runs in WAL mode with synchronous=FULL, and adds any missing ISO states.
    /// </summary>
    /// <exception cref="DatabaseStartupException">The database cannot be used safely; the message says why.</exception>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        // Every change is audited: without the chain's key the app could not record one, so it does not start.
        _ = chainKey?.Key;
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await using (await SqliteMigrationLock.AcquireAsync(db, settings.ConnectionString, settings.MigrationLockTimeout, logger, ct).ConfigureAwait(false))
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct).ConfigureAwait(false);
                await MigrateIfBehindAsync(ct).ConfigureAwait(false);
            }
            await CheckSqliteDurabilityAsync(ct).ConfigureAwait(false);
        }
        else
        {
            await MigrateIfBehindAsync(ct).ConfigureAwait(false);
        }
        var known = await db.States.Select(s => s.Code).ToListAsync(ct).ConfigureAwait(false);
        var missing = StateCatalog.All.Where(s => !known.Contains(s.Code)).ToList();
        if (missing.Count > 0)
        {
            db.States.AddRange(missing.Select(s => new State
            {
                Code = s.Code,
                Alpha3 = s.Alpha3,
                Numeric = s.Numeric,
                Name = s.Name,
                OfficialName = s.OfficialName,
                NameFr = s.NameFr,
                NameRu = s.NameRu,
            }));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
    }

    // An up-to-date database is not touched, so a production role without DDL rights can start the app (see README).
    private async Task MigrateIfBehindAsync(CancellationToken ct)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct).ConfigureAwait(false)).Any())
            await db.Database.MigrateAsync(ct).ConfigureAwait(false);
    }

    // A write acknowledged to a user must survive a power cut: that takes WAL with synchronous=FULL (NORMAL may lose the
    // last transactions). Checked on a connection as the app opens them, so a setting lost on the way fails the start.
    private async Task CheckSqliteDurabilityAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var journal = await PragmaAsync(connection, "journal_mode", ct).ConfigureAwait(false);
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
                throw new DatabaseStartupException(
                    $"SQLite database {connection.DataSource} is in journal mode '{journal}', not WAL: Chancery needs a database file on a local " +
                    "file system that supports WAL (not in memory, not on a network share).");
            var synchronous = await PragmaAsync(connection, "synchronous", ct).ConfigureAwait(false);
            if (synchronous != "2")
                throw new DatabaseStartupException(
                    $"SQLite database {connection.DataSource} runs with synchronous={synchronous switch { "0" => "OFF", "1" => "NORMAL", "3" => "EXTRA", _ => synchronous }}, " +
                    "not FULL: acknowledged writes could be lost in a power cut. Remove whatever changes the PRAGMA after Chancery sets it.");
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task<string> PragmaAsync(DbConnection connection, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Whether the database answers (readiness probe).</summary>
    public Task<bool> CanConnectAsync(CancellationToken ct) => db.Database.CanConnectAsync(ct);

    /// <summary>Maps a provider's unique-constraint failure to true.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) =>
        ex?.InnerException switch
        {
            SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.Ordinal),
            PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
}
