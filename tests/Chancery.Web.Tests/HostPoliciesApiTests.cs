using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Policies;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class HostPoliciesApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/host-policies";

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordedPolicyIsReadByEveryRoleAndListedWhenInForce(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var input = A.HostPolicy() with { FamilyVisasEndWithPrincipal = true, Note = "Reapply after three years" };

        var response = await client.PostJson(Url, input);
        var created = await response.Read<HostPolicyDto>(HttpStatusCode.Created);

        Assert.Equal($"{Url}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("US", "RU", 3, 30, true), (created.ReceivingStateCode, created.SendingStateCode, created.ReapplyAfterYears, created.GraceDays, created.FamilyVisasEndWithPrincipal));
        Assert.Equal(created, await Fixture.ClientAs(provider, TestAccount.Auditor).Get<HostPolicyDto>($"{Url}/{created.Id}"));
        var inForce = await client.Get<Page<HostPolicyDto>>($"{Url}?receivingState=us&sendingState=RU&inForceOn={input.InForceUntil:yyyy-MM-dd}");
        Assert.Equal(created.Id, Assert.Single(inForce.Items).Id);
        Assert.DoesNotContain(created.Id, (await client.Get<Page<HostPolicyDto>>($"{Url}?receivingState=US&sendingState=RU&inForceOn={input.InForceUntil!.Value.AddDays(1):yyyy-MM-dd}")).Items
            .Select(p => p.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task OverlappingPolicyForTheSamePairIsAConflictNamingTheOtherRangeAndNothingIsWritten(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var first = await Create.HostPolicy(client);
        var before = await client.Count(Url);

        var problem = await (await client.PostJson(Url, A.HostPolicy() with { InForceFrom = first.InForceUntil, InForceUntil = null }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Contains($"from {first.InForceFrom:yyyy-MM-dd} until {first.InForceUntil:yyyy-MM-dd}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await client.Count(Url));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task OverlappingPoliciesSentAtOnceAreRecordedOnceAndTheOthersAreConflicts(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var year = Unique.Year();
        // Six clerks enter the same pair with ranges that all share 1 July: at most one may stand.
        var inputs = Enumerable.Range(0, 6).Select(i => A.HostPolicy() with { InForceFrom = new DateOnly(year, 1, 1).AddDays(i * 10), InForceUntil = new DateOnly(year, 12, 31).AddDays(-i * 10) });

        var statuses = (await Task.WhenAll(inputs.Select(input => client.PostJson(Url, input)))).Select(r => r.StatusCode).ToArray();

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(1, await client.Count($"{Url}?receivingState=US&sendingState=RU&inForceOn={year}-07-01"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EndingAPolicyByUpdateAndAStaleUpdateIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var policy = await Create.HostPolicy(client);
        var end = A.HostPolicy() with { InForceFrom = policy.InForceFrom, InForceUntil = policy.InForceFrom.AddDays(90), Version = policy.Version };

        var ended = await (await client.PutJson($"{Url}/{policy.Id}", end)).Read<HostPolicyDto>();
        Assert.Equal((policy.InForceFrom.AddDays(90), 2), (ended.InForceUntil, ended.Version));

        await (await client.PutJson($"{Url}/{policy.Id}", end with { GraceDays = 0 })).ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(ended, await client.Get<HostPolicyDto>($"{Url}/{policy.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ProtocolOfficerOfAnotherStateMayNotRecordOrChangeThisStatesPolicies(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var policy = await Create.HostPolicy(client);
        var russia = Fixture.ClientAs(provider, TestAccount.ProtocolOfficerOfRussia);

        await (await russia.PostJson(Url, A.HostPolicy())).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await russia.PutJson($"{Url}/{policy.Id}", A.HostPolicy() with { Version = policy.Version })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await russia.DeleteAsync($"{Url}/{policy.Id}")).ShouldBeProblem(HttpStatusCode.Forbidden);

        Assert.Equal(policy, await client.Get<HostPolicyDto>($"{Url}/{policy.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteRemovesThePolicy(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var policy = await Create.HostPolicy(client);

        await (await client.DeleteAsync($"{Url}/{policy.Id}?version={policy.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await client.GetAsync($"{Url}/{policy.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownIdIsNotFound(DatabaseProvider provider) =>
        await Fixture.Client(provider).ShouldNotFind(Url, A.HostPolicy() with { Version = 1 });

    public static TheoryData<DatabaseProvider, string, string, string> BadPolicies() => OnEachProvider(
        ("""{"receivingStateCode":"US","sendingStateCode":"RU","inForceFrom":"3900-01-01","graceDays":-1}""", "graceDays", "graceDays -1 is negative"),
        ("""{"receivingStateCode":"US","sendingStateCode":"RU","inForceFrom":"3900-01-01","maxVisaValidityDays":-365}""", "maxVisaValidityDays", "is negative"),
        ("""{"receivingStateCode":"US","sendingStateCode":"RU","inForceFrom":"3900-01-01","reapplyAfterYears":-3}""", "reapplyAfterYears", "is negative"),
        ("""{"receivingStateCode":"US","sendingStateCode":"RU","inForceFrom":"3900-01-01","renewalLeadDays":-60}""", "renewalLeadDays", "is negative"),
        ("""{"receivingStateCode":"US","sendingStateCode":"RU","inForceFrom":"3900-06-01","inForceUntil":"3900-05-31"}""", "inForceUntil", "inForceUntil 3900-05-31 is before inForceFrom 3900-06-01"),
        ("""{"receivingStateCode":"US","sendingStateCode":"RU","inForceFrom":"3900-02-30"}""", "inForceFrom", "'3900-02-30' is not a date"),
        ("""{"receivingStateCode":"US","sendingStateCode":"US","inForceFrom":"3900-01-01"}""", "sendingStateCode", "is the receiving state itself"),
        ("""{"receivingStateCode":"US","sendingStateCode":"RU"}""", "inForceFrom", "inForceFrom is required"));

    [Theory, MemberData(nameof(BadPolicies))]
    public async Task BadPolicyIsRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider, string json, string field, string reason) =>
        await Fixture.Client(provider).ShouldRefuseToCreate(Url, json, field, reason);
}
