using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

/// <summary>
/// Name search ignores case and diacritics, and finds Cyrillic names from their Latin spellings (BGN/PCGN and
/// passport ICAO) and the other way round. Each class gets its own databases, so the names here are only ours.
/// </summary>
public sealed class PeopleSearchTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static async Task<IReadOnlyList<Guid>> Search(HttpClient client, string q) =>
        [.. (await client.Get<Page<PersonDto>>($"/api/v1/people?q={Uri.EscapeDataString(q)}")).Items.Select(p => p.Id)];

    [Theory, MemberData(nameof(Providers))]
    public async Task CyrillicNameIsFoundFromLatinAndCyrillicSpellings(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var sokolov = await Create.Person(client, A.Person() with { FamilyName = "Соколов", GivenNames = "Дмитрий", FamilyNameLatin = null, GivenNamesLatin = null });
        await Create.Person(client, A.Person() with { FamilyName = "Соколовский", GivenNames = "Юрий" });

        foreach (var q in new[] { "Dmitriy", "dmitrii", "Дмитрий", "дмитрий sokolov", "Sokolov Dmitriy" })
            Assert.Equal([sokolov.Id], await Search(client, q));
        foreach (var q in new[] { "sokolov", "СОКОЛОВ", "Sokolov" })
            Assert.Contains(sokolov.Id, await Search(client, q));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task LatinNameIsFoundIgnoringCaseAndDiacritics(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var muller = await Create.Person(client, A.Person() with { FamilyName = "Müller", GivenNames = "Jürgen" });
        var francois = await Create.Person(client, A.Person() with { FamilyName = "Lefèvre", GivenNames = "François" });

        Assert.Equal([muller.Id], await Search(client, "muller"));
        Assert.Equal([muller.Id], await Search(client, "MÜLLER jurgen"));
        Assert.Equal([francois.Id], await Search(client, "francois LEFEVRE"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task LatinPassportSpellingFindsTheCyrillicOriginal(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var person = await Create.Person(client, A.Person() with { FamilyName = "Юрьева", GivenNames = "Наталья", FamilyNameLatin = "Iureva", GivenNamesLatin = "Natalia" });

        Assert.Equal([person.Id], await Search(client, "Yureva"));
        Assert.Equal([person.Id], await Search(client, "IUREVA"));
        Assert.Equal([person.Id], await Search(client, "Юрьева"));
        Assert.Equal([person.Id], await Search(client, "natalya"));
        Assert.Empty(await Search(client, "Yureva Olga"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RenamedPersonIsFoundUnderTheNewNameOnly(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var person = await Create.Person(client, A.Person() with { FamilyName = "Петров", GivenNames = "Пётр" });

        await (await client.PutJson($"/api/v1/people/{person.Id}", A.Person() with { FamilyName = "Кузнецов", GivenNames = "Пётр", PassportNumber = person.PassportNumber, Version = person.Version }))
            .ShouldHaveStatus(System.Net.HttpStatusCode.OK);

        Assert.Equal([person.Id], await Search(client, "kuznetsov petr"));
        Assert.Empty(await Search(client, "petrov petr"));
    }
}
