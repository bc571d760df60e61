using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class VisaApplicationsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/visa-applications";

    [Theory, MemberData(nameof(Providers))]
    public async Task RenewalFiledThenGrantedLinksTheVisaItReplacesAndTheVisaItProduced(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (_, applicant, _) = await Create.Posting(client);
        var old = await Create.Visa(client, A.Visa(applicant.Id));
        var filed = await Create.VisaApplication(client, A.VisaApplication(applicant.Id) with { ReplacesVisaId = old.Id, Notes = "Filed by note verbale" });
        Assert.Equal((VisaApplicationOutcome.Pending, (DateOnly?)null, applicant.DisplayName), (filed.Outcome, filed.DecidedOn, filed.ApplicantName));

        var renewal = await Create.Visa(client, A.Visa(applicant.Id) with { ValidFrom = new DateOnly(2021, 10, 1), ValidUntil = new DateOnly(2022, 9, 30), ReplacesVisaId = old.Id });
        var granted = await (await client.PutJson($"{Url}/{filed.Id}", A.VisaApplication(applicant.Id) with
        {
            ReplacesVisaId = old.Id,
            Outcome = VisaApplicationOutcome.Granted,
            DecidedOn = new DateOnly(2021, 9, 28),
            ResultingVisaId = renewal.Id,
            Version = filed.Version,
        })).Read<VisaApplicationDto>();

        Assert.Equal((renewal.Id, old.Id, 2), (granted.ResultingVisaId, granted.ReplacesVisaId, granted.Version));
        Assert.Equal(granted, await client.Get<VisaApplicationDto>($"{Url}/{filed.Id}"));
        // The old visa is kept as it was; the renewal is a separate visa pointing to it.
        Assert.Equal((old.ValidUntil, old.Id), ((await client.Get<VisaDto>($"/api/v1/visas/{old.Id}")).ValidUntil, (await client.Get<VisaDto>($"/api/v1/visas/{renewal.Id}")).ReplacesVisaId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListFiltersByApplicantMissionOutcomeAndFiledWindow(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, applicant, _) = await Create.Posting(client);
        var july = await Create.VisaApplication(client, A.VisaApplication(applicant.Id));
        var august = await Create.VisaApplication(client, A.VisaApplication(applicant.Id) with
        {
            Kind = VisaApplicationKind.New,
            FiledOn = new DateOnly(2021, 8, 2),
            DecidedOn = new DateOnly(2021, 8, 20),
            Outcome = VisaApplicationOutcome.Refused,
        });

        Assert.Equal([july.Id, august.Id], (await client.Get<Page<VisaApplicationDto>>($"{Url}?applicantId={applicant.Id}")).Items.Select(a => a.Id));
        Assert.Equal([july.Id, august.Id], (await client.Get<Page<VisaApplicationDto>>($"{Url}?missionId={mission.Id}")).Items.Select(a => a.Id));
        Assert.Equal(august.Id, Assert.Single((await client.Get<Page<VisaApplicationDto>>($"{Url}?applicantId={applicant.Id}&outcome=Refused")).Items).Id);
        Assert.Equal(august.Id, Assert.Single((await client.Get<Page<VisaApplicationDto>>($"{Url}?applicantId={applicant.Id}&filedFrom=2021-08-01&filedTo=2021-08-31")).Items).Id);
        Assert.Equal([august.Id, july.Id], (await client.Get<Page<VisaApplicationDto>>($"{Url}?applicantId={applicant.Id}&sort=-filedon")).Items.Select(a => a.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task StaleUpdateIsAConflictAndChangesNothing(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var applicant = await Create.Person(client);
        var filed = await Create.VisaApplication(client, A.VisaApplication(applicant.Id));
        var withdraw = A.VisaApplication(applicant.Id) with { Outcome = VisaApplicationOutcome.Withdrawn, DecidedOn = new DateOnly(2021, 7, 2), Version = filed.Version };
        var withdrawn = await (await client.PutJson($"{Url}/{filed.Id}", withdraw)).Read<VisaApplicationDto>();

        await (await client.PutJson($"{Url}/{filed.Id}", withdraw with { Outcome = VisaApplicationOutcome.Refused })).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(withdrawn, await client.Get<VisaApplicationDto>($"{Url}/{filed.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteRemovesTheApplication(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var filed = await Create.VisaApplication(client, A.VisaApplication((await Create.Person(client)).Id));

        await (await client.DeleteAsync($"{Url}/{filed.Id}?version={filed.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await client.GetAsync($"{Url}/{filed.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VisaLinkedFromAnApplicationCannotBeDeleted(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var applicant = await Create.Person(client);
        var old = await Create.Visa(client, A.Visa(applicant.Id));
        await Create.VisaApplication(client, A.VisaApplication(applicant.Id) with { ReplacesVisaId = old.Id });

        await (await client.DeleteAsync($"/api/v1/visas/{old.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Equal(old, await client.Get<VisaDto>($"/api/v1/visas/{old.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownIdIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var applicant = await Create.Person(client);

        await client.ShouldNotFind(Url, A.VisaApplication(applicant.Id) with { Version = 1 });
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadApplications() => OnEachProvider(
        ("""{"applicantId":"{applicant}","kind":"Renewal","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-07-01","decidedOn":"2021-06-30","outcome":"Refused"}""", "decidedOn", "decidedOn 2021-06-30 is before filedOn 2021-07-01"),
        ("""{"applicantId":"{applicant}","kind":"Renewal","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-07-01","decidedOn":"2021-07-05"}""", "decidedOn", "must be empty while the outcome is Pending"),
        ("""{"applicantId":"{applicant}","kind":"Renewal","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-07-01","outcome":"Granted"}""", "decidedOn", "decidedOn is required when the outcome is Granted"),
        ("""{"applicantId":"{applicant}","kind":"Renewal","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-02-30"}""", "filedOn", "'2021-02-30' is not a date"),
        ("""{"applicantId":"{applicant}","kind":"Reissue","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-07-01"}""", "kind", "'Reissue' is not a known value"),
        ("""{"applicantId":"{applicant}","kind":"Renewal","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-07-01","resultingVisaId":"00000000-0000-0000-0000-000000000001"}""", "resultingVisaId", "only for a Granted application"),
        ("""{"applicantId":"{applicant}","kind":"Renewal","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-07-01","replacesVisaId":"00000000-0000-0000-0000-000000000001"}""", "replacesVisaId", "is not a visa of applicant"),
        ("""{"applicantId":"00000000-0000-0000-0000-000000000001","kind":"New","categoryCode":"A-1","issuingStateCode":"US","filedOn":"2021-07-01"}""", "applicantId", "does not match any person"),
        ("""{"applicantId":"{applicant}","kind":"New","categoryCode":"A-1","issuingStateCode":"USA","filedOn":"2021-07-01"}""", "issuingStateCode", "not an ISO 3166-1 alpha-2 code"));

    [Theory, MemberData(nameof(BadApplications))]
    public async Task BadApplicationIsRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider, string template, string field, string reason)
    {
        var client = Fixture.Client(provider);
        var applicant = await Create.Person(client);

        await client.ShouldRefuseToCreate(Url, template.Replace("{applicant}", applicant.Id.ToString(), StringComparison.Ordinal), field, reason);
    }
}
