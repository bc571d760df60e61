using Microsoft.Data.Sqlite;

namespace Chancery.Core.Tests.Cli;

/// <summary>
/// `chancery db migrate` killed in the middle of migrating, as a power cut or an impatient operator would: the next
/// start must clear the lock the dead process left and finish. The kill lands at a known point: the test hook
/// CHANCERY_TEST_HOLD_MIGRATION makes the process wait once the first migration has committed, with EF Core's
/// migration lock held and the other migrations pending.
/// </summary>
public sealed class MigrationLockCliTests : IDisposable
{
    private const string Hold = "CHANCERY_TEST_HOLD_MIGRATION";
    private const string Holding = "chancery: holding the migration lock after the first migration";
    private readonly ChanceryProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task MigrateKilledMidwayLeavesALockThatTheNextStartClearsAndFinishes()
    {
        var killed = await KillMidMigrationAsync();

        var next = await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((1L, true), killed);
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.Contains("Cleared a migration lock taken at", next.Stderr, StringComparison.Ordinal);
        Assert.Contains("is up to date", next.Stdout, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
        var states = await _cli.RunAsync("states", "list", "-f", "csv", "--connection-string", _cli.SqliteConnection);
        Assert.Contains("\nFR,FRA,France,", states.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockOfALiveMigrationIsNotTakenAwayAndTheWaitEndsWithAReason()
    {
        _cli.Environment[Hold] = "1";
        using var holder = await _cli.StartUntilAsync(Holding, "db", "migrate", "--connection-string", _cli.SqliteConnection);
        _cli.Environment.Remove(Hold);
        _cli.Environment["Database__MigrationLockTimeoutSeconds"] = "1";
        try
        {
            var second = await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection);

            Assert.Equal(1, second.ExitCode);
            Assert.Contains("Another process has been migrating", second.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Cleared", second.Stderr, StringComparison.Ordinal);
            Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }
    }

    /// <summary>Starts a migration, kills it once the hook holds; returns the lock rows and whether migrations were left pending.</summary>
    private async Task<(long LockRows, bool Pending)> KillMidMigrationAsync()
    {
        _cli.Environment[Hold] = "1";
        using (var first = await _cli.StartUntilAsync(Holding, "db", "migrate", "--connection-string", _cli.SqliteConnection))
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        _cli.Environment.Remove(Hold);
        var applied = Scalar("SELECT COUNT(*) FROM \"__EFMigrationsHistory\"");
        var all = typeof(Chancery.Migrations.Sqlite.DesignTimeFactory).Assembly.GetTypes()
            .Count(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0);
        return (Scalar("SELECT COUNT(*) FROM \"__EFMigrationsLock\""), applied >= 1 && applied < all);
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(_cli.SqliteConnection + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
