using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
}
