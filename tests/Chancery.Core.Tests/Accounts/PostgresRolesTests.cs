using Chancery.Core.Accounts;
using Chancery.Core.Audit;
using Chancery.Core.Data;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chancery.Core.Tests.Accounts;

/// <summary>
/// The production setup of the README on a real PostgreSQL: tables owned by the migrating role, the app connected as a
/// role granted by docs/postgres-roles.sql. The app starts and records changes; it cannot change, delete or truncate
/// the audit trail, nor remove the triggers that guard it.
/// </summary>
public sealed class PostgresRolesTests
{
    [Fact]
    public async Task TheAppRoleWorksButCanNeitherRewriteTheTrailNorLiftItsGuard()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync();
        var role = $"chancery_app_{Guid.NewGuid():N}";
        var owner = database.ConnectionString;
        var app = new NpgsqlConnectionStringBuilder(owner) { Username = role, Pooling = false }.ToString();
        try
        {
            await ExecuteAsync(owner, $"CREATE ROLE {role} LOGIN");
            await ExecuteAsync(owner, (await File.ReadAllTextAsync(RolesScript())).Replace("chancery_app", role, StringComparison.Ordinal));

            // The app, started with the restricted role: nothing to migrate, so no DDL; a change is recorded and chained.
            await using (var services = Services(database, app))
            {
                await using (var scope = services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                await using (var scope = services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<Missions.MissionService>().CreateAsync(A.Mission(), default);
                await using (var scope = services.CreateAsyncScope())
                    Assert.True((await scope.ServiceProvider.GetRequiredService<AuditService>().VerifyAsync(default)).Intact);
            }

            // Granting itself more is no way round: without the grant option PostgreSQL grants nothing (a warning only).
            await ExecuteAsync(app, "GRANT UPDATE, DELETE ON \"AuditEntries\" TO PUBLIC");
            foreach (var sql in new[]
            {
                "UPDATE \"AuditEntries\" SET \"UserName\" = 'nobody'",
                "DELETE FROM \"AuditEntries\"",
                "TRUNCATE \"AuditEntries\"",
                "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER \"AuditEntries_append_only\"",
                "DROP TRIGGER \"AuditEntries_append_only\" ON \"AuditEntries\"",
            })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, sql));
                Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
            }
        }
        finally
        {
            await database.DisposeAsync();
            await ExecuteAsync(Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)!, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task WithoutAChainKeyAPostgresStartStopsWithTheReason()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Chancery"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddChanceryCore(configuration);
        services.AddChanceryIdentityCore();
        services.AddSingleton(AccessScope.System);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(() => scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync());

        Assert.Contains("set Audit:ChainKey", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(PostgresTestDatabase database, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(database.Settings)
        {
            ["ConnectionStrings:Chancery"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddChanceryCore(configuration);
        services.AddChanceryIdentityCore();
        services.AddSingleton(Chancery.Core.Accounts.AccessScope.System);
        return services.BuildServiceProvider();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string RolesScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Chancery.slnx")))
                return Path.Combine(dir.FullName, "docs", "postgres-roles.sql");
        throw new FileNotFoundException("docs/postgres-roles.sql: the repository was not found above the test's folder.");
    }
}
