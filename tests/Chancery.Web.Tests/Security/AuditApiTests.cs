using System.Net;
using System.Text.Json;
using Chancery.Core.Audit;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Security;

public sealed class AuditApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task CreateAndUpdateOfAPersonAreTheirTwoEntriesWithBeforeAndAfter(DatabaseProvider provider)
    {
        var registrar = Fixture.Client(provider);
        var person = await Create.Person(registrar);
        var renamed = Unique.Name();
        await (await registrar.PutJson($"/api/v1/people/{person.Id}", A.Person(renamed) with
        {
            GivenNames = person.GivenNames,
            PassportNumber = person.PassportNumber,
            Version = person.Version,
        })).ShouldHaveStatus(HttpStatusCode.OK);

        var trail = await Fixture.ClientAs(provider, TestAccount.Auditor).Get<Page<AuditEntryDto>>($"/api/v1/audit?entityType=Person&entityId={person.Id}");

        Assert.Equal(2, trail.Total);
        var (updated, created) = (trail.Items[0], trail.Items[1]);
        Assert.Equal(("Updated", "Created"), (updated.Action, created.Action));
        Assert.All(trail.Items, e => Assert.Equal((TestAccount.Registrar.Email, person.Id), (e.UserName, e.PersonId)));
        var creation = JsonDocument.Parse(created.Changes).RootElement;
        Assert.Equal(JsonValueKind.Null, creation.GetProperty("familyName").GetProperty("before").ValueKind);
        Assert.Equal(person.FamilyName, creation.GetProperty("familyName").GetProperty("after").GetString());
        // An update records only what changed: the family name, from the old to the new.
        var update = JsonDocument.Parse(updated.Changes).RootElement;
        Assert.Equal(["familyName"], update.EnumerateObject().Select(p => p.Name));
        Assert.Equal((person.FamilyName, renamed), (update.GetProperty("familyName").GetProperty("before").GetString(), update.GetProperty("familyName").GetProperty("after").GetString()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyFindsTheChainIntact(DatabaseProvider provider)
    {
        await Create.Posting(Fixture.Client(provider));

        var verification = await Fixture.ClientAs(provider, TestAccount.Auditor).Get<AuditVerification>("/api/v1/audit/verify");

        Assert.True(verification.Intact, verification.Message);
        Assert.True(verification.EntriesChecked >= 3, $"{verification.EntriesChecked} entries checked");
        Assert.Null(verification.FirstBrokenSequence);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task MissionAdministratorMayNotReadTheTrail(DatabaseProvider provider)
    {
        var missionAdmin = Fixture.ClientAs(provider, TestAccount.MissionAdministrator("audit-curious"));

        await (await missionAdmin.GetAsync("/api/v1/audit")).ShouldHaveStatus(HttpStatusCode.Forbidden);
        await (await missionAdmin.GetAsync("/api/v1/audit/verify")).ShouldHaveStatus(HttpStatusCode.Forbidden);
    }
}
