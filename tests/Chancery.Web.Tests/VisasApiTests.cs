using System.Net;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

public sealed class VisasApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/v1/visas";

    [Theory, MemberData(nameof(Providers))]
    public async Task CreatedVisaNamesItsHolder(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var holder = await Create.Person(client);
        var input = A.Visa(holder.Id) with { Entries = VisaEntries.Single, EntriesUsed = 1 };

        var response = await client.PostJson(Url, input);
        var created = await response.Read<VisaDto>(HttpStatusCode.Created);

        Assert.Equal($"{Url}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((holder.DisplayName, "US", "A-1", input.Number, new DateOnly(2021, 9, 3), VisaEntries.Single, 1),
            (created.HolderName, created.IssuingStateCode, created.CategoryCode, created.Number, created.ValidUntil, created.Entries, created.EntriesUsed));
        Assert.Equal(created, await client.Get<VisaDto>($"{Url}/{created.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ListFiltersByHolderMissionValidityAndExpiry(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var (mission, holder, _) = await Create.Posting(client);
        var current = await Create.Visa(client, A.Visa(holder.Id));
        var old = await Create.Visa(client, A.Visa(holder.Id) with { ValidFrom = new DateOnly(2019, 9, 1), ValidUntil = new DateOnly(2020, 9, 3) });
        var cancelled = await Create.Visa(client, A.Visa(holder.Id) with
        {
            IssuingStateCode = "CA",
            ValidFrom = new DateOnly(2021, 1, 1),
            ValidUntil = new DateOnly(2022, 1, 1),
            CancelledOn = new DateOnly(2021, 6, 1),
            CancellationReason = "No reason given",
        });

        Assert.Equal([old.Id, current.Id, cancelled.Id], (await client.Get<Page<VisaDto>>($"{Url}?holderId={holder.Id}")).Items.Select(v => v.Id));
        Assert.Equal(3, (await client.Get<Page<VisaDto>>($"{Url}?missionId={mission.Id}")).Total);
        Assert.Equal(current.Id, Assert.Single((await client.Get<Page<VisaDto>>($"{Url}?holderId={holder.Id}&validOn=2021-08-15")).Items).Id);
        Assert.Equal([old.Id, current.Id], (await client.Get<Page<VisaDto>>($"{Url}?holderId={holder.Id}&expiresBy=2021-09-03")).Items.Select(v => v.Id));
        Assert.Equal(cancelled.Id, Assert.Single((await client.Get<Page<VisaDto>>($"{Url}?holderId={holder.Id}&issuingState=ca")).Items).Id);
        var page = await client.Get<Page<VisaDto>>($"{Url}?holderId={holder.Id}&sort=-validfrom&pageSize=2&page=2");
        Assert.Equal((3, old.Id), (page.Total, Assert.Single(page.Items).Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task CancellationIsRecordedByUpdateAndStaleUpdateIsAConflict(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var holder = await Create.Person(client);
        var visa = await Create.Visa(client, A.Visa(holder.Id));
        var cancel = A.Visa(holder.Id) with { Number = visa.Number, CancelledOn = new DateOnly(2021, 8, 10), Version = visa.Version };

        var cancelled = await (await client.PutJson($"{Url}/{visa.Id}", cancel)).Read<VisaDto>();
        Assert.Equal((new DateOnly(2021, 8, 10), 2), (cancelled.CancelledOn, cancelled.Version));

        await (await client.PutJson($"{Url}/{visa.Id}", cancel with { CancelledOn = null })).ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(cancelled, await client.Get<VisaDto>($"{Url}/{visa.Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DeleteRemovesTheVisa(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var visa = await Create.Visa(client, A.Visa((await Create.Person(client)).Id));

        await (await client.DeleteAsync($"{Url}/{visa.Id}?version={visa.Version}")).ShouldHaveStatus(HttpStatusCode.NoContent);

        await (await client.GetAsync($"{Url}/{visa.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task UnknownIdIsNotFound(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var holder = await Create.Person(client);

        await client.ShouldNotFind(Url, A.Visa(holder.Id) with { Version = 1 });
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadVisas() => OnEachProvider(
        ("""{"holderId":"{holder}","issuingStateCode":"US","categoryCode":"A-1","validFrom":"2021-09-04","validUntil":"2021-09-03"}""", "validUntil", "validUntil 2021-09-03 is before validFrom 2021-09-04"),
        ("""{"holderId":"{holder}","issuingStateCode":"US","categoryCode":"A-1","validFrom":"2021-02-30","validUntil":"2021-09-03"}""", "validFrom", "'2021-02-30' is not a date"),
        ("""{"holderId":"{holder}","issuingStateCode":"USA","categoryCode":"A-1","validFrom":"2021-01-01","validUntil":"2021-09-03"}""", "issuingStateCode", "'USA' is not an ISO 3166-1 alpha-2 code"),
        ("""{"holderId":"00000000-0000-0000-0000-000000000001","issuingStateCode":"US","categoryCode":"A-1","validFrom":"2021-01-01","validUntil":"2021-09-03"}""", "holderId", "does not match any person"),
        ("""{"holderId":"{holder}","issuingStateCode":"US","categoryCode":"A-1","validFrom":"2021-01-01","validUntil":"2021-09-03","entries":"Triple"}""", "entries", "'Triple' is not a known value"),
        ("""{"holderId":"{holder}","issuingStateCode":"US","categoryCode":"A-1","validFrom":"2021-01-01","validUntil":"2021-09-03","entries":"Single","entriesUsed":2}""", "entriesUsed", "out of range for a single-entry visa"),
        ("""{"holderId":"{holder}","issuingStateCode":"US","categoryCode":"A-1","validFrom":"2021-01-01","validUntil":"2021-09-03","cancellationReason":"Retaliation"}""", "cancelledOn", "required when a cancellationReason is given"),
        ("""{"holderId":"{holder}","issuingStateCode":"US","categoryCode":"{long}","validFrom":"2021-01-01","validUntil":"2021-09-03"}""", "categoryCode", "the limit is 30"),
        ("""{"holderId":"{holder}","issuingStateCode":"US","categoryCode":"A-1","validFrom":"2021-01-01"}""", "validUntil", "validUntil is required"));

    [Theory, MemberData(nameof(BadVisas))]
    public async Task BadVisaIsRefusedNamingTheFieldAndNothingIsWritten(DatabaseProvider provider, string template, string field, string reason)
    {
        var client = Fixture.Client(provider);
        var holder = await Create.Person(client);
        var json = template.Replace("{holder}", holder.Id.ToString(), StringComparison.Ordinal).Replace("{long}", new string('c', 31), StringComparison.Ordinal);

        await client.ShouldRefuseToCreate(Url, json, field, reason);
    }
}
