using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chancery.Core.Data;

/// <summary>
/// A test hook, active only when the environment variable <see cref="Variable"/> is <c>1</c>: once the first migration
/// has committed (EF Core's migration lock is held and more migrations are pending), it says so on standard error and
/// waits for ever, so that a test can kill the process in the middle of migrating at a known point instead of by
/// timing luck. Nothing else sets the variable.
/// </summary>
internal sealed class MigrationHold : DbTransactionInterceptor, IDbCommandInterceptor
{
    /// <summary>The environment variable that turns the hook on.</summary>
    public const string Variable = "CHANCERY_TEST_HOLD_MIGRATION";

    /// <summary>The line written to standard error while holding.</summary>
    public const string Announcement = "chancery: holding the migration lock after the first migration";

    private bool _migrationWritten;

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Note(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => HoldIfMigrated();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        HoldIfMigrated();
        return Task.CompletedTask;
    }

    // The history row is written inside the migration's transaction; the commit after it ends that migration.
    private void Note(DbCommand command)
    {
        if (command.CommandText.Contains("INSERT INTO \"__EFMigrationsHistory\"", StringComparison.Ordinal))
            _migrationWritten = true;
    }

    private void HoldIfMigrated()
    {
        if (!_migrationWritten) return;
        Console.Error.WriteLine(Announcement);
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
