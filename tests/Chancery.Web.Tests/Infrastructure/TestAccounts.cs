using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Web.Tests.Infrastructure;

/// <summary>
/// An account the tests sign in with. <paramref name="GrantsNewMissions"/>: missions this account records
/// through the API are assigned to it straight away, as an administrator would (test plumbing, so that one
/// "registrar" can record a mission and then staff it).
/// </summary>
public sealed record TestAccount(string Email, string[] Roles, string? ProtocolState = null, bool GrantsNewMissions = false)
{
    /// <summary>Protocol officer of the United States and mission administrator of every mission it records.</summary>
    public static readonly TestAccount Registrar = new("registrar@test.example", [Core.Accounts.Roles.ProtocolOfficer, Core.Accounts.Roles.MissionAdministrator], "US", GrantsNewMissions: true);
    /// <summary>Administrator only.</summary>
    public static readonly TestAccount Administrator = new("admin@test.example", [Core.Accounts.Roles.Administrator]);
    /// <summary>Auditor only.</summary>
    public static readonly TestAccount Auditor = new("auditor@test.example", [Core.Accounts.Roles.Auditor]);
    /// <summary>Protocol officer of the United States.</summary>
    public static readonly TestAccount ProtocolOfficer = new("protocol-us@test.example", [Core.Accounts.Roles.ProtocolOfficer], "US");
    /// <summary>Protocol officer of Russia.</summary>
    public static readonly TestAccount ProtocolOfficerOfRussia = new("protocol-ru@test.example", [Core.Accounts.Roles.ProtocolOfficer], "RU");

    /// <summary>A mission administrator with no mission yet (grant missions with <see cref="ChanceryAppFactory.GrantMissionAsync"/>).</summary>
    public static TestAccount MissionAdministrator(string name) => new($"{name}@test.example", [Core.Accounts.Roles.MissionAdministrator]);

    /// <summary>The password every test account uses (test data, not a secret).</summary>
    public const string Password = "violet telescope harbour 2021";
}

/// <summary>Creates test accounts in an app and signs them in once (bearer tokens are cached per account).</summary>
public sealed class TestAccountStore(ChanceryAppFactory app)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _create = new(1, 1);

    /// <summary>A client that signs in as <paramref name="account"/> (null: anonymous).</summary>
    public HttpClient Client(TestAccount? account) =>
        app.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(), new SignedInHandler(this, account));

    /// <summary>
    /// A client that signs in as <paramref name="account"/> (null: anonymous) and does not follow redirects, for pages,
    /// whose answer to a refused visitor is a redirect.
    /// </summary>
    public HttpClient PageClient(TestAccount? account) => app.CreateDefaultClient(new SignedInHandler(this, account));

    /// <summary>The account's bearer token, creating the account on first use.</summary>
    public Task<string> TokenAsync(TestAccount account) =>
        _tokens.GetOrAdd(account.Email, _ => new Lazy<Task<string>>(() => SignInAsync(account))).Value;

    /// <summary>Gives a mission administrator rights over a mission (takes effect on the next request).</summary>
    public async Task GrantMissionAsync(TestAccount account, Guid missionId)
    {
        var id = await EnsureAsync(account);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
        if (!await db.UserMissions.AnyAsync(m => m.UserId == id && m.MissionId == missionId))
        {
            db.UserMissions.Add(new UserMission { UserId = id, MissionId = missionId });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Creates the account if needed; returns its id.</summary>
    public async Task<Guid> EnsureAsync(TestAccount account)
    {
        await _create.WaitAsync();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            if (await db.Users.Where(u => u.Email == account.Email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync() is { } existing)
                return existing;
            var created = await scope.ServiceProvider.GetRequiredService<UserService>()
                .CreateAsync(new NewUserInput(account.Email, TestAccount.Password, account.Roles, [], account.ProtocolState), CancellationToken.None);
            return created.Id;
        }
        finally
        {
            _create.Release();
        }
    }

    private async Task<string> SignInAsync(TestAccount account)
    {
        await EnsureAsync(account);
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = TestAccount.Password });
        await response.ShouldHaveStatus(System.Net.HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    private sealed class SignedInHandler(TestAccountStore store, TestAccount? account) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (account is not null && request.Headers.Authorization is null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await store.TokenAsync(account));
            var response = await base.SendAsync(request, cancellationToken);
            if (account is { GrantsNewMissions: true } && request.Method == HttpMethod.Post
                && request.RequestUri?.AbsolutePath.TrimEnd('/') == "/api/v1/missions" && response.StatusCode == System.Net.HttpStatusCode.Created)
            {
                // Buffered, and read as text, so the test can still read the body afterwards.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                await store.GrantMissionAsync(account, created.RootElement.GetProperty("id").GetGuid());
            }
            return response;
        }
    }
}
