using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chancery.Core.Data;
using Chancery.Core.Import;
using Chancery.Core.People;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

/// <summary>
/// The people import knows only what its caller may see: a mission administrator cannot take over, read or probe a
/// person of another mission by naming their passport in a file, and the answers do not tell what is on record elsewhere.
/// </summary>
public sealed class ImportScopingTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Header = "familyName,givenNames,familyNameLatin,givenNamesLatin,dateOfBirth,nationality,passportNumber,passportIssuingState,"
        + "missionSendingState,missionReceivingState,missionCity,missionKind,category,title,startOn";

    [Theory, MemberData(nameof(Providers))]
    public async Task AnotherMissionsPersonNamedByPassportIsRefusedAndNeverAttached(DatabaseProvider provider)
    {
        var (admin, own, other) = await WorldAsync(provider);

        var report = await ImportAsync(admin, Row(other.Person, own, "2021-03-01"));
        var profile = await admin.GetAsync($"/api/v1/people/{other.Person.Id}");
        var assignments = await Fixture.Client(provider).Get<Core.Common.Page<AssignmentDto>>($"/api/v1/assignments?personId={other.Person.Id}");

        Assert.False(report.Committed);
        var rejected = Assert.Single(report.Results, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal(("passportNumber", PersonRules.PassportOnRecord(other.Person.PassportNumber, "RU")), (rejected.Column, rejected.Reason));
        await profile.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Equal([other.MissionId], assignments.Items.Select(a => a.MissionId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheDryRunSaysTheSameWhetherTheDetailsGuessedAreRightOrWrong(DatabaseProvider provider)
    {
        var (admin, own, other) = await WorldAsync(provider);
        var wrong = other.Person with { GivenNames = "Guess", DateOfBirth = new DateOnly(1960, 1, 1) };

        var right = await ImportAsync(admin, Row(other.Person, own, "2021-03-01"), dryRun: true);
        var guessed = await ImportAsync(admin, Row(wrong, own, "2021-03-01"), dryRun: true);
        var personOnly = await ImportAsync(admin, Encoding.UTF8.GetBytes(
            $"familyName,givenNames,nationality,passportNumber,passportIssuingState\n{other.Person.FamilyName},{other.Person.GivenNames},RU,{other.Person.PassportNumber},RU\n"), dryRun: true);

        var expected = (RowOutcome.Rejected, "passportNumber", PersonRules.PassportOnRecord(other.Person.PassportNumber, "RU"));
        Assert.Equal(expected, Answer(right));
        Assert.Equal(expected, Answer(guessed));
        Assert.Equal(expected, Answer(personOnly));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task APrincipalOfAnotherMissionIsUnknownLikeAPassportNobodyHolds(DatabaseProvider provider)
    {
        var (admin, own, other) = await WorldAsync(provider);
        var nobody = Unique.DocumentNumber();

        var elsewhere = Answer(await ImportAsync(admin, HouseholdRow(own, other.Person.PassportNumber!), dryRun: true));
        var unknown = Answer(await ImportAsync(admin, HouseholdRow(own, nobody), dryRun: true));

        Assert.Equal(unknown with { Reason = unknown.Reason.Replace(nobody, "#", StringComparison.Ordinal) },
            elsewhere with { Reason = elsewhere.Reason.Replace(other.Person.PassportNumber!, "#", StringComparison.Ordinal) });
        Assert.DoesNotContain(other.Person.FamilyName, elsewhere.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task CreatingAPersonWithATakenPassportGetsOneAnswerWhereverTheHolderIs(DatabaseProvider provider)
    {
        var (admin, _, other) = await WorldAsync(provider);
        var mine = await Create.Person(admin);

        var elsewhere = await admin.PostJson("/api/v1/people", A.Person() with { PassportNumber = other.Person.PassportNumber });
        var here = await admin.PostJson("/api/v1/people", A.Person() with { PassportNumber = mine.PassportNumber });

        var elsewhereDetail = (await elsewhere.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("detail").GetString();
        var hereDetail = (await here.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("detail").GetString();
        Assert.Equal(PersonRules.PassportOnRecord(other.Person.PassportNumber, "RU"), elsewhereDetail);
        Assert.Equal(PersonRules.PassportOnRecord(mine.PassportNumber, "RU"), hereDetail);
        Assert.Equal(2, await Fixture.WithDbAsync(provider, db => Task.FromResult(db.People.Count(p => p.PassportNumber == other.Person.PassportNumber || p.PassportNumber == mine.PassportNumber))));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AMissionThatIsNotTheCallersIsUnknownLikeOneThatDoesNotExist(DatabaseProvider provider)
    {
        var (admin, _, other) = await WorldAsync(provider);
        var person = A.Person();
        var asPerson = new PersonDto(Guid.Empty, person.FamilyName!, person.GivenNames!, person.FamilyName, person.GivenNames, person.DateOfBirth, "RU", null,
            person.PassportNumber, null, "RU", null, 0);

        var nowhereCity = "Nowhere " + Unique.Name();

        var elsewhere = Answer(await ImportAsync(admin, Row(asPerson, other.City, "2021-03-01"), dryRun: true));
        var nowhere = Answer(await ImportAsync(admin, Row(asPerson, nowhereCity, "2021-03-01"), dryRun: true));

        Assert.Equal((RowOutcome.Rejected, "missionCity"), (elsewhere.Outcome, elsewhere.Column));
        Assert.Equal(nowhere.Reason.Replace(nowhereCity, "#", StringComparison.Ordinal), elsewhere.Reason.Replace(other.City, "#", StringComparison.Ordinal));
    }

    private static (RowOutcome Outcome, string? Column, string Reason) Answer(ImportReport report)
    {
        var result = Assert.Single(report.Results);
        return (result.Outcome, result.Column, result.Reason ?? "");
    }

    private static byte[] Row(PersonDto p, string city, string startOn) => Encoding.UTF8.GetBytes(
        $"{Header}\n{p.FamilyName},{p.GivenNames},{p.FamilyNameLatin},{p.GivenNamesLatin},{p.DateOfBirth:yyyy-MM-dd},RU,{p.PassportNumber},RU,RU,US,{city},Embassy,Diplomatic,Attaché,{startOn}\n");

    private static byte[] HouseholdRow(string city, string principalPassport) => Encoding.UTF8.GetBytes(
        "familyName,givenNames,nationality,passportNumber,passportIssuingState,missionSendingState,missionReceivingState,missionCity,missionKind,"
        + "principalPassportNumber,principalPassportIssuingState,relationship,householdStartOn\n"
        + $"{Unique.Name()},{Unique.Name()},RU,{Unique.DocumentNumber()},RU,RU,US,{city},Embassy,{principalPassport},RU,Spouse,2021-03-01\n");

    private static async Task<ImportReport> ImportAsync(HttpClient client, byte[] csv, bool dryRun = false)
    {
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync($"/api/v1/imports?target=people&dryRun={dryRun.ToString().ToLowerInvariant()}",
            new MultipartFormDataContent { { file, "file", "people.csv" } });
        return await response.Read<ImportReport>();
    }

    // One administrator per provider's app: the accounts live in that app's database.
    private static TestAccount Admin(DatabaseProvider provider) => TestAccount.MissionAdministrator($"import-scoping-{provider}".ToLowerInvariant());

    /// <summary>The account's own mission (its city), and another mission's staff member it may not see.</summary>
    private async Task<(HttpClient Admin, string OwnCity, (PersonDto Person, Guid MissionId, string City) Other)> WorldAsync(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var (own, _, _) = await Create.Posting(registrar);
        await Fixture.App(provider).Accounts.GrantMissionAsync(Admin(provider), own.Id);
        var (mission, person, _) = await Create.Posting(registrar);
        var whole = await registrar.Get<PersonDto>($"/api/v1/people/{person.Id}");
        return (Fixture.ClientAs(provider, Admin(provider)), own.City, (whole, mission.Id, mission.City));
    }
}
