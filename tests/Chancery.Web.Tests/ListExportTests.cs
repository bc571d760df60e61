using System.Globalization;
using System.Net;
using System.Text;
using Chancery.Core.Data;
using Chancery.Tests.Shared;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;
using CsvHelper;

namespace Chancery.Web.Tests;

public sealed class ListExportTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"x\")";

    /// <summary>The CSV's rows, header first, without the byte-order mark.</summary>
    private static async Task<List<string[]>> Csv(HttpResponseMessage response)
    {
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add([.. Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!)]);
        return rows;
    }

    private static string[] Column(List<string[]> rows, string header)
    {
        var index = Array.IndexOf(rows[0], header);
        Assert.True(index >= 0, $"no column {header} in {string.Join(", ", rows[0])}");
        return [.. rows.Skip(1).Select(r => r[index])];
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AlertsExportNeutralisesFormulaNamesInCsvAndXlsxAndIsNamedAndNotCached(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var mission = await Create.Mission(client);
        var person = await Create.Person(client, A.Person(Formula));
        await Create.Assignment(client, A.Assignment(person.Id, mission.Id));
        await Create.Visa(client, A.Visa(person.Id));
        var url = $"/api/v1/alerts/export?missionId={mission.Id}&asOf=2021-08-15";

        using var csvResponse = await client.GetAsync(url);
        var csv = await Csv(csvResponse);
        using var xlsxResponse = await client.GetAsync(url + "&format=xlsx");
        await xlsxResponse.ShouldHaveStatus(HttpStatusCode.OK);
        var sheet = WorkbookSheet.Read(await xlsxResponse.Content.ReadAsByteArrayAsync());
        var personColumn = sheet.Column("Person");
        var dueColumn = sheet.Column("Due");

        Assert.StartsWith("'" + Formula + ",", Assert.Single(Column(csv, "Person")), StringComparison.Ordinal);
        Assert.Equal("2021-09-03", Assert.Single(Column(csv, "Due")));
        Assert.Equal("alerts-2021-08-15.csv", csvResponse.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("alerts-2021-08-15.xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileName);
        Assert.True(csvResponse.Headers.CacheControl?.NoStore);
        Assert.True(xlsxResponse.Headers.CacheControl?.NoStore);
        Assert.False(sheet.Cell(2, personColumn).HasFormula);
        Assert.StartsWith("'" + Formula, sheet.Cell(2, personColumn).Text, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2021, 9, 3), sheet.Cell(2, dueColumn).Date);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MissionsExportAppliesTheFilters(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var city = $"Exportville {Unique.Name()}";
        var wanted = await Create.Mission(client, A.Mission(city));
        var other = await Create.Mission(client, A.Mission());

        var rows = await Csv(await client.GetAsync($"/api/v1/missions/export?q={Uri.EscapeDataString(city)}&format=csv"));
        var all = await Csv(await client.GetAsync("/api/v1/missions/export"));

        Assert.Equal([wanted.Id.ToString()], Column(rows, "Mission id"));
        Assert.Contains(other.Id.ToString(), Column(all, "Mission id"));
        Assert.Contains(wanted.Id.ToString(), Column(all, "Mission id"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MissionAdministratorExportsOnlyTheirOwnMissionsAndCannotExportAnotherRoster(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var (own, ownPerson, _) = await Create.Posting(registrar);
        var (other, _, _) = await Create.Posting(registrar);
        var account = TestAccount.MissionAdministrator($"export-{provider}".ToLowerInvariant());
        await Fixture.App(provider).Accounts.GrantMissionAsync(account, own.Id);
        var admin = Fixture.ClientAs(provider, account);

        var missions = Column(await Csv(await admin.GetAsync("/api/v1/missions/export")), "Mission id");
        var roster = Column(await Csv(await admin.GetAsync($"/api/v1/missions/{own.Id}/roster/export?asOf=2021-08-15")), "Person id");

        Assert.Contains(own.Id.ToString(), missions);
        Assert.DoesNotContain(other.Id.ToString(), missions);
        Assert.Equal([ownPerson.Id.ToString()], roster);
        await (await admin.GetAsync($"/api/v1/missions/{other.Id}/roster/export")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/alerts/export?missionId={other.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RosterExportListsTheHouseholdUnderThePrincipalAndAnUnknownFormatIsRefused(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, person, assignment) = await Create.Posting(client);
        var spouse = await Create.Person(client, A.Person("@spouse"));
        await Create.FamilyMember(client, A.FamilyMember(spouse.Id, assignment.Id));

        var rows = await Csv(await client.GetAsync($"/api/v1/missions/{mission.Id}/roster/export?asOf=2021-08-15"));

        Assert.Equal([person.Id.ToString(), spouse.Id.ToString()], Column(rows, "Person id"));
        Assert.Equal(["Staff", "Spouse"], Column(rows, "Role"));
        Assert.StartsWith("'@spouse", Column(rows, "Name")[1], StringComparison.Ordinal);
        await (await client.GetAsync($"/api/v1/missions/{mission.Id}/roster/export?format=pdf")).ShouldBeInvalid("format");
    }
}
