using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Chancery.Core.Tests.Infrastructure;

/// <summary>
/// A real, migrated database for one test class, wired exactly as the hosts wire it (AddChanceryCore),
/// with a fake clock. Each operation of a test runs in its own scope, so nothing is served from a
/// previous operation's change tracker.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>"Today" for the services: 2025-06-15, noon UTC.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Provider name, for messages.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>A new scope; resolve services from it.</summary>
    public AsyncServiceScope Scope() =>
        (_services ?? throw new InvalidOperationException("The test database is not initialised.")).CreateAsyncScope();

    /// <summary>Runs <paramref name="work"/> against a service from a fresh scope.</summary>
    public async Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs <paramref name="work"/> against a service from a fresh scope, as a caller with <paramref name="scope"/>.</summary>
    public async Task<TResult> As<TService, TResult>(AccessScope scope, Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var serviceScope = Scope();
        serviceScope.ServiceProvider.GetRequiredService<AccessScopeOverride>().Scope = scope;
        return await work(serviceScope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Reads the database directly, in a fresh scope (to check what was, or was not, written).</summary>
    public Task<TResult> Read<TResult>(Func<ChanceryDbContext, Task<TResult>> query) => With(query);

    /// <summary>
    /// Work done on the migrated database before the app's start-up (e.g. rows as an earlier version wrote them); set it
    /// before <see cref="InitializeAsync"/>.
    /// </summary>
    public Func<ChanceryDbContext, Task>? BeforeStart { get; set; }

    /// <summary>Creates the database and returns the configuration that points at it.</summary>
    protected abstract Task<Dictionary<string, string?>> CreateAsync();

    /// <summary>Removes the database.</summary>
    protected abstract Task DropAsync();

    /// <summary>The configuration the services were built from.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>The connection string of this database.</summary>
    public string ConnectionString => Settings["ConnectionStrings:Chancery"]!;

    public async Task InitializeAsync()
    {
        Settings = await CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection().AddLogging().AddChanceryCore(configuration);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddChanceryIdentityCore();
        // The services run as the system unless a test states another caller's scope (see As).
        services.AddScoped(sp => sp.GetRequiredService<AccessScopeOverride>().Scope ?? AccessScope.System);
        _services = services.BuildServiceProvider();
        await using var scope = Scope();
        if (BeforeStart is { } before)
        {
            var context = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            await context.Database.MigrateAsync();
            await before(context);
        }
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await DropAsync();
    }
}

/// <summary>A SQLite file in the temp directory, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"chancery-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<Dictionary<string, string?>> CreateAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Chancery"] = new SqliteConnectionStringBuilder { DataSource = _path }.ToString(),
    });

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        // The file, its WAL and shared memory, and the files the app keeps beside it (migration lock, audit key and anchors).
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A uniquely named database on the PostgreSQL server named by CHANCERY_TEST_POSTGRES, dropped afterwards.
/// Without that variable the tests fail (they are never skipped): scripts/test starts a server and sets it.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "CHANCERY_TEST_POSTGRES";
    private readonly string _name = $"chancery_test_{Guid.NewGuid():N}";
    private string? _server;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<Dictionary<string, string?>> CreateAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run. Run scripts/test (it starts PostgreSQL and sets it), " +
                $"or set {Variable} to a server connection string such as \"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\".");
        await ExecuteAsync($"CREATE DATABASE \"{_name}\"");
        return new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Chancery"] = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString(),
            // PostgreSQL has no file to keep the key and anchors beside: the settings name them, as in production.
            ["Audit:ChainKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Audit:AnchorFile"] = AnchorFile,
        };
    }

    /// <summary>This database's anchor file, in the temp directory.</summary>
    public string AnchorFile => Path.Combine(Path.GetTempPath(), $"{_name}.audit-anchors");

    protected override async Task DropAsync()
    {
        File.Delete(AnchorFile);
        if (_server is null) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
