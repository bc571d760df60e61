using System.Diagnostics;
using System.Reflection;

namespace Chancery.Web.Tests.Security;

/// <summary>The web app started as an operator starts it, as a process, with a setting it must refuse.</summary>
public sealed class StartupRefusalTests
{
    private static readonly string WebPath = typeof(StartupRefusalTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ChanceryWebPath").Value!;

    [Fact]
    public async Task ARefusedBootstrapPasswordEndsTheStartWithOneClearLineAndNoStackTrace()
    {
        Assert.True(File.Exists(WebPath), $"{WebPath} is missing; build src/Chancery.Web in the same configuration as the tests.");
        var directory = Directory.CreateTempSubdirectory("chancery-start-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(WebPath);
            foreach (var name in new[] { "Database__Provider", "ConnectionStrings__Chancery", "ASPNETCORE_ENVIRONMENT" })
                start.Environment.Remove(name);
            start.Environment["Database__SqlitePath"] = Path.Combine(directory, "chancery.db");
            start.Environment["Urls"] = "http://127.0.0.1:0";
            start.Environment["CHANCERY_ADMIN_EMAIL"] = "first@test.example";
            start.Environment["CHANCERY_ADMIN_PASSWORD"] = "tiny-pw";
            start.Environment["DOTNET_NOLOGO"] = "1";

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout + await stderr;

            Assert.Equal(1, process.ExitCode);
            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var line = Assert.Single(lines);
            Assert.StartsWith("Chancery did not start: CHANCERY_ADMIN_PASSWORD is refused:", line, StringComparison.Ordinal);
            Assert.Contains("12", line, StringComparison.Ordinal);
            Assert.DoesNotContain("tiny-pw", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
