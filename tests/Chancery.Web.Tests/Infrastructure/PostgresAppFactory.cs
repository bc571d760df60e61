using Chancery.Core.Data;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Chancery.Web.Tests.Infrastructure;

/// <summary>
/// The app on its own PostgreSQL database, created on a real server (CHANCERY_TEST_POSTGRES) before the
/// app starts and dropped on dispose.
/// </summary>
public sealed class PostgresAppFactory : ChanceryAppFactory
{
    /// <summary>Environment variable holding the server's connection string.</summary>
    public const string ServerVariable = "CHANCERY_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _database = $"chancery_test_{Guid.NewGuid():N}";
    private bool _created;

    public PostgresAppFactory()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the PostgreSQL half of the API tests cannot run. Run scripts/test, which starts a " +
                $"throwaway PostgreSQL and sets it, or set {ServerVariable}=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\".");
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ToString();

    /// <summary>PostgreSQL has no file to keep the audit key and anchors beside: the settings name them, as in production.</summary>
    protected override IReadOnlyDictionary<string, string> ProviderSettings => new Dictionary<string, string>
    {
        ["Audit:ChainKey"] = _chainKey,
        ["Audit:AnchorFile"] = AnchorFile,
    };

    private readonly string _chainKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>This app's audit anchor file, in the temp directory.</summary>
    public string AnchorFile => Path.Combine(Path.GetTempPath(), $"{_database}.audit-anchors");

    protected override IHost CreateHost(IHostBuilder builder)
    {
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{_database}\"";
            command.ExecuteNonQuery();
        }
        _created = true;
        return base.CreateHost(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(AnchorFile);
        if (_created)
        {
            // Only this database's pool: other classes' apps run alongside on the same server.
            await using (var pooled = new NpgsqlConnection(ConnectionString))
                NpgsqlConnection.ClearPool(pooled);
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }
}
