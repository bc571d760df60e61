using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Core.Import;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

/// <summary>
/// Input the API used to take silently, or take wrongly: unknown or repeated JSON properties, bodies of any size, page
/// numbers that wrap round, several values in one enum field, invisible characters in names, birth dates out of any
/// life, and passport numbers as masked. Each is refused with the field (or row and column) named.
/// </summary>
public sealed class StrictInputTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string People = "/api/v1/people";

    private static string PersonJson(Action<JsonObject>? change = null)
    {
        var json = JsonSerializer.SerializeToNode(A.Person(), Api.Json)!.AsObject();
        change?.Invoke(json);
        return json.ToJsonString();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnUnknownPropertyIsRefusedNamingIt(DatabaseProvider provider) =>
        await Fixture.Client(provider).ShouldRefuseToCreate(People, PersonJson(p => p["familyNmae"] = "Ivanov"), "familyNmae", "not a field of this request");

    [Theory, MemberData(nameof(Providers))]
    public async Task ARepeatedPropertyIsRefusedNamingIt(DatabaseProvider provider)
    {
        var json = PersonJson().Replace("{", "{\"givenNames\":\"Anna\",", StringComparison.Ordinal);

        await Fixture.Client(provider).ShouldRefuseToCreate(People, json, "givenNames", "given more than once");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ABodyOverOneMegabyteIsRefusedWith413ButTheImportKeepsItsOwnLimit(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var big = PersonJson(p => p["familyName"] = new string('a', 1024 * 1024));
        var city = "Large " + Unique.Name();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"sendingState,receivingState,city,kind\nRU,US,{city},Consulate\n" + new string('\n', 1_200_000)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var refused = await client.PostRaw(People, big);
        var imported = await client.PostAsync("/api/v1/imports?target=missions&dryRun=true", new MultipartFormDataContent { { file, "file", "missions.csv" } });

        var problem = await refused.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await imported.Read<ImportReport>()).Created);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task APageNumberPastAnyListIsRefusedNamingPageInsteadOfWrappingToTheFirstPage(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        // Page 85,899,347 skips 85,899,346 × 50 = 2^32 + 4 rows: in 32 bits the offset wrapped round to 4, near the first page.
        await (await client.GetAsync($"{People}?page=85899347&pageSize=50")).ShouldBeInvalid("page", "beyond any list");
        await (await client.GetAsync("/api/v1/missions?page=2147483647")).ShouldBeInvalid("page", "pages run from 1 to");
        await (await client.GetAsync("/api/v1/parity/world?state=US&page=2147483647")).ShouldBeInvalid("page", "beyond any list");
        await (await Fixture.ClientAs(provider, TestAccount.Auditor).GetAsync("/api/v1/audit?page=2147483647")).ShouldBeInvalid("page", "beyond any list");
        await (await client.GetAsync($"{People}?page=99999999999")).ShouldBeInvalid("page", "not a valid whole number");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{People}?page=42949672&pageSize=50")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SeveralValuesInOneEnumFieldAreRefusedNotOrEdTogether(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await client.ShouldRefuseToCreate(People, PersonJson(p => p["gender"] = "Female,Male"), "gender", "is a list, and this field holds one value");
        await (await client.GetAsync("/api/v1/assignments?category=Diplomatic,Service")).ShouldBeInvalid("category", "not a known value");
        await (await client.GetAsync("/api/v1/assignments?category=Diplomatic&category=Service")).ShouldBeInvalid("category", "not a known value");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ABirthDateInTheFutureOrMoreThan130YearsBackIsRefusedNamingTheField(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await client.ShouldRefuseToCreate(People, PersonJson(p =>
        {
            p["dateOfBirth"] = "2999-01-01";
            p.Remove("passportExpiresOn");
        }), "dateOfBirth", "is in the future");
        await client.ShouldRefuseToCreate(People, PersonJson(p => p["dateOfBirth"] = "1850-03-01"), "dateOfBirth", "more than 130 years ago");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task NamesWithControlBidiOrZeroWidthCharactersAreRefusedOnEveryRecordThatHoldsOne(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var administrator = Fixture.ClientAs(provider, TestAccount.Administrator);
        var account = await (await administrator.PostJson("/api/v1/users", new NewUserInput($"{Unique.Word()}@test.example", TestAccount.Password, [Roles.Auditor])))
            .Read<UserDto>(HttpStatusCode.Created);

        await client.ShouldRefuseToCreate(People, PersonJson(p => p["familyName"] = "\u0000Ivanov"), "familyName", "control character");
        await client.ShouldRefuseToCreate(People, PersonJson(p => p["givenNamesLatin"] = "Anna\r\n=HYPERLINK()"), "givenNamesLatin", "control character");
        await client.ShouldRefuseToCreate("/api/v1/missions", JsonSerializer.Serialize(A.Mission("Wash\u202Eington"), Api.Json), "city", "bidirectional control");
        await (await administrator.PutJson($"/api/v1/users/{account.Id}", new UserUpdateInput(DisplayName: "Audi\u200Btor"))).ShouldBeInvalid("displayName", "zero-width");
        Assert.Null((await administrator.Get<UserDto>($"/api/v1/users/{account.Id}")).DisplayName);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ThePersonFormRefusesAChoicePostedAsAListAndANameWithAZeroWidthCharacter(DatabaseProvider provider)
    {
        var browser = await BrowserSession.SignInAsync(Fixture.App(provider), TestAccount.Registrar);
        var familyName = Unique.Name();
        Dictionary<string, string> Form(string givenNames, string gender) => new()
        {
            ["_handler"] = "person",
            ["Model.FamilyName"] = familyName,
            ["Model.GivenNames"] = givenNames,
            ["Model.NationalityCode"] = "RU",
            ["Model.Gender"] = gender,
        };

        var listed = await (await browser.PostFormAsync("/people/new", Form("Anna", "Female,Male"))).Content.ReadAsStringAsync();
        var invisible = await (await browser.PostFormAsync("/people/new", Form("An\u200Bna", "Female"))).Content.ReadAsStringAsync();

        Assert.Contains("is a list; choose one of Female, Male, Unspecified.", listed, StringComparison.Ordinal);
        Assert.Contains("contains a zero-width character (U&#x2B;200B) at position 3", invisible, StringComparison.Ordinal);
        Assert.Equal(0, await Fixture.Client(provider).Count($"{People}?q={familyName}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AMaskedPassportNumberIsRefusedAsARecordsNumber(DatabaseProvider provider)
    {
        var masked = AccessScope.Mask(Unique.DocumentNumber())!;

        await Fixture.Client(provider).ShouldRefuseToCreate(People, PersonJson(p => p["passportNumber"] = masked), "passportNumber", "is masked");
    }
}
