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

    /// <summary>The SQLite file of this run's own.</summary>
    public string SqliteFile => Path.Combine(_directory, "chancery.db");

    /// <summary>A SQLite file of this run's own.</summary>
    public string SqliteConnection => $"Data Source={SqliteFile}";

    /// <summary>Environment variables set for every run (e.g. configuration as <c>Section__Key</c>).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs the CLI with <paramref name="input"/> on standard input (e.g. a password), or none.</summary>
    public async Task<CliResult> RunWithInputAsync(string? input, params string[] args)
    {
        using var process = Start(args);
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A run that hangs fails its test, and is not left running behind it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"chancery {string.Join(' ', args)} did not finish within 60 s. Standard error so far: {await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts the CLI and returns once it has written <paramref name="line"/> to standard error; the caller ends the
    /// process (e.g. kills it, as a power cut or an operator would).
    /// </summary>
    public async Task<Process> StartUntilAsync(string line, params string[] args)
    {
        var process = Start(args);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        try
        {
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } next)
            {
                if (next == line) return process;
                seen.Add(next);
            }
        }
        catch (OperationCanceledException)
        {
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Assert.Fail($"chancery {string.Join(' ', args)} never wrote \"{line}\"; standard error: {string.Join(" | ", seen)}");
        return null!;
    }

    private Process Start(string[] args)
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
        foreach (var (name, value) in Environment)
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
