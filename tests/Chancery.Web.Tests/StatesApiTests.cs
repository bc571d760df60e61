using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.States;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class StatesApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/states";

    [Theory, MemberData(nameof(Providers))]
    public async Task ListHasTheIsoStatesSortedAndPaged(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var first = await client.Get<Page<StateDto>>($"{Url}?pageSize=3");
        var last = await client.Get<Page<StateDto>>($"{Url}?sort=-code&pageSize=1");

        Assert.Equal(249, first.Total);
        Assert.Equal(["AD", "AE", "AF"], first.Items.Select(s => s.Code));
        Assert.Equal("ZW", Assert.Single(last.Items).Code);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListSearchesCodesAndNames(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var byName = await client.Get<Page<StateDto>>($"{Url}?q=guinea&sort=name");
        var byAlpha3 = await client.Get<Page<StateDto>>($"{Url}?q=deu");
        var byPart = await client.Get<Page<StateDto>>($"{Url}?q=RUS");

        Assert.Equal(["Equatorial Guinea", "Guinea", "Guinea-Bissau", "Papua New Guinea"], byName.Items.Select(s => s.Name));
        Assert.Equal("DE", Assert.Single(byAlpha3.Items).Code);
        Assert.Equal(["BN", "BY", "CY", "RU"], byPart.Items.Select(s => s.Code));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task GetReturnsOneStateWhateverTheCase(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var state = await client.Get<StateDto>($"{Url}/fr");

        Assert.Equal(("FR", "FRA", "France", "Франция"), (state.Code, state.Alpha3, state.Name, state.NameRu));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownCodeIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        var problem = await (await client.GetAsync($"{Url}/SU")).ShouldBeProblem(HttpStatusCode.NotFound);

        Assert.Equal("State not found", problem.GetProperty("title").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StatesAreReadOnly(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostJson(Url, new { code = "XK", name = "Kosovo" })).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.DeleteAsync($"{Url}/FR")).StatusCode);
        Assert.Equal("France", (await client.Get<StateDto>($"{Url}/FR")).Name);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownSortIsRefused(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);

        await (await client.GetAsync($"{Url}?sort=population")).ShouldBeInvalid("sort", "use one of code, name");
    }
}
