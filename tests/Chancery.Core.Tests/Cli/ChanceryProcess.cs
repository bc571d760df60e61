using System.Diagnostics;
using System.Reflection;

namespace Chancery.Core.Tests.Cli;

/// <summary>What a run of the command line printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the built chancery.dll with `dotnet`, in an empty working directory (no appsettings.json)
/// and with the database settings given only on the command line.
/// </summary>
public sealed class ChanceryProcess : IDisposable
{
    private static readonly string CliPath = typeof(ChanceryProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ChanceryCliPath").Value!;

    private readonly string _directory = Directory.CreateTempSubdirectory("chancery-cli-").FullName;

    /// <summary>A SQLite file of this run's own.</summary>
    public string SqliteConnection => $"Data Source={Path.Combine(_directory, "chancery.db")}";

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs the CLI with <paramref name="input"/> on standard input (e.g. a password), or none.</summary>
    public async Task<CliResult> RunWithInputAsync(string? input, params string[] args)
    {
        Assert.True(File.Exists(CliPath), $"{CliPath} is missing; build src/Chancery.Cli in the same configuration as the tests.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The settings of the machine running the tests must not leak into the runs.
        foreach (var name in new[] { "Database__Provider", "Database__SqlitePath", "ConnectionStrings__Chancery" })
            start.Environment.Remove(name);
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
