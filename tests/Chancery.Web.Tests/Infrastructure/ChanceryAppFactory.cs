using Chancery.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Chancery.Web.Tests.Infrastructure;

/// <summary>
/// The web app on one database provider, with its own empty database and a fake clock set to the
/// reference scenario's date. Subclasses create and drop the database.
/// </summary>
public abstract class ChanceryAppFactory : WebApplicationFactory<Program>
{
    /// <summary>"Today" in the reference scenario: three weeks before the 3 September deadline.</summary>
    public static readonly DateTimeOffset ScenarioNow = new(2021, 8, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The clock every service reads; tests may advance it.</summary>
    public FakeTimeProvider Clock { get; } = new(ScenarioNow);

    /// <summary>Sign-in attempts allowed per minute and client address.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 100_000;

    /// <summary>Further configuration, e.g. <c>Security:AccountCheckCacheSeconds</c>, applied after the defaults above.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Test accounts of this app.</summary>
    public TestAccountStore Accounts => _accounts ??= new TestAccountStore(this);
    private TestAccountStore? _accounts;

    /// <summary>Which engine this app runs on.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Connection string of this factory's own database.</summary>
    protected abstract string ConnectionString { get; }

    /// <summary>
    /// The import's upload folder of this app alone: apps of other test classes sweep expired uploads by their own
    /// clocks, which some tests move hours ahead.
    /// </summary>
    public string UploadDirectory { get; } = Path.Combine(Path.GetTempPath(), "chancery-test-uploads-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings this provider needs (applied before <see cref="Settings"/>).</summary>
    protected virtual IReadOnlyDictionary<string, string> ProviderSettings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Chancery", ConnectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Import:UploadDirectory", UploadDirectory);
        // Tests sign in many accounts from one address; the rate-limit test uses its own, stricter app.
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in ProviderSettings.Concat(Settings))
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(UploadDirectory)) Directory.Delete(UploadDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
