using System.Net;
using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

/// <summary>The app configured for HTTPS on a public name, as in production.</summary>
public sealed class HttpsFixture() : ApiFixture(new Dictionary<string, string> { ["Urls"] = "https://chancery.example" });

/// <summary>Over HTTPS (OWASP ASVS 5.0 level 2): HSTS for a year with subdomains, and every cookie Secure.</summary>
public sealed class HttpsHeadersTests(HttpsFixture fixture) : ApiTestBase(fixture), IClassFixture<HttpsFixture>
{
    private static readonly Uri Address = new("https://chancery.example");

    [Theory, MemberData(nameof(Providers))]
    public async Task HstsLastsAYearAndCoversSubdomains(DatabaseProvider provider)
    {
        var response = await BrowserSession.Anonymous(Fixture.App(provider), Address).Client.GetAsync("/signin");

        await response.ShouldHaveStatus(HttpStatusCode.OK);
        Assert.Equal("max-age=31536000; includeSubDomains", string.Join(", ", response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("base-uri 'none'", string.Join(", ", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EveryCookieIsSecureAndTheAntiforgeryAndSignInCookiesAreHostOnly(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        await app.Accounts.EnsureAsync(TestAccount.Auditor);
        var browser = BrowserSession.Anonymous(app, Address);

        var page = await browser.Client.GetAsync("/signin");
        var signIn = await browser.SubmitSignInAsync(TestAccount.Auditor.Email, TestAccount.Password);
        var cookies = SetCookies(page).Concat(SetCookies(signIn)).ToList();

        await signIn.ShouldHaveStatus(HttpStatusCode.Redirect);
        Assert.Contains(cookies, c => c.Name == "__Host-Chancery.Antiforgery");
        Assert.Contains(cookies, c => c.Name == "__Host-Chancery");
        Assert.All(cookies, c => Assert.True(c.Attributes.Contains("secure"), $"{c.Name} is not Secure: {string.Join("; ", c.Attributes)}"));
        Assert.All(cookies.Where(c => c.Name.StartsWith("__Host-", StringComparison.Ordinal)),
            c => Assert.True(c.Attributes.Contains("path=/") && c.Attributes.Contains("samesite=strict") && c.Attributes.Contains("httponly"), string.Join("; ", c.Attributes)));
    }

    private static IEnumerable<(string Name, HashSet<string> Attributes)> SetCookies(HttpResponseMessage response) =>
        (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : []).Select(v =>
        {
            var parts = v.Split(';', StringSplitOptions.TrimEntries);
            return (parts[0].Split('=')[0], parts.Skip(1).Select(a => a.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal));
        });
}
