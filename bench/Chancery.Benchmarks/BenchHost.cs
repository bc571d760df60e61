using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Benchmarks;

/// <summary>The Core services on a SQLite file, wired as the command line wires them: system scope, sees everything.</summary>
public static class BenchHost
{
    /// <summary>A service provider for the database at <paramref name="path"/>.</summary>
    public static ServiceProvider Services(string path, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Chancery"] = new SqliteConnectionStringBuilder { DataSource = path }.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return Services(values);
    }

    /// <summary>A service provider for the database the settings name (<c>Database:Provider</c>, <c>ConnectionStrings:Chancery</c>).</summary>
    public static ServiceProvider Services(IReadOnlyDictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(WithChainKey(values)).Build();
        var services = new ServiceCollection().AddLogging().AddChanceryCore(configuration);
        services.AddSingleton(AccessScope.System);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// <paramref name="values"/> with an audit chain key for this run when none is set: benchmark databases hold synthetic
    /// data, and PostgreSQL has no file beside the database to keep one in.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> WithChainKey(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.ContainsKey("Audit:ChainKey")) return values;
        return new Dictionary<string, string?>(values) { ["Audit:ChainKey"] = RunKey };
    }

    private static readonly string RunKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The folder for cached worlds: <c>bench/.data</c> of the repository this runs from, else under the working directory.</summary>
    public static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Chancery.slnx")))
                return Path.Combine(dir.FullName, "bench", ".data");
        return Path.Combine(Directory.GetCurrentDirectory(), "bench", ".data");
    }
}
