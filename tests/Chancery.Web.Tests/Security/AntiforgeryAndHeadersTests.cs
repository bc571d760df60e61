using System.Net;
using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

public sealed class AntiforgeryAndHeadersTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task SignInFormWithoutAntiforgeryTokenIsRefusedAndSignsNobodyIn(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        await app.Accounts.EnsureAsync(TestAccount.Auditor);
        var browser = BrowserSession.Anonymous(app);

        var response = await browser.Client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Email"] = TestAccount.Auditor.Email,
            ["Input.Password"] = TestAccount.Password,
        }));

        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith("Chancery=", StringComparison.Ordinal));
        var after = await browser.Client.GetAsync("/missions");
        Assert.Equal((HttpStatusCode.Redirect, "/signin"), (after.StatusCode, after.Headers.Location?.AbsolutePath));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task CookieFromTheSignInFormIsHttpOnlyAndStrict(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        await app.Accounts.EnsureAsync(TestAccount.Auditor);
        var browser = BrowserSession.Anonymous(app);

        var response = await browser.SubmitSignInAsync(TestAccount.Auditor.Email, TestAccount.Password);

        await response.ShouldHaveStatus(HttpStatusCode.Redirect);
        var cookie = Assert.Single(SetCookies(response), c => c.StartsWith("Chancery=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        await (await browser.Client.GetAsync("/missions")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ApiAndPageResponsesCarryTheSecurityHeaders(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        var browser = await BrowserSession.SignInAsync(app, TestAccount.Auditor);
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["API read"] = await Fixture.ClientAs(provider, TestAccount.Auditor).GetAsync("/api/v1/states?pageSize=1"),
            ["API refusal"] = await Fixture.ClientAs(provider, null).GetAsync("/api/v1/missions"),
            ["page"] = await browser.Client.GetAsync("/missions"),
            ["sign-in page"] = await BrowserSession.Anonymous(app).Client.GetAsync("/signin"),
            ["not found page"] = await browser.Client.GetAsync($"/people/{Guid.NewGuid()}"),
        };

        foreach (var (what, response) in responses)
        {
            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: CSP {csp}");
            Assert.True(Directive(csp, "base-uri") == "base-uri 'none'", $"{what}: CSP {csp}");
            Assert.DoesNotContain("'unsafe-inline'", Directive(csp, "script-src"), StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control is {response.Headers.CacheControl}");
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task OnlyTheApiReferenceAllowsInlineScript(DatabaseProvider provider)
    {
        var response = await Fixture.ClientAs(provider, TestAccount.Auditor).GetAsync("/api/reference/v1");

        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("'unsafe-inline'", Directive(csp, "script-src"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("base-uri 'none'", Directive(csp, "base-uri"));
        Assert.True(response.Headers.CacheControl?.NoStore == true);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task PagesLinkTheirStylesAndScriptsByAbsolutePathsSinceNoBaseElementIsAllowed(DatabaseProvider provider)
    {
        var browser = await BrowserSession.SignInAsync(Fixture.App(provider), TestAccount.Auditor);

        var html = await (await browser.Client.GetAsync("/missions")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<base", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"/css/app.css\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/_framework/blazor.web.js\"", html, StringComparison.Ordinal);
        await (await browser.Client.GetAsync("/css/app.css")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri}");

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
