using System.Net;
using System.Text.Json;
using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class PlatformTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task OpenApiDocumentListsTheEndpoints(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var document = await client.Get<JsonElement>("/openapi/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/states", "/api/v1/states/{code}",
            "/api/v1/missions", "/api/v1/missions/{id}", "/api/v1/missions/{id}/roster",
            "/api/v1/people", "/api/v1/people/{id}", "/api/v1/people/{id}/profile",
            "/api/v1/assignments", "/api/v1/assignments/{id}",
            "/api/v1/family-members", "/api/v1/family-members/{id}",
            "/api/v1/visas", "/api/v1/visas/{id}",
        ];
        Assert.All(expected, path => Assert.True(paths.TryGetProperty(path, out _) || paths.TryGetProperty(path + "/", out _), $"{path} is missing from the OpenAPI document"));
        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Where(o => o.Value.TryGetProperty("operationId", out _))
            .Select(o => o.Value.GetProperty("operationId").GetString()).ToList();
        Assert.Contains("CreateVisa", operations);
        Assert.Contains("GetMissionRoster", operations);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ApiReferencePageAnswers(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var response = await client.GetAsync("/api/reference");

        await response.ShouldHaveStatus(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Chancery API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/health")]
    [InlineData(DatabaseProvider.Sqlite, "/health/ready")]
    [InlineData(DatabaseProvider.Postgres, "/health")]
    [InlineData(DatabaseProvider.Postgres, "/health/ready")]
    public async Task HealthEndpointsAnswerHealthy(DatabaseProvider provider, string path)
    {
        var client = Fixture.Client(provider);

        var response = await client.GetAsync(path);

        await response.ShouldHaveStatus(HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
