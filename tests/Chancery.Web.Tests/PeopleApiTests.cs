using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class PeopleApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/people";

    [Theory, MemberData(nameof(Providers))]
    public async Task CreatedPersonIsReturnedWithLocationAndCanBeRead(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var input = A.Person() with { FamilyName = "Соколова", FamilyNameLatin = "Sokolova", GivenNamesLatin = "Anna", PassportNumber = " ab 12 ", PassportIssuingStateCode = "ru" };
        input = input with { PassportNumber = input.PassportNumber + Unique.DocumentNumber() };

        var response = await client.PostJson(Url, input);
        var created = await response.Read<PersonDto>(HttpStatusCode.Created);

        Assert.Equal($"{Url}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("AB12" + input.PassportNumber![7..], created.PassportNumber);
        Assert.Equal("RU", created.PassportIssuingStateCode);
        Assert.Equal($"Sokolova, Anna", created.DisplayName);
        Assert.Equal($"Соколова {input.GivenNames}", created.OriginalName);
        Assert.Equal(created, await client.Get<PersonDto>($"{Url}/{created.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListFiltersSortsAndPages(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var word = Unique.Word();
        await Create.Person(client, A.Person($"Aa{word}") with { DateOfBirth = new DateOnly(1980, 1, 1) });
        await Create.Person(client, A.Person($"Bb{word}") with { DateOfBirth = new DateOnly(1960, 1, 1), NationalityCode = "US" });
        await Create.Person(client, A.Person($"Cc{word}") with { DateOfBirth = new DateOnly(1970, 1, 1) });

        var byName = await client.Get<Page<PersonDto>>($"{Url}?q={word}");
        Assert.Equal([$"Aa{word}", $"Bb{word}", $"Cc{word}"], byName.Items.Select(p => p.FamilyName));
        var americans = await client.Get<Page<PersonDto>>($"{Url}?q={word}&nationality=us");
        Assert.Equal($"Bb{word}", Assert.Single(americans.Items).FamilyName);
        var byBirth = await client.Get<Page<PersonDto>>($"{Url}?q={word}&sort=-born");
        Assert.Equal([$"Aa{word}", $"Cc{word}", $"Bb{word}"], byBirth.Items.Select(p => p.FamilyName));
        var page = await client.Get<Page<PersonDto>>($"{Url}?q={word}&sort=-name&page=2&pageSize=2");
        Assert.Equal((3, 2), (page.Total, page.PageNumber));
        Assert.Equal($"Aa{word}", Assert.Single(page.Items).FamilyName);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListByMissionShowsStaffAndFamilyServingToday(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, principal, assignment) = await Create.Posting(client);
        var spouse = await Create.Person(client);
        await Create.FamilyMember(client, A.FamilyMember(spouse.Id, assignment.Id));
        var gone = await Create.Person(client);
        await Create.Assignment(client, A.Assignment(gone.Id, mission.Id) with { EndedOn = new DateOnly(2021, 8, 1), EndReason = EndReason.PersonaNonGrata });

        var people = await client.Get<Page<PersonDto>>($"{Url}?missionId={mission.Id}");

        Assert.Equal(new[] { principal.Id, spouse.Id }.Order(), people.Items.Select(p => p.Id).Order());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UpdateChangesThePersonAndItsVersion(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var person = await Create.Person(client);
        var input = A.Person() with { Gender = Gender.Male, Version = person.Version };

        var updated = await (await client.PutJson($"{Url}/{person.Id}", input)).Read<PersonDto>();

        Assert.Equal((input.FamilyName, input.PassportNumber, Gender.Male, 2), (updated.FamilyName, updated.PassportNumber, updated.Gender, updated.Version));
        Assert.Equal(updated, await client.Get<PersonDto>($"{Url}/{person.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StaleUpdateIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var person = await Create.Person(client);
        var first = A.Person() with { Version = person.Version };
        await (await client.PutJson($"{Url}/{person.Id}", first)).ShouldHaveStatus(HttpStatusCode.OK);

        await (await client.PutJson($"{Url}/{person.Id}", A.Person() with { Version = person.Version })).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(first.FamilyName, (await client.Get<PersonDto>($"{Url}/{person.Id}")).FamilyName);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SamePassportOfTheSameStateIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var first = await Create.Person(client);
        var before = await client.Count(Url);

        var problem = await (await client.PostJson(Url, A.Person() with { PassportNumber = first.PassportNumber!.ToLowerInvariant() })).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(Core.People.PersonRules.PassportOnRecord(first.PassportNumber, "RU"), problem.GetProperty("detail").GetString());
        Assert.Equal(before, await client.Count(Url));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SamePassportNumberOfAnotherStateIsAnotherPerson(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var first = await Create.Person(client);

        var second = await Create.Person(client, A.Person() with { PassportNumber = first.PassportNumber, PassportIssuingStateCode = "BY" });

        Assert.Equal((first.PassportNumber, "BY"), (second.PassportNumber, second.PassportIssuingStateCode));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UpdateToAnotherPersonsPassportIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var first = await Create.Person(client);
        var second = await Create.Person(client);

        await (await client.PutJson($"{Url}/{second.Id}", A.Person(second.FamilyName) with { PassportNumber = first.PassportNumber, Version = second.Version }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(second, await client.Get<PersonDto>($"{Url}/{second.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteRemovesThePerson(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var person = await Create.Person(client);

        await (await client.DeleteAsync($"{Url}/{person.Id}?version={person.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await client.GetAsync($"{Url}/{person.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeletingAPersonWithAVisaIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var person = await Create.Person(client);
        await Create.Visa(client, A.Visa(person.Id));

        var problem = await (await client.DeleteAsync($"{Url}/{person.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Contains("1 visa(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.GetAsync($"{Url}/{person.Id}")).ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownIdIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await client.ShouldNotFind(Url, A.Person() with { Version = 1 });
        await (await client.GetAsync($"{Url}/{Guid.NewGuid()}/profile")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task NamesAtTheColumnLimitAreKept(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var input = A.Person() with
        {
            FamilyName = new string('Щ', 100),
            GivenNames = new string('ж', 100),
            FamilyNameLatin = new string('S', 100),
            GivenNamesLatin = new string('Z', 100),
        };

        var created = await Create.Person(client, input);

        Assert.Equal((input.FamilyName, input.GivenNamesLatin), (created.FamilyName, created.GivenNamesLatin));
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadPeople() => OnEachProvider(
        ("""{"givenNames":"Anna","nationalityCode":"RU"}""", "familyName", "familyName is required"),
        ($$"""{"familyName":"{{new string('x', 101)}}","givenNames":"Anna","nationalityCode":"RU"}""", "familyName", "101 characters long; the limit is 100"),
        ($$"""{"familyName":"Ivanova","givenNames":"{{new string('я', 101)}}","nationalityCode":"RU"}""", "givenNames", "the limit is 100"),
        ($$"""{"familyName":"Ivanova","givenNames":"Anna","familyNameLatin":"{{new string('x', 101)}}","nationalityCode":"RU"}""", "familyNameLatin", "the limit is 100"),
        ("""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"SU"}""", "nationalityCode", "'SU' is not an ISO 3166-1 alpha-2 code"),
        ("""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"RU","dateOfBirth":"1990-02-30"}""", "dateOfBirth", "'1990-02-30' is not a date"),
        ("""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"RU","gender":"Unknown"}""", "gender", "'Unknown' is not a known value"),
        ("""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"RU","passportNumber":"X1","passportType":"Red"}""", "passportType", "'Red' is not a known value"),
        ("""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"RU","passportNumber":"X1"}""", "passportIssuingStateCode", "passportIssuingStateCode is required"),
        ("""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"RU","passportType":"Diplomatic"}""", "passportNumber", "required when other passport details are given"),
        ("""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"RU","dateOfBirth":"1990-01-01","passportNumber":"X1","passportIssuingStateCode":"RU","passportExpiresOn":"1989-01-01"}""", "passportExpiresOn", "before dateOfBirth"),
        ("""{"familyName":"Ivanova" "givenNames":"Anna"}""", "body", "not valid JSON"));

    [Theory, MemberData(nameof(BadPeople))]
    public async Task BadPersonIsRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider, string json, string field, string reason)
    {
        var client = Fixture.Client(provider);

        await client.ShouldRefuseToCreate(Url, json, field, reason);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadUpdateLeavesThePersonAsItWas(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var person = await Create.Person(client);

        await (await client.PutRaw($"{Url}/{person.Id}", $$"""{"familyName":"Ivanova","givenNames":"Anna","nationalityCode":"RU","dateOfBirth":"1990-13-01","version":{{person.Version}}}"""))
            .ShouldBeInvalid("dateOfBirth", "not a date");

        Assert.Equal(person, await client.Get<PersonDto>($"{Url}/{person.Id}"));
    }
}
