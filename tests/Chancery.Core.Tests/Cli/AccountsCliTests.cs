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

        using (var connection = new SqliteConnection(_cli.SqliteConnection))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE \"AuditEntries\" SET \"UserName\" = 'nobody' WHERE \"Sequence\" = 42";
            Assert.Equal(1, tamper.ExecuteNonQuery());
        }
        SqliteConnection.ClearAllPools();
        var broken = await _cli.RunAsync("audit", "verify", "--connection-string", _cli.SqliteConnection);

        Assert.Equal(0, intact.ExitCode);
        Assert.StartsWith("intact:", intact.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("entry 42", broken.Stderr, StringComparison.Ordinal);
    }
}
