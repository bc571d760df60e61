using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

/// <summary>Apps that check the account on every request (no cache), so a change to it bites on the very next one.</summary>
public sealed class AccountCheckedEveryRequestFixture() : ApiFixture(new Dictionary<string, string> { ["Security:AccountCheckCacheSeconds"] = "0" });

public sealed class SignInTests(AccountCheckedEveryRequestFixture fixture) : ApiTestBase(fixture), IClassFixture<AccountCheckedEveryRequestFixture>
{
    [Theory, MemberData(nameof(Providers))]
    public async Task TokenFromLoginOpensTheApi(DatabaseProvider provider)
    {
        var (client, account) = await NewAccountAsync(provider);

        var tokens = await (await LoginAsync(client, account.Email, TestAccount.Password)).Read<JsonElement>();

        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        await (await client.GetAsync("/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await GetAs(client, tokens, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AfterFiveWrongPasswordsEvenTheRightOneIsRefused(DatabaseProvider provider)
    {
        var (client, account) = await NewAccountAsync(provider);

        for (var attempt = 1; attempt <= PasswordPolicy.MaxFailedAttempts; attempt++)
            await (await LoginAsync(client, account.Email, "wrong " + TestAccount.Password)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var sixth = await (await LoginAsync(client, account.Email, TestAccount.Password)).ShouldBeProblem(HttpStatusCode.Unauthorized);

        Assert.Equal("Locked out", sixth.GetProperty("title").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RefreshGivesANewTokenThatOpensTheApi(DatabaseProvider provider)
    {
        var (client, account) = await NewAccountAsync(provider);
        var first = await (await LoginAsync(client, account.Email, TestAccount.Password)).Read<JsonElement>();

        var second = await (await client.PostJson("/api/v1/auth/refresh", new { refreshToken = first.GetProperty("refreshToken").GetString() })).Read<JsonElement>();

        Assert.NotEqual(first.GetProperty("accessToken").GetString(), second.GetProperty("accessToken").GetString());
        await (await GetAs(client, second, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.OK);
        await (await client.PostJson("/api/v1/auth/refresh", new { refreshToken = "not a token" })).ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DisablingAnAccountEndsItsTokenAtOnce(DatabaseProvider provider)
    {
        var (client, account) = await NewAccountAsync(provider);
        var tokens = await (await LoginAsync(client, account.Email, TestAccount.Password)).Read<JsonElement>();
        await (await GetAs(client, tokens, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.OK);

        await (await Administrator(provider).PutJson($"/api/v1/users/{account.Id}", new UserUpdateInput(IsDisabled: true))).ShouldHaveStatus(HttpStatusCode.OK);

        await (await GetAs(client, tokens, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await client.PostJson("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() })).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await LoginAsync(client, account.Email, TestAccount.Password)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ChangingRolesEndsTheOldToken(DatabaseProvider provider)
    {
        var (client, account) = await NewAccountAsync(provider);
        var old = await (await LoginAsync(client, account.Email, TestAccount.Password)).Read<JsonElement>();
        await (await GetAs(client, old, "/api/v1/audit/verify")).ShouldHaveStatus(HttpStatusCode.OK);

        await (await Administrator(provider).PutJson($"/api/v1/users/{account.Id}", new UserUpdateInput(Roles: [Roles.ProtocolOfficer], ProtocolStateCode: "US")))
            .ShouldHaveStatus(HttpStatusCode.OK);

        // The old token carried the auditor role; it opens nothing now, not even what the new role may read.
        await (await GetAs(client, old, "/api/v1/audit/verify")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await GetAs(client, old, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        var renewed = await (await LoginAsync(client, account.Email, TestAccount.Password)).Read<JsonElement>();
        await (await GetAs(client, renewed, "/api/v1/audit/verify")).ShouldHaveStatus(HttpStatusCode.Forbidden);
        await (await GetAs(client, renewed, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    private HttpClient Administrator(DatabaseProvider provider) => Fixture.ClientAs(provider, TestAccount.Administrator);

    /// <summary>An auditor of its own, so that locking or disabling it touches no other test; and an anonymous client.</summary>
    private async Task<(HttpClient Client, (Guid Id, string Email) Account)> NewAccountAsync(DatabaseProvider provider)
    {
        var account = new TestAccount($"{Unique.Word()}@test.example", [Roles.Auditor]);
        var id = await Fixture.App(provider).Accounts.EnsureAsync(account);
        return (Fixture.ClientAs(provider, null), (id, account.Email));
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    private static async Task<HttpResponseMessage> GetAs(HttpClient client, JsonElement tokens, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return await client.SendAsync(request);
    }
}
