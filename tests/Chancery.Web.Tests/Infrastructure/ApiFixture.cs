using Chancery.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Web.Tests.Infrastructure;

/// <summary>
/// One app per database provider for a test class, each started on first use. <see cref="Client"/> is the
/// single way tests reach the API, so that authenticated clients (per role) can later be handed out here.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Lazy<ChanceryAppFactory>> _apps;

    public ApiFixture() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>Apps configured with <paramref name="settings"/> on top of the test defaults.</summary>
    protected ApiFixture(IReadOnlyDictionary<string, string> settings) => _apps = new()
    {
        [DatabaseProvider.Sqlite] = new(() => new SqliteAppFactory { Settings = settings }),
        [DatabaseProvider.Postgres] = new(() => new PostgresAppFactory { Settings = settings }),
    };

    /// <summary>
    /// A client for the app on <paramref name="provider"/>, signed in as the registrar: protocol officer of the
    /// United States and mission administrator of every mission it records.
    /// </summary>
    public HttpClient Client(DatabaseProvider provider) => App(provider).Accounts.Client(TestAccount.Registrar);

    /// <summary>A client signed in as <paramref name="account"/>, or anonymous when null.</summary>
    public HttpClient ClientAs(DatabaseProvider provider, TestAccount? account) => App(provider).Accounts.Client(account);

    /// <summary>The app itself, for tests that need its services (e.g. the DbContext).</summary>
    public ChanceryAppFactory App(DatabaseProvider provider) => _apps[provider].Value;

    /// <summary>Runs <paramref name="work"/> with a scoped DbContext of the app on <paramref name="provider"/>.</summary>
    public async Task<T> WithDbAsync<T>(DatabaseProvider provider, Func<ChanceryDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = App(provider).Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ChanceryDbContext>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
            await app.Value.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Base of the API test classes: the fixture and the theory data over both providers.</summary>
public abstract class ApiTestBase(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>Every test runs once on SQLite and once on PostgreSQL.</summary>
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    protected ApiFixture Fixture { get; } = fixture;

    /// <summary>Each case once per provider: (input, field the error must name, words the reason must contain).</summary>
    protected static TheoryData<DatabaseProvider, string, string, string> OnEachProvider(params (string Input, string Field, string Reason)[] cases)
    {
        var data = new TheoryData<DatabaseProvider, string, string, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
            foreach (var (input, field, reason) in cases)
                data.Add(provider, input, field, reason);
        return data;
    }
}
