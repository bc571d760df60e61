using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Audit;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Web.Tests.Security;

/// <summary>
/// Sessions end on the server: sign-out, logout, a password change and a reused refresh token each revoke the sign-in,
/// on the instance that revoked at the very next request although the app caches session checks for 30 s.
/// </summary>
public sealed class SessionTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task ACopiedCookieOpensNothingOnceItsBrowserSignedOut(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        var account = await NewAccountAsync(provider);
        var browser = BrowserSession.Anonymous(app);
        var signIn = await browser.SubmitSignInAsync(account.Email, TestAccount.Password);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Chancery=", StringComparison.Ordinal)).Split(';')[0];
        using var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        var before = await copy.GetAsync("/missions");

        await (await browser.PostFormAsync("/signout", new() { ["returnUrl"] = "/" }, tokenFrom: "/")).ShouldHaveStatus(HttpStatusCode.Redirect);
        var page = await copy.GetAsync("/missions");
        var api = await copy.GetAsync("/api/v1/missions");

        await before.ShouldHaveStatus(HttpStatusCode.OK);
        Assert.Equal((HttpStatusCode.Redirect, "/signin"), (page.StatusCode, page.Headers.Location?.AbsolutePath));
        await api.ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task LogoutEndsTheBearerTokenAndItsRefreshToken(DatabaseProvider provider)
    {
        var account = await NewAccountAsync(provider);
        var client = Fixture.ClientAs(provider, null);
        var tokens = await LoginAsync(client, account.Email);
        await (await GetAs(client, tokens, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.OK);

        await (await SendAs(client, tokens, HttpMethod.Post, "/api/v1/auth/logout")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await GetAs(client, tokens, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(client, tokens)).ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ARefreshTokenWorksOnceAndItsReuseRevokesTheWholeSignIn(DatabaseProvider provider)
    {
        var account = await NewAccountAsync(provider);
        var client = Fixture.ClientAs(provider, null);
        var first = await LoginAsync(client, account.Email);
        var second = await (await RefreshAsync(client, first)).Read<JsonElement>();
        await (await GetAs(client, second, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.OK);

        // Someone replays the first refresh token (stolen, or a client retrying): the family is revoked.
        var replay = await RefreshAsync(client, first);

        await replay.ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await GetAs(client, second, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await GetAs(client, first, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(client, second)).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        var reuse = Assert.Single(await SignInEntriesAsync(provider, account.Id), e => e.Action == SignInActions.TokenReused);
        Assert.Equal(account.Email, reuse.UserName);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ANewPasswordEndsEveryTokenOfTheAccountAtOnce(DatabaseProvider provider)
    {
        var account = await NewAccountAsync(provider);
        var client = Fixture.ClientAs(provider, null);
        var tokens = await LoginAsync(client, account.Email);
        await (await GetAs(client, tokens, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.OK);

        await using (var scope = Fixture.App(provider).Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserService>().ResetPasswordAsync(account.Id, "another violet telescope 2022", default);

        await (await GetAs(client, tokens, "/api/v1/missions")).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(client, tokens)).ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SignInAttemptsAreAuditedWithTheirOutcomeAndNeverThePassword(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        var account = await NewAccountAsync(provider);
        var client = Fixture.ClientAs(provider, null);
        var wrong = "wrong " + TestAccount.Password;

        await BrowserSession.Anonymous(app).SubmitSignInAsync(account.Email, wrong);
        await BrowserSession.Anonymous(app).SubmitSignInAsync(account.Email, TestAccount.Password);
        await LoginAsync(client, account.Email);
        for (var attempt = 1; attempt <= PasswordPolicy.MaxFailedAttempts; attempt++)
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = wrong });
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody-{Unique.Word()}@test.example", password = wrong });

        var entries = await SignInEntriesAsync(provider, account.Id);
        var outcomes = entries.Select(e => $"{e.Action} {Field(e, "channel")} {Field(e, "reason")}").ToList();

        Assert.Equal(
        [
            "SignInFailed web wrong password", "SignInSucceeded web password", "SignInSucceeded api password",
            "SignInFailed api wrong password", "SignInFailed api wrong password", "SignInFailed api wrong password", "SignInFailed api wrong password",
            "SignInLockedOut api account locked",
        ], outcomes);
        Assert.All(entries, e => Assert.Equal(account.Email, e.UserName));
        Assert.All(entries, e => Assert.DoesNotContain("telescope", e.Changes, StringComparison.Ordinal));
        var unknown = await Fixture.ClientAs(provider, TestAccount.Auditor).Get<Page<AuditEntryDto>>("/api/v1/audit?entityType=SignIn&pageSize=1");
        Assert.Equal(("SignInFailed", "no such account"), (unknown.Items[0].Action, Field(unknown.Items[0], "reason")));
    }

    private async Task<(Guid Id, string Email)> NewAccountAsync(DatabaseProvider provider)
    {
        var account = new TestAccount($"{Unique.Word()}@test.example", [Roles.Auditor]);
        return (await Fixture.App(provider).Accounts.EnsureAsync(account), account.Email);
    }

    private async Task<List<AuditEntryDto>> SignInEntriesAsync(DatabaseProvider provider, Guid account) =>
        [.. (await Fixture.ClientAs(provider, TestAccount.Auditor).Get<Page<AuditEntryDto>>($"/api/v1/audit?entityType=SignIn&entityId={account}&sort=sequence&pageSize=100")).Items];

    private static string? Field(AuditEntryDto entry, string name) =>
        JsonDocument.Parse(entry.Changes).RootElement.TryGetProperty(name, out var change) ? change.GetProperty("after").GetString() : null;

    private static async Task<JsonElement> LoginAsync(HttpClient client, string email) =>
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = TestAccount.Password })).Read<JsonElement>();

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, JsonElement tokens) =>
        client.PostJson("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

    private static Task<HttpResponseMessage> GetAs(HttpClient client, JsonElement tokens, string url) => SendAs(client, tokens, HttpMethod.Get, url);

    private static async Task<HttpResponseMessage> SendAs(HttpClient client, JsonElement tokens, HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return await client.SendAsync(request);
    }
}
