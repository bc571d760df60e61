using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Chancery.Core.Tests.Cli;

/// <summary>`chancery users` and `chancery audit verify`, run as processes.</summary>
public sealed class AccountsCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task FirstAdministratorIsCreatedWithAPasswordReadFromStandardInput()
    {
        var added = await _cli.RunWithInputAsync("quiet ember orchard 77", "users", "add", "--email", "chief@example.org", "--role", "Administrator", "--connection-string", _cli.SqliteConnection);
        var listed = await _cli.RunAsync("users", "list", "--format", "json", "--connection-string", _cli.SqliteConnection);

        Assert.Equal((0, 0), (added.ExitCode, listed.ExitCode));
        Assert.Contains("Created chief@example.org (Administrator)", added.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("quiet ember orchard", added.Stdout + added.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(listed.Stdout);
        var account = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("chief@example.org", account.GetProperty("email").GetString());
    }

    [Fact]
    public async Task CommonPasswordIsRefusedInOneLineAndNoAccountIsCreated()
    {
        var added = await _cli.RunWithInputAsync("password1234", "users", "add", "--email", "weak@example.org", "--role", "Auditor", "--connection-string", _cli.SqliteConnection);
        var listed = await _cli.RunAsync("users", "list", "--format", "json", "--connection-string", _cli.SqliteConnection);

        Assert.NotEqual(0, added.ExitCode);
        Assert.Contains("common", Assert.Single(added.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(listed.Stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task AuditVerifyReportsAnIntactChainAndTheFirstAlteredEntry()
    {
        await _cli.RunAsync("demo", "seed", "--connection-string", _cli.SqliteConnection);
        var intact = await _cli.RunAsync("audit", "verify", "--connection-string", _cli.SqliteConnection);

        var refused = Assert.Throws<SqliteException>(() => Execute("UPDATE \"AuditEntries\" SET \"UserName\" = 'nobody' WHERE \"Sequence\" = 42"));
        Assert.Equal(1, AsOwner("UPDATE \"AuditEntries\" SET \"UserName\" = 'nobody' WHERE \"Sequence\" = 42"));
        var broken = await _cli.RunAsync("audit", "verify", "--connection-string", _cli.SqliteConnection);

        Assert.Equal(0, intact.ExitCode);
        Assert.StartsWith("intact:", intact.Stdout, StringComparison.Ordinal);
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("entry 42", broken.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not match its keyed hash", broken.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheNewestEntriesIsNamedByVerifyAndRefusedByAnchor()
    {
        await _cli.RunAsync("demo", "seed", "--connection-string", _cli.SqliteConnection);
        var anchored = await _cli.RunAsync("audit", "anchor", "--connection-string", _cli.SqliteConnection);
        var head = long.Parse(System.Text.RegularExpressions.Regex.Match(anchored.Stdout, @"head: entry (\d+) hash hmac:").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        AsOwner($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 5}");
        var verify = await _cli.RunAsync("audit", "verify", "--connection-string", _cli.SqliteConnection);
        var anchor = await _cli.RunAsync("audit", "anchor", "--connection-string", _cli.SqliteConnection);

        Assert.Equal(0, anchored.ExitCode);
        Assert.Contains("anchored to ", anchored.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, verify.ExitCode);
        Assert.Contains($"entries {head - 4}–{head} were deleted", verify.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, anchor.ExitCode);
        Assert.Contains("were deleted", anchor.Stderr, StringComparison.Ordinal);
    }

    private int Execute(string sql)
    {
        using var connection = new SqliteConnection(_cli.SqliteConnection + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="sql"/> with the append-only triggers dropped, as whoever can write the file could.</summary>
    private int AsOwner(string sql)
    {
        Execute(Chancery.Core.Audit.AuditAppendOnly.SqliteDown);
        var changed = Execute(sql);
        Execute(Chancery.Core.Audit.AuditAppendOnly.SqliteUp);
        return changed;
    }
}
