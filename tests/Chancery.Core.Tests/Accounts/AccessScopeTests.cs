using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;

namespace Chancery.Core.Tests.Accounts;

/// <summary>Who sees and changes what: mission administrators their missions, protocol officers their state.</summary>
public abstract class AccessScopeTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    private static AccessScope MissionAdmin(params Guid[] missions) => AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], missions, null);

    private async Task<(MissionDto Mission, PersonDto Person, VisaDto Visa)> StaffedMissionAsync(string receiving = "DE")
    {
        var mission = await db.CreateMissionAsync(A.Mission("FR", receiving));
        var person = await db.CreatePersonAsync(A.Person(givenNames: A.Unique()));
        await db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id));
        var visa = await db.CreateVisaAsync(A.Visa(person.Id));
        return (mission, person, visa);
    }

    [Fact]
    public async Task MissionAdministratorSeesOnlyTheirMissionsPeopleAndVisas()
    {
        var mine = await StaffedMissionAsync();
        var theirs = await StaffedMissionAsync();
        var me = MissionAdmin(mine.Mission.Id);

        var people = await db.As<PersonService, Page<PersonDto>>(me, s => s.ListAsync(new PersonQuery(), new PageRequest(1, 500), default));
        var missions = await db.As<MissionService, Page<MissionDto>>(me, s => s.ListAsync(new MissionQuery(), new PageRequest(1, 500), default));
        var visas = await db.As<VisaService, Page<VisaDto>>(me, s => s.ListAsync(new VisaQuery(), new PageRequest(1, 500), default));

        Assert.Equal([mine.Person.Id], people.Items.Select(p => p.Id));
        Assert.Equal([mine.Mission.Id], missions.Items.Select(m => m.Id));
        Assert.Equal([mine.Visa.Id], visas.Items.Select(v => v.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<PersonService, PersonDto>(me, s => s.GetAsync(theirs.Person.Id, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<VisaService, VisaDto>(me, s => s.GetAsync(theirs.Visa.Id, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<MissionRosterService, MissionRoster>(me, s => s.GetAsync(theirs.Mission.Id, null, default)));
    }

    [Fact]
    public async Task MissionAdministratorCannotChangeOrDeleteAnotherMissionsRecords()
    {
        var mine = await StaffedMissionAsync();
        var theirs = await StaffedMissionAsync();
        var me = MissionAdmin(mine.Mission.Id);

        await Assert.ThrowsAsync<NotFoundException>(() => db.As<VisaService, VisaDto>(me, s => s.UpdateAsync(theirs.Visa.Id, A.Visa(theirs.Person.Id) with { Version = 1 }, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<PersonService, bool>(me, async s => { await s.DeleteAsync(theirs.Person.Id, null, default); return true; }));
        // Adding a visa for someone they cannot see is refused as if the person did not exist.
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => db.As<VisaService, VisaDto>(me, s => s.CreateAsync(A.Visa(theirs.Person.Id), default)));
        Assert.Contains("holderId", refused.Errors.Keys);
        // Their own records they may change.
        var renewed = await db.As<VisaService, VisaDto>(me, s => s.UpdateAsync(mine.Visa.Id, A.Visa(mine.Person.Id) with { ValidUntil = new DateOnly(2027, 1, 31), Version = mine.Visa.Version }, default));
        Assert.Equal(new DateOnly(2027, 1, 31), renewed.ValidUntil);
    }

    [Fact]
    public async Task PersonRecordedByAMissionAdministratorStaysTheirsUntilAssigned()
    {
        var mine = await StaffedMissionAsync();
        var me = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [mine.Mission.Id], null);
        var colleague = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [mine.Mission.Id], null);

        var nominee = await db.As<PersonService, PersonDto>(me, s => s.CreateAsync(A.Person(givenNames: A.Unique()), default));

        Assert.Equal(nominee.Id, (await db.As<PersonService, PersonDto>(me, s => s.GetAsync(nominee.Id, default))).Id);
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<PersonService, PersonDto>(colleague, s => s.GetAsync(nominee.Id, default)));
        await db.As<AssignmentService, AssignmentDto>(me, s => s.CreateAsync(A.Assignment(nominee.Id, mine.Mission.Id), default));
        Assert.Equal(nominee.Id, (await db.As<PersonService, PersonDto>(colleague, s => s.GetAsync(nominee.Id, default))).Id);
    }

    [Fact]
    public async Task ProtocolOfficerSeesAndRecordsMissionsOfTheirReceivingStateOnly()
    {
        var state = "PT";
        var inMyState = await db.CreateMissionAsync(A.Mission("FR", state));
        var elsewhere = await db.CreateMissionAsync(A.Mission("FR", "ES"));
        var officer = AccessScope.For(Guid.NewGuid(), [Roles.ProtocolOfficer], [], state);

        var seen = await db.As<MissionService, Page<MissionDto>>(officer, s => s.ListAsync(new MissionQuery(), new PageRequest(1, 500), default));
        Assert.Contains(inMyState.Id, seen.Items.Select(m => m.Id));
        Assert.DoesNotContain(elsewhere.Id, seen.Items.Select(m => m.Id));
        Assert.All(seen.Items, m => Assert.Equal(state, m.ReceivingStateCode));

        var recorded = await db.As<MissionService, MissionDto>(officer, s => s.CreateAsync(A.Mission("IT", state), default));
        Assert.Equal(state, recorded.ReceivingStateCode);
        await Assert.ThrowsAsync<ForbiddenException>(() => db.As<MissionService, MissionDto>(officer, s => s.CreateAsync(A.Mission("IT", "ES"), default)));
        // Officers do not record people: that is the missions' own administration.
        await Assert.ThrowsAsync<ForbiddenException>(() => db.As<PersonService, PersonDto>(officer, s => s.CreateAsync(A.Person(), default)));
    }

    [Fact]
    public async Task PassportNumbersAreMaskedInListsAndShownWholeOnlyToRolesThatNeedThem()
    {
        var mine = await StaffedMissionAsync();
        var admin = MissionAdmin(mine.Mission.Id);
        var auditor = AccessScope.For(Guid.NewGuid(), [Roles.Auditor], [], null);
        var whole = (await db.With<PersonService, PersonDto>(s => s.GetAsync(mine.Person.Id, default))).PassportNumber!;

        var listed = await db.As<PersonService, Page<PersonDto>>(admin, s => s.ListAsync(new PersonQuery(), new PageRequest(), default));
        var forAdmin = await db.As<PersonService, PersonDto>(admin, s => s.GetAsync(mine.Person.Id, default));
        var forAuditor = await db.As<PersonService, PersonDto>(auditor, s => s.GetAsync(mine.Person.Id, default));

        Assert.Equal(AccessScope.Mask(whole), Assert.Single(listed.Items).PassportNumber);
        Assert.Equal(whole, forAdmin.PassportNumber);
        Assert.Equal(AccessScope.Mask(whole), forAuditor.PassportNumber);
        Assert.DoesNotContain(whole, forAuditor.PassportNumber!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerWithoutAnyRoleSeesNothing()
    {
        var mission = await StaffedMissionAsync();

        var missions = await db.As<MissionService, Page<MissionDto>>(AccessScope.None, s => s.ListAsync(new MissionQuery(), new PageRequest(), default));

        Assert.Empty(missions.Items);
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<PersonService, PersonDto>(AccessScope.None, s => s.GetAsync(mission.Person.Id, default)));
    }
}

public sealed class SqliteAccessScopeTests(SqliteTestDatabase db) : AccessScopeTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresAccessScopeTests(PostgresTestDatabase db) : AccessScopeTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
