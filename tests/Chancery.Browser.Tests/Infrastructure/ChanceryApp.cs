using System.Net;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Chancery.Browser.Tests.Infrastructure;

/// <summary>
/// The application on a real Kestrel port over a throwaway SQLite file, with the clock fixed at
/// 2021-08-15 and the demo data seeded, plus one Chromium for all the browser tests.
/// </summary>
public sealed class ChanceryApp : IAsyncLifetime
{
    /// <summary>"Today" in every browser test: three weeks before the 3 September visa deadline of the demo.</summary>
    public static readonly DateOnly Today = new(2021, 8, 15);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chancery-browser-" + Guid.NewGuid().ToString("N"));
    private Factory? _factory;
    private IPlaywright? _playwright;

    /// <summary>Address of the running app, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The one browser; tests open their own context and page.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The app's services, to make test data through the Core services.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>
    /// The account the tests sign in with: protocol officer of Norway (where the tests record missions) and
    /// mission administrator of every mission on record, the demo's included.
    /// </summary>
    public const string RegistrarEmail = "registrar@browser.example";

    /// <summary>The registrar's password (test data, not a secret).</summary>
    public const string RegistrarPassword = "amber lighthouse quarter 1992";

    private Guid _registrarId;
    private string? _signedInState;
    private readonly SemaphoreSlim _signIn = new(1, 1);

    public async Task InitializeAsync()
    {
        // Assertions wait longer than Playwright's 5 s default for the same reason as actions (see NewPageAsync).
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(_directory);
        _factory = new Factory(Path.Combine(_directory, "chancery.db"));
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

        _registrarId = await WithServicesAsync(async sp =>
        {
            var missions = await sp.GetRequiredService<ChanceryDbContext>().Missions.Select(m => m.Id).ToListAsync();
            var user = await sp.GetRequiredService<UserService>().CreateAsync(
                new NewUserInput(RegistrarEmail, RegistrarPassword, [Roles.ProtocolOfficer, Roles.MissionAdministrator], missions, "NO"), default);
            return user.Id;
        });

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHANCERY_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh page in its own context, signed in as the registrar (the sign-in is done once and its cookie reused).</summary>
    public async Task<IPage> NewPageAsync() => await NewPageAsync(await RegistrarStateAsync());

    /// <summary>A fresh page in its own context (cookies, storage), at a desktop size; signed out unless given a storage state.</summary>
    public async Task<IPage> NewPageAsync(string? storageState)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            Locale = "en-US",
            ViewportSize = new() { Width = 1280, Height = 900 },
            StorageState = storageState,
        });
        // CI runs the three test projects at once on two cores: a page that takes a second alone can take over ten then.
        // The limit only bounds the wait; what each test asserts is the same.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Runs <paramref name="work"/> as the registrar would through the UI (their scope; records they create are theirs).</summary>
    public async Task<T> AsRegistrarAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var missions = await scope.ServiceProvider.GetRequiredService<ChanceryDbContext>().UserMissions
            .Where(m => m.UserId == _registrarId).Select(m => m.MissionId).ToListAsync();
        scope.ServiceProvider.GetRequiredService<AccessScopeOverride>().Scope =
            AccessScope.For(_registrarId, [Roles.ProtocolOfficer, Roles.MissionAdministrator], missions, "NO");
        return await work(scope.ServiceProvider);
    }

    /// <summary>Gives the registrar a mission recorded during a test.</summary>
    public Task GrantToRegistrarAsync(Guid missionId) => WithServicesAsync(async sp =>
    {
        var db = sp.GetRequiredService<ChanceryDbContext>();
        db.UserMissions.Add(new UserMission { UserId = _registrarId, MissionId = missionId });
        return await db.SaveChangesAsync();
    });

    private async Task<string> RegistrarStateAsync()
    {
        await _signIn.WaitAsync();
        try
        {
            if (_signedInState is null)
            {
                var page = await NewPageAsync(storageState: null);
                await new SignInPage(page).SignInAsync(RegistrarEmail, RegistrarPassword);
                _signedInState = await page.Context.StorageStateAsync();
                await page.Context.CloseAsync();
            }
            return _signedInState;
        }
        finally
        {
            _signIn.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> with a service scope of the app, as the system (test data through Core services).</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScopeOverride>().Scope = AccessScope.System;
        return await work(scope.ServiceProvider);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the WAL file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private sealed class Factory(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:SqlitePath", databasePath);
            builder.UseSetting("Demo", "true");
            builder.UseSetting("Security:SignInAttemptsPerMinute", "1000");
            // FakeTimeProvider's local zone is UTC, so "today" does not depend on the machine's zone.
            builder.ConfigureServices(services =>
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero))));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChanceryApp>
{
    public const string Name = "browser";
}
