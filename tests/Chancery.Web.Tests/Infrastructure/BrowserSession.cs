using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Chancery.Web.Tests.Infrastructure;

/// <summary>
/// A browser's view of the app: cookies kept, redirects not followed, forms posted with the antiforgery token
/// read from the page, as a browser would send it.
/// </summary>
public sealed partial class BrowserSession
{
    private BrowserSession(HttpClient client) => Client = client;

    /// <summary>The client, with its cookie jar; it does not follow redirects.</summary>
    public HttpClient Client { get; }

    /// <summary>A browser that has not signed in.</summary>
    public static BrowserSession Anonymous(ChanceryAppFactory app) => Anonymous(app, new Uri("http://localhost"));

    /// <summary>A browser that has not signed in, visiting the app at <paramref name="address"/> (e.g. over HTTPS).</summary>
    public static BrowserSession Anonymous(ChanceryAppFactory app, Uri address)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = address }));
    }

    /// <summary>A browser signed in as <paramref name="account"/> through the sign-in form.</summary>
    public static async Task<BrowserSession> SignInAsync(ChanceryAppFactory app, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        await app.Accounts.EnsureAsync(account);
        var session = Anonymous(app);
        var response = await session.SubmitSignInAsync(account.Email, TestAccount.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"Signing in {account.Email} through the form answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return session;
    }

    /// <summary>Fills in and posts the sign-in form, as a person would.</summary>
    public Task<HttpResponseMessage> SubmitSignInAsync(string email, string password) => PostFormAsync("/signin", new()
    {
        ["_handler"] = "signin",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    });

    /// <summary>The antiforgery token of a form on <paramref name="path"/>.</summary>
    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var html = await (await Client.GetAsync(path)).Content.ReadAsStringAsync();
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"{path} has no form with an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token of the form shown on
    /// <paramref name="tokenFrom"/> (by default the same page).
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var withToken = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(tokenFrom ?? path) };
        return await Client.PostAsync(path, new FormUrlEncodedContent(withToken));
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex TokenInput();
}
