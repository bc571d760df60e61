using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chancery.Core.Data;
using Chancery.Core.Import;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class ImportApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static MultipartFormDataContent Upload(byte[] bytes, string name = "missions.csv")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static byte[] MissionsCsv(string city) => Encoding.UTF8.GetBytes($"sendingState;receivingState;city;kind\nRU;US;{city};Embassy\n");

    [Theory, MemberData(nameof(Providers))]
    public async Task DryRunReportsTheNewMissionAndTheImportThenWritesIt(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var city = "Import " + Unique.Name();

        var dry = await (await client.PostAsync("/api/v1/imports?target=missions&dryRun=true", Upload(MissionsCsv(city)))).Read<ImportReport>();
        var exportedBefore = await client.GetStringAsync("/api/v1/export/missions?format=csv");
        var done = await (await client.PostAsync("/api/v1/imports?target=missions", Upload(MissionsCsv(city)))).Read<ImportReport>();
        var exportedAfter = await client.GetStringAsync("/api/v1/export/missions?format=csv");

        Assert.Equal((1, false), (dry.Created, dry.Committed));
        Assert.DoesNotContain(city, exportedBefore, StringComparison.Ordinal);
        Assert.Equal((1, true), (done.Created, done.Committed));
        Assert.Contains($"RU,US,{city},Embassy,Open", exportedAfter, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnUploadOverTheLimitIsRefusedWith413AndTheAppStaysUp(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var city = "Oversize " + Unique.Name();
        // A good file padded with blank lines past the default limit of 10 MB.
        var big = MissionsCsv(city).Concat(Enumerable.Repeat((byte)'\n', 10 * 1024 * 1024)).ToArray();

        var response = await client.PostAsync("/api/v1/imports?target=missions", Upload(big));

        var problem = await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("limit of 10 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/import-mappings")).StatusCode);
        Assert.DoesNotContain(city, await client.GetStringAsync("/api/v1/export/missions?format=csv"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AFileThatCannotBeReadIsA400SayingWhy(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var response = await client.PostAsync("/api/v1/imports?target=missions", Upload(Encoding.UTF8.GetBytes("not a workbook"), "missions.xlsx"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("not a workbook", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task PeopleExportInTheOwnFormatGoesOnlyToRolesThatSeeWholePassportNumbers(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var person = await Create.Person(registrar);
        var passport = (await registrar.Get<Core.People.PersonDto>($"/api/v1/people/{person.Id}")).PassportNumber!;

        var whole = await registrar.GetStringAsync("/api/v1/export/people?format=csv");
        var auditor = await Fixture.ClientAs(provider, TestAccount.Auditor).GetAsync("/api/v1/export/people?format=csv");
        var administrator = await Fixture.ClientAs(provider, TestAccount.Administrator).GetAsync("/api/v1/export/people?format=xlsx");

        Assert.Contains(passport, whole, StringComparison.Ordinal);
        foreach (var refused in new[] { auditor, administrator })
        {
            var detail = (await refused.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString();
            Assert.Contains("cannot be imported back", detail, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ASavedMappingIsListedWithTheBuiltInOnesUsedByNameAndDeleted(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var name = "legacy-" + Unique.Name();
        var definition = new MappingDefinition(new Dictionary<string, string> { ["sendingState"] = "From", ["receivingState"] = "To", ["city"] = "Town", ["kind"] = "Type" });
        var city = "Mapped " + Unique.Name();

        var created = await (await client.PostJson("/api/v1/import-mappings", new ImportMappingInput(name, ImportTarget.Missions, definition))).Read<ImportMappingDto>(HttpStatusCode.Created);
        var listed = await client.Get<List<ImportMappingDto>>("/api/v1/import-mappings");
        var report = await (await client.PostAsync($"/api/v1/imports?target=missions&mapping={name}",
            Upload(Encoding.UTF8.GetBytes($"From,To,Town,Type\nRU,US,{city},Consulate\n")))).Read<ImportReport>();
        var deleted = await client.DeleteAsync($"/api/v1/import-mappings/{created.Id}");

        Assert.Contains(listed, m => m.Name == BuiltInMappings.Embassies && m.BuiltIn);
        Assert.Contains(listed, m => m.Name == name && !m.BuiltIn);
        Assert.Equal((1, true), (report.Created, report.Committed));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/import-mappings/{created.Id}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AMappingNamingAFieldThatDoesNotExistIsRefusedNamingIt(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var definition = new MappingDefinition(new Dictionary<string, string> { ["town"] = "Town" });

        var response = await client.PostJson("/api/v1/import-mappings", new ImportMappingInput("bad-" + Unique.Name(), ImportTarget.Missions, definition));

        await response.ShouldBeInvalid("definition", "'town' is not a field of a missions import");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheImportPageChecksAFileAndImportsTheSameFileOnConfirmation(DatabaseProvider provider)
    {
        var browser = await BrowserSession.SignInAsync(Fixture.App(provider), TestAccount.Registrar);
        var city = "Page " + Unique.Name();
        var token = await browser.AntiforgeryTokenAsync("/import");
        var form = Upload(MissionsCsv(city));
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent("import-check"), "_handler");
        form.Add(new StringContent("Missions"), "target");

        var checkedPage = await (await browser.Client.PostAsync("/import", form)).Content.ReadAsStringAsync();
        var upload = System.Text.RegularExpressions.Regex.Match(checkedPage, "name=\"upload\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        var client = Fixture.Client(provider);
        var before = await client.GetStringAsync("/api/v1/export/missions");
        var committed = await browser.PostFormAsync("/import", new() { ["_handler"] = "import-commit", ["upload"] = upload }, tokenFrom: "/import");
        var after = await client.GetStringAsync("/api/v1/export/missions");

        Assert.Contains("1 created", checkedPage, StringComparison.Ordinal);
        Assert.DoesNotContain(city, before, StringComparison.Ordinal);
        Assert.Contains("written.", await committed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(city, after, StringComparison.Ordinal);
    }
}
