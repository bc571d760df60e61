using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chancery.Core.Tests.Invariants;

/// <summary>The SQLite file's durability settings, and writers from many requests at once.</summary>
public sealed class SqliteStorageTests(SqliteTestDatabase db) : IClassFixture<SqliteTestDatabase>
{
    private static async Task<string> PragmaAsync(ChanceryDbContext context, string name)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task DatabaseRunsInWalModeAndAcknowledgedWritesAreSyncedInFull()
    {
        var journal = await db.Read(d => PragmaAsync(d, "journal_mode"));
        var synchronous = await db.Read(d => PragmaAsync(d, "synchronous"));

        Assert.Equal("wal", journal);
        Assert.Equal("2", synchronous); // 2 = FULL: a write acknowledged to the user survives a power cut.
    }

    [Fact]
    public async Task FortyConcurrentWritersAllSucceedWithoutBusyErrors()
    {
        var cities = Enumerable.Range(0, 40).Select(i => $"Concurrent {A.Unique()} {i}").ToList();

        await Task.WhenAll(cities.Select(city => Task.Run(() => db.CreateMissionAsync(A.Mission() with { City = city }))));

        Assert.Equal(40, await db.Read(d => d.Missions.CountAsync(m => cities.Contains(m.City))));
        Assert.True((await db.With<Audit.AuditService, Audit.AuditVerification>(s => s.VerifyAsync(default))).Intact);
    }

    [Fact]
    public async Task StartFailsWithTheReasonWhenSqliteCannotRunInWalMode()
    {
        var error = await Assert.ThrowsAsync<DatabaseStartupException>(() => InitializeAsync("Data Source=:memory:"));

        Assert.Contains("journal mode 'memory', not WAL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartFailsWithTheReasonWhenSomethingLowersSynchronousBelowFull()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chancery-test-{Guid.NewGuid():N}.db");
        try
        {
            var error = await Assert.ThrowsAsync<DatabaseStartupException>(() => InitializeAsync($"Data Source={path}", new SynchronousNormal()));

            Assert.Contains("synchronous=NORMAL, not FULL", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
                File.Delete(file);
        }
    }

    private static async Task InitializeAsync(string connectionString, params IInterceptor[] extra)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, connectionString);
        var options = new DbContextOptionsBuilder<ChanceryDbContext>();
        settings.Apply(options);
        options.AddInterceptors(extra);
        await using var context = new ChanceryDbContext(options.Options);
        await new DatabaseInitializer(context, settings, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
    }

    /// <summary>Lowers durability after Chancery's own settings, as a stray connection option or extension could.</summary>
    private sealed class SynchronousNormal : DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
