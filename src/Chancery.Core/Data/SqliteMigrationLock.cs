using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Chancery.Core.Data;

/// <summary>
/// Guards SQLite migrations against a lock left by a process that died. EF Core takes its migration lock by inserting a row
/// into <c>__EFMigrationsLock</c> and waits, without a limit, for that row to go; a process killed while migrating leaves
/// it behind and every later start hangs. Chancery first takes an operating-system lock on a file beside the database:
/// the kernel releases it when its holder dies, however it dies. Whoever holds that file lock knows that no live Chancery
/// process is migrating, so a row still in <c>__EFMigrationsLock</c> was left by a dead one and can be deleted.
/// </summary>
public sealed class SqliteMigrationLock : IAsyncDisposable
{
    /// <summary>EF Core's lock table on SQLite.</summary>
    public const string EfLockTable = "__EFMigrationsLock";

    private readonly FileStream? _file;

    private SqliteMigrationLock(FileStream? file) => _file = file;

    /// <summary>The lock file of a database file: the database's name with <c>.migrate.lock</c> after it.</summary>
    public static string LockFileOf(string databaseFile) => databaseFile + ".migrate.lock";

    /// <summary>
    /// Takes the file lock of <paramref name="connectionString"/>'s database (none for an in-memory database), waiting up to
    /// <paramref name="timeout"/> while another live process migrates; then clears a migration lock left by a dead process.
    /// </summary>
    public static async Task<SqliteMigrationLock> AcquireAsync(ChanceryDbContext db, string connectionString, TimeSpan timeout, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return new SqliteMigrationLock(null);
        var path = LockFileOf(Path.GetFullPath(file));
        var waited = Stopwatch.StartNew();
        var told = false;
        FileStream? stream = null;
        while (stream is null)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                if (!told)
                {
                    logger.LogWarning("Another process is migrating {Database} (it holds {LockFile}); waiting up to {Seconds} s for it to finish.",
                        file, path, (int)timeout.TotalSeconds);
                    told = true;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new DatabaseStartupException(
                    $"Another process has been migrating {file} for more than {(int)timeout.TotalSeconds} s (it holds {path}); " +
                    "let it finish, or stop it, then start again (Database:MigrationLockTimeoutSeconds sets how long to wait).", ex);
            }
        }
        try
        {
            await ClearStaleLockAsync(db, logger, ct).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SqliteMigrationLock(stream);
    }

    private static async Task ClearStaleLockAsync(ChanceryDbContext db, ILogger logger, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{EfLockTable}'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
                return;
            await using var clear = connection.CreateCommand();
            clear.CommandText = $"DELETE FROM \"{EfLockTable}\" RETURNING \"Timestamp\"";
            await using var reader = await clear.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                logger.LogWarning(
                    "Cleared a migration lock taken at {Taken} by a process that ended before it finished migrating {Database}; migrating now.",
                    Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), connection.DataSource);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_file is not null) await _file.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The database cannot be used safely as configured; the message says why and what to do.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
