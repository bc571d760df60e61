using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chancery.Cli.Backup;

/// <summary>
/// `chancery backup --output file`: SQLite through its online backup API (a consistent copy while the app runs, never a
/// file copy, which could catch a half-written page or miss the WAL); for PostgreSQL, the pg_dump command to run.
/// </summary>
internal static class BackupCommands
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "The backup file to write; it must not exist yet.", Required = true };
        var command = new Command("backup", "Back the database up to a file (SQLite), or print the pg_dump command that does it (PostgreSQL).") { output };
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            var file = parsed.GetValue(output)!;
            var db = services.GetRequiredService<ChanceryDbContext>();
            var connectionString = db.Database.GetConnectionString() ?? throw new CliException("no connection string is configured.");
            if (db.Database.IsNpgsql())
            {
                await Console.Out.WriteLineAsync(PgDumpCommand(connectionString, file.FullName)).ConfigureAwait(false);
                return;
            }
            if (file.Exists)
                throw new CliException($"{file.FullName} already exists; choose another --output or remove it first.");
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            await using var source = new SqliteConnection(connectionString);
            await source.OpenAsync(ct).ConfigureAwait(false);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.FullName, Pooling = false }.ToString());
            await target.OpenAsync(ct).ConfigureAwait(false);
            source.BackupDatabase(target);
            await Console.Out.WriteLineAsync($"Backed up to {file.FullName} ({new FileInfo(file.FullName).Length:N0} bytes)").ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The pg_dump command for the connection string, without its password (pg_dump reads PGPASSWORD or ~/.pgpass).</summary>
    internal static string PgDumpCommand(string connectionString, string file)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var parts = new List<string> { "pg_dump", "--format=custom" };
        if (!string.IsNullOrEmpty(b.Host)) parts.Add("--host=" + Quote(b.Host));
        if (b.Port != 0) parts.Add("--port=" + b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(b.Username)) parts.Add("--username=" + Quote(b.Username));
        if (!string.IsNullOrEmpty(b.Database)) parts.Add("--dbname=" + Quote(b.Database));
        parts.Add("--file=" + Quote(file));
        return string.Join(' ', parts);
    }

    // Single quotes for the shell, with any single quote inside closed, escaped and reopened.
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,/:@".Contains(c, StringComparison.Ordinal)) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
