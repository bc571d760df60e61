using System.Net;
using System.Net.Http.Json;
using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

public sealed class RateLimitTests
{
    public static TheoryData<DatabaseProvider> Providers => ApiTestBase.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task FourthLoginWithinAMinuteIsThrottledWithRetryAfter(DatabaseProvider provider)
    {
        // An app of its own: the shared ones allow many attempts, since tests sign in many accounts from one address.
        await using ChanceryAppFactory app = provider == DatabaseProvider.Sqlite
            ? new SqliteAppFactory { SignInAttemptsPerMinute = 3 }
            : new PostgresAppFactory { SignInAttemptsPerMinute = 3 };
        using var client = app.CreateClient();
        var attempt = new { email = "nobody@test.example", password = "not the password at all" };

        for (var i = 0; i < 3; i++)
            await (await client.PostAsJsonAsync("/api/v1/auth/login", attempt)).ShouldHaveStatus(HttpStatusCode.Unauthorized);
        var fourth = await client.PostAsJsonAsync("/api/v1/auth/login", attempt);

        await fourth.ShouldHaveStatus(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(fourth.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        // Reading the sign-in page is not an attempt and stays open.
        await (await client.GetAsync("/signin")).ShouldHaveStatus(HttpStatusCode.OK);
    }
}
