using System.Net;
using Chancery.Core.Calendar;
using Chancery.Core.Data;
using Chancery.Core.Import;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Web.Tests.Security;

/// <summary>Who may change what beyond the registry: saved import mappings belong to their owner, and the auditor only reads.</summary>
public sealed class WriteRightsTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static readonly MappingDefinition Definition = new(new Dictionary<string, string> { ["sendingState"] = "From", ["receivingState"] = "To", ["city"] = "Town", ["kind"] = "Type" });

    [Theory, MemberData(nameof(Providers))]
    public async Task AMissionAdministratorCannotChangeOrDeleteTheProtocolOfficersMappingButAnAdministratorCan(DatabaseProvider provider)
    {
        var officer = Fixture.ClientAs(provider, TestAccount.ProtocolOfficer);
        var missionAdmin = Fixture.ClientAs(provider, TestAccount.MissionAdministrator("mapping-neighbour"));
        var name = "officer-" + Unique.Name();
        var saved = await (await officer.PostJson("/api/v1/import-mappings", new ImportMappingInput(name, ImportTarget.Missions, Definition))).Read<ImportMappingDto>(HttpStatusCode.Created);

        var changed = await missionAdmin.PutJson($"/api/v1/import-mappings/{saved.Id}", new ImportMappingInput(name, ImportTarget.People, new(new Dictionary<string, string> { ["familyName"] = "x" }), saved.Version));
        var deleted = await missionAdmin.DeleteAsync($"/api/v1/import-mappings/{saved.Id}");
        var seenByNeighbour = await missionAdmin.Get<ImportMappingDto>($"/api/v1/import-mappings/{saved.Id}");
        var seenByOwner = await officer.Get<ImportMappingDto>($"/api/v1/import-mappings/{saved.Id}");

        Assert.Contains("only that account or an administrator", (await changed.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await deleted.ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Equal((ImportTarget.Missions, saved.Version, false), (seenByNeighbour.Target, seenByNeighbour.Version, seenByNeighbour.Editable));
        Assert.True(seenByOwner.Editable);

        var byAdministrator = await Fixture.ClientAs(provider, TestAccount.Administrator).DeleteAsync($"/api/v1/import-mappings/{saved.Id}");

        await byAdministrator.ShouldHaveStatus(HttpStatusCode.NoContent);
        await (await officer.GetAsync($"/api/v1/import-mappings/{saved.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BuiltInMappingsCannotBeReplacedUnderTheirName(DatabaseProvider provider)
    {
        var officer = Fixture.ClientAs(provider, TestAccount.ProtocolOfficer);

        var response = await officer.PostJson("/api/v1/import-mappings", new ImportMappingInput(BuiltInMappings.Embassies, ImportTarget.Missions, Definition));
        var listed = await officer.Get<List<ImportMappingDto>>("/api/v1/import-mappings");

        await response.ShouldBeInvalid("name", "is the name of a built-in mapping");
        Assert.All(listed.Where(m => m.BuiltIn), m => Assert.False(m.Editable));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheAuditorCreatesNoCalendarFeedRunsNoForecastAndAFeedItHadNoLongerAnswers(DatabaseProvider provider)
    {
        var auditor = Fixture.ClientAs(provider, TestAccount.Auditor);
        var mission = await Create.Mission(Fixture.Client(provider));
        var token = "auditor-feed-" + Unique.Name();
        var app = Fixture.App(provider);
        var auditorId = await app.Accounts.EnsureAsync(TestAccount.Auditor);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A feed made before auditors were refused feeds, as the database would hold it.
            var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            db.Add(new CalendarFeed { UserId = auditorId, TokenHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), CreatedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var created = await auditor.PostJson("/api/v1/calendar-feeds", new CalendarFeedInput("phone"));
        var forecast = await auditor.PostJson($"/api/v1/missions/{mission.Id}/forecast", new Core.Forecast.ForecastRequest(new DateOnly(2021, 8, 15), 30, 20));
        var oldFeed = await Fixture.ClientAs(provider, null).GetAsync($"/calendar/{token}.ics");
        var feeds = await auditor.Get<List<CalendarFeedDto>>("/api/v1/calendar-feeds");

        await created.ShouldBeProblem(HttpStatusCode.Forbidden);
        await forecast.ShouldBeProblem(HttpStatusCode.Forbidden);
        await oldFeed.ShouldHaveStatus(HttpStatusCode.NotFound);
        Assert.DoesNotContain(feeds, f => f.Name == "phone");
        Assert.Contains(feeds, f => f.RevokedAt is null);
    }
}
