using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

/// <summary>Apps started with the first administrator in the environment.</summary>
public sealed class FirstAdministratorFixture() : ApiFixture(new Dictionary<string, string>
{
    ["CHANCERY_ADMIN_EMAIL"] = FirstAdministratorTests.Email,
    ["CHANCERY_ADMIN_PASSWORD"] = FirstAdministratorTests.Password,
});

public sealed class FirstAdministratorTests(FirstAdministratorFixture fixture) : ApiTestBase(fixture), IClassFixture<FirstAdministratorFixture>
{
    public const string Email = "first.admin@test.example";
    public const string Password = "granite meadow compass 1961";

    [Theory, MemberData(nameof(Providers))]
    public async Task AdministratorFromTheEnvironmentCanSignInAndManageAccounts(DatabaseProvider provider)
    {
        using var client = Fixture.ClientAs(provider, null);

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = Password });
        var token = (await login.Read<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users");
        request.Headers.Authorization = new("Bearer", token);
        var users = await (await client.SendAsync(request)).Read<JsonElement>();

        var admin = Assert.Single(users.EnumerateArray(), u => u.GetProperty("email").GetString() == Email);
        Assert.Equal(["Administrator"], admin.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
