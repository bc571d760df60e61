using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Policies;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Invariants;

/// <summary>
/// Visa applications and host policies through their services: the rules they enforce, who may see and
/// change them, and the audit trail. Runs once per database provider (see the subclasses below).
/// </summary>
public abstract class VisaApplicationAndPolicyTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    private static VisaApplicationInput Application(Guid applicantId) =>
        new(applicantId, VisaApplicationKind.Renewal, "D", "DE", new DateOnly(2025, 7, 1));

    private Task<VisaApplicationDto> CreateApplicationAsync(VisaApplicationInput input) =>
        db.With<VisaApplicationService, VisaApplicationDto>(s => s.CreateAsync(input, default));

    private Task<HostPolicyDto> CreatePolicyAsync(HostPolicyInput input, AccessScope? scope = null) =>
        db.As<HostPolicyService, HostPolicyDto>(scope ?? AccessScope.System, s => s.CreateAsync(input, default));

    private Task<int> ApplicationsOf(Guid applicantId) => db.Read(d => d.VisaApplications.CountAsync(a => a.ApplicantId == applicantId));

    [Fact]
    public async Task GrantedRenewalLinksTheOldAndTheNewVisaOfTheApplicant()
    {
        var person = await db.CreatePersonAsync();
        var old = await db.CreateVisaAsync(A.Visa(person.Id));
        var renewal = await db.CreateVisaAsync(A.Visa(person.Id) with { ValidFrom = new DateOnly(2025, 10, 1), ValidUntil = new DateOnly(2026, 9, 30), ReplacesVisaId = old.Id });

        var application = await CreateApplicationAsync(Application(person.Id) with
        {
            DecidedOn = new DateOnly(2025, 9, 20),
            Outcome = VisaApplicationOutcome.Granted,
            ResultingVisaId = renewal.Id,
            ReplacesVisaId = old.Id,
        });

        Assert.Equal((VisaApplicationOutcome.Granted, renewal.Id, old.Id, old.Id), (application.Outcome, application.ResultingVisaId, application.ReplacesVisaId, renewal.ReplacesVisaId));
        Assert.Equal(new DateOnly(2025, 8, 31), (await db.With<VisaService, VisaDto>(s => s.GetAsync(old.Id, default))).ValidUntil);
    }

    [Fact]
    public async Task ApplicationDecidedBeforeItWasFiledIsRejectedAndNotWritten()
    {
        var person = await db.CreatePersonAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateApplicationAsync(Application(person.Id) with
        {
            DecidedOn = new DateOnly(2025, 6, 30),
            Outcome = VisaApplicationOutcome.Refused,
        }));

        Assert.Contains("decidedOn", error.Errors.Keys);
        Assert.Equal(0, await ApplicationsOf(person.Id));
    }

    [Fact]
    public async Task DecisionDateAndOutcomeGoTogether()
    {
        var person = await db.CreatePersonAsync();

        var pendingWithDate = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateApplicationAsync(Application(person.Id) with { DecidedOn = new DateOnly(2025, 7, 2) }));
        var refusedWithoutDate = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateApplicationAsync(Application(person.Id) with { Outcome = VisaApplicationOutcome.Refused }));

        Assert.Contains("decidedOn", pendingWithDate.Errors.Keys);
        Assert.Contains("decidedOn", refusedWithoutDate.Errors.Keys);
        Assert.Equal(0, await ApplicationsOf(person.Id));
    }

    [Fact]
    public async Task ResultingVisaMustBeTheApplicantsAndOnlyForAGrantedApplication()
    {
        var person = await db.CreatePersonAsync();
        var other = await db.CreatePersonAsync();
        var othersVisa = await db.CreateVisaAsync(A.Visa(other.Id));
        var ownVisa = await db.CreateVisaAsync(A.Visa(person.Id));
        var decided = Application(person.Id) with { DecidedOn = new DateOnly(2025, 8, 1) };

        var notTheirs = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateApplicationAsync(decided with { Outcome = VisaApplicationOutcome.Granted, ResultingVisaId = othersVisa.Id }));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateApplicationAsync(decided with { Outcome = VisaApplicationOutcome.Refused, ResultingVisaId = ownVisa.Id }));
        var replacesOthers = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateApplicationAsync(Application(person.Id) with { ReplacesVisaId = othersVisa.Id }));

        Assert.Equal(["resultingVisaId", "resultingVisaId", "replacesVisaId"], [.. notTheirs.Errors.Keys, .. refused.Errors.Keys, .. replacesOthers.Errors.Keys]);
        Assert.Equal(0, await ApplicationsOf(person.Id));
    }

    [Fact]
    public async Task VisaCannotRenewAnotherPersonsVisa()
    {
        var person = await db.CreatePersonAsync();
        var othersVisa = await db.CreateVisaAsync(A.Visa((await db.CreatePersonAsync()).Id));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreateVisaAsync(A.Visa(person.Id) with { ReplacesVisaId = othersVisa.Id }));

        Assert.Contains("replacesVisaId", error.Errors.Keys);
        Assert.Equal(0, await db.Read(d => d.Visas.CountAsync(v => v.HolderId == person.Id)));
    }

    [Fact]
    public async Task RenewalKeepsItsLinkAndItsHolderThroughUpdates()
    {
        var person = await db.CreatePersonAsync();
        var old = await db.CreateVisaAsync(A.Visa(person.Id));
        var renewal = await db.CreateVisaAsync(A.Visa(person.Id) with { ValidFrom = new DateOnly(2025, 9, 1), ValidUntil = new DateOnly(2026, 8, 31), ReplacesVisaId = old.Id });
        var update = A.Visa(person.Id) with { ValidFrom = renewal.ValidFrom, ValidUntil = new DateOnly(2026, 12, 31), Version = renewal.Version };

        var someoneElse = await db.CreatePersonAsync();

        var otherHolder = await Assert.ThrowsAsync<ValidationFailedException>(() => db.With<VisaService, VisaDto>(s => s.UpdateAsync(renewal.Id, update with { HolderId = someoneElse.Id }, default)));
        var relinked = await Assert.ThrowsAsync<ValidationFailedException>(() => db.With<VisaService, VisaDto>(s => s.UpdateAsync(renewal.Id, update with { ReplacesVisaId = renewal.Id }, default)));
        var extended = await db.With<VisaService, VisaDto>(s => s.UpdateAsync(renewal.Id, update, default));

        Assert.Contains("holderId", otherHolder.Errors.Keys);
        Assert.Contains("replacesVisaId", relinked.Errors.Keys);
        Assert.Equal((old.Id, new DateOnly(2026, 12, 31)), (extended.ReplacesVisaId, extended.ValidUntil));
    }

    [Fact]
    public async Task RecordedApplicationAppearsInTheAuditTrail()
    {
        var person = await db.CreatePersonAsync();

        var application = await CreateApplicationAsync(Application(person.Id));

        var entry = await db.Read(d => d.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == application.Id.ToString()));
        Assert.Equal(("Created", nameof(VisaApplication)), (entry.Action, entry.EntityType));
    }

    [Fact]
    public async Task MissionAdministratorSeesAndChangesOnlyTheirApplicantsApplications()
    {
        var mine = await db.CreatePrincipalAsync();
        var theirs = await db.CreatePrincipalAsync();
        var myApplication = await CreateApplicationAsync(Application(mine.PersonId));
        var theirApplication = await CreateApplicationAsync(Application(theirs.PersonId));
        var me = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [mine.MissionId], null);

        var listed = await db.As<VisaApplicationService, Page<VisaApplicationDto>>(me, s => s.ListAsync(new(), new PageRequest(1, 500), default));

        Assert.Equal([myApplication.Id], listed.Items.Select(a => a.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<VisaApplicationService, VisaApplicationDto>(me, s => s.GetAsync(theirApplication.Id, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.As<VisaApplicationService, VisaApplicationDto>(me, s => s.UpdateAsync(theirApplication.Id, Application(theirs.PersonId) with { Version = 1 }, default)));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => db.As<VisaApplicationService, VisaApplicationDto>(me, s => s.CreateAsync(Application(theirs.PersonId), default)));
        Assert.Contains("applicantId", refused.Errors.Keys);
        var withdrawn = await db.As<VisaApplicationService, VisaApplicationDto>(me, s => s.UpdateAsync(myApplication.Id,
            Application(mine.PersonId) with { Outcome = VisaApplicationOutcome.Withdrawn, DecidedOn = new DateOnly(2025, 7, 5), Version = myApplication.Version }, default));
        Assert.Equal((VisaApplicationOutcome.Withdrawn, 2), (withdrawn.Outcome, withdrawn.Version));
    }

    [Fact]
    public async Task ProtocolOfficerRecordsPoliciesOfTheirOwnStateOnlyAndEveryoneReadsThem()
    {
        var officer = AccessScope.For(Guid.NewGuid(), [Roles.ProtocolOfficer], [], "PT");
        var reader = AccessScope.For(Guid.NewGuid(), [Roles.MissionAdministrator], [], null);

        var own = await CreatePolicyAsync(new HostPolicyInput("PT", "BR", new DateOnly(2021, 1, 1), GraceDays: 10), officer);
        await Assert.ThrowsAsync<ForbiddenException>(() => CreatePolicyAsync(new HostPolicyInput("ES", "BR", new DateOnly(2021, 1, 1)), officer));
        await Assert.ThrowsAsync<ForbiddenException>(() => CreatePolicyAsync(new HostPolicyInput("PT", "AR", new DateOnly(2021, 1, 1)), reader));

        Assert.Equal(own, await db.As<HostPolicyService, HostPolicyDto>(reader, s => s.GetAsync(own.Id, default)));
        Assert.False(await db.Read(d => d.HostPolicies.AnyAsync(p => p.ReceivingStateCode == "ES" || p.SendingStateCode == "AR")));
    }

    [Fact]
    public async Task OverlappingPolicyForTheSamePairIsAConflictNamingTheRangeAndNotWritten()
    {
        await CreatePolicyAsync(new HostPolicyInput("IT", "CL", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)));

        var clash = await Assert.ThrowsAsync<ConflictException>(() => CreatePolicyAsync(new HostPolicyInput("IT", "CL", new DateOnly(2021, 12, 31))));
        // Another pair, the receiving state's general policy, and the day after are all fine.
        await CreatePolicyAsync(new HostPolicyInput("IT", "CO", new DateOnly(2021, 6, 1)));
        await CreatePolicyAsync(new HostPolicyInput("IT", null, new DateOnly(2021, 6, 1)));
        await CreatePolicyAsync(new HostPolicyInput("IT", "CL", new DateOnly(2022, 1, 1)));

        Assert.Contains("from 2021-01-01 until 2021-12-31", clash.Message, StringComparison.Ordinal);
        Assert.Equal(2, await db.Read(d => d.HostPolicies.CountAsync(p => p.ReceivingStateCode == "IT" && p.SendingStateCode == "CL")));
    }

    [Fact]
    public async Task PolicyWithNegativeDaysOrEndingBeforeItStartsIsRejectedNamingEachField()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => CreatePolicyAsync(new HostPolicyInput(
            "NL", "PE", new DateOnly(2021, 6, 1), new DateOnly(2021, 5, 31), MaxVisaValidityDays: -1, ReapplyAfterYears: -3, RenewalLeadDays: -30, GraceDays: -1)));

        Assert.Equal(["graceDays", "inForceUntil", "maxVisaValidityDays", "reapplyAfterYears", "renewalLeadDays"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.False(await db.Read(d => d.HostPolicies.AnyAsync(p => p.ReceivingStateCode == "NL")));
    }
}

public sealed class SqliteVisaApplicationAndPolicyTests(SqliteTestDatabase db) : VisaApplicationAndPolicyTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresVisaApplicationAndPolicyTests(PostgresTestDatabase db) : VisaApplicationAndPolicyTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
