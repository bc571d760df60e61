using System.Net;
using System.Text;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

/// <summary>
/// API changes that ride on the sign-in cookie: refused when the browser says they come from another site (Origin,
/// Sec-Fetch-Site), accepted from the app's own pages; bearer-token calls are not concerned.
/// </summary>
public sealed class CrossSiteTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Foreign = "https://attacker.example";

    public static TheoryData<DatabaseProvider, string, string> ForeignSites => new()
    {
        { DatabaseProvider.Sqlite, "Origin", Foreign },
        { DatabaseProvider.Sqlite, "Sec-Fetch-Site", "cross-site" },
        { DatabaseProvider.Sqlite, "Sec-Fetch-Site", "same-site" },
        { DatabaseProvider.Postgres, "Origin", Foreign },
        { DatabaseProvider.Postgres, "Sec-Fetch-Site", "cross-site" },
        { DatabaseProvider.Postgres, "Sec-Fetch-Site", "same-site" },
    };

    public static TheoryData<DatabaseProvider, string, string> OwnPages => new()
    {
        { DatabaseProvider.Sqlite, "Origin", "http://localhost" },
        { DatabaseProvider.Sqlite, "Sec-Fetch-Site", "same-origin" },
        { DatabaseProvider.Postgres, "Origin", "http://localhost" },
        { DatabaseProvider.Postgres, "Sec-Fetch-Site", "same-origin" },
    };

    [Theory, MemberData(nameof(ForeignSites))]
    public async Task CookieCallsFromAnotherSiteAreRefusedAndChangeNothing(DatabaseProvider provider, string header, string value)
    {
        var browser = await BrowserSession.SignInAsync(Fixture.App(provider), TestAccount.Registrar);
        var existing = await Create.Mission(Fixture.Client(provider));
        var city = $"Forged {Unique.Word()}";

        var post = await Send(browser, HttpMethod.Post, "/api/v1/missions", Json(A.Mission(city)), header, value);
        var delete = await Send(browser, HttpMethod.Delete, $"/api/v1/missions/{existing.Id}?version={existing.Version}", null, header, value);
        var import = await Send(browser, HttpMethod.Post, "/api/v1/imports?target=missions", MissionsFile(city), header, value);

        foreach (var response in new[] { post, delete, import })
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden);
            Assert.Equal("Cross-site request refused", problem.GetProperty("title").GetString());
        }
        Assert.Equal(0, await Fixture.Client(provider).Count($"/api/v1/missions?q={Uri.EscapeDataString(city)}"));
        await (await Fixture.Client(provider).GetAsync($"/api/v1/missions/{existing.Id}")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(OwnPages))]
    public async Task CookieCallsFromTheAppsOwnPagesGoThrough(DatabaseProvider provider, string header, string value)
    {
        var browser = await BrowserSession.SignInAsync(Fixture.App(provider), TestAccount.Registrar);
        var existing = await Create.Mission(Fixture.Client(provider));

        var post = await Send(browser, HttpMethod.Post, "/api/v1/missions", Json(A.Mission()), header, value);
        var delete = await Send(browser, HttpMethod.Delete, $"/api/v1/missions/{existing.Id}?version={existing.Version}", null, header, value);
        var import = await Send(browser, HttpMethod.Post, "/api/v1/imports?target=missions&dryRun=true", MissionsFile($"Checked {Unique.Word()}"), header, value);

        await post.ShouldHaveStatus(HttpStatusCode.Created);
        await delete.ShouldHaveStatus(HttpStatusCode.NoContent);
        await import.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ACookieCallThatSaysNothingOfItsOriginNeedsTheAntiforgeryToken(DatabaseProvider provider)
    {
        var browser = await BrowserSession.SignInAsync(Fixture.App(provider), TestAccount.Registrar);

        var bare = await Send(browser, HttpMethod.Post, "/api/v1/missions", Json(A.Mission()), null, null);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/v1/missions") { Content = Json(A.Mission()) };
        withToken.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync("/missions/new"));
        var tokened = await browser.Client.SendAsync(withToken);

        await bare.ShouldBeProblem(HttpStatusCode.Forbidden);
        await tokened.ShouldHaveStatus(HttpStatusCode.Created);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BearerCallsAreNotConcernedByTheirOrigin(DatabaseProvider provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/missions") { Content = Json(A.Mission()) };
        request.Headers.Add("Origin", Foreign);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        await (await Fixture.Client(provider).SendAsync(request)).ShouldHaveStatus(HttpStatusCode.Created);
    }

    private static async Task<HttpResponseMessage> Send(BrowserSession browser, HttpMethod method, string url, HttpContent? content, string? header, string? value)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (header is not null) request.Headers.Add(header, value);
        return await browser.Client.SendAsync(request);
    }

    private static StringContent Json(MissionInput mission) =>
        new(System.Text.Json.JsonSerializer.Serialize(mission, Api.Json), Encoding.UTF8, "application/json");

    private static MultipartFormDataContent MissionsFile(string city) => new()
    {
        { new ByteArrayContent(Encoding.UTF8.GetBytes($"sendingState,receivingState,city,kind\nRU,US,{city},Consulate\n")), "file", "missions.csv" },
    };
}
