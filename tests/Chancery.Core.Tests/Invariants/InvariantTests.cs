using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Invariants;

/// <summary>
/// The invariants the services enforce, each shown to reject bad data and to write nothing.
/// Runs once per database provider (see the two subclasses below).
/// </summary>
public abstract class InvariantTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    [Fact]
    public async Task VisaValidUntilBeforeValidFromIsRejectedAndNotWritten()
    {
        var holder = await db.CreatePersonAsync();
        var input = A.Visa(holder.Id) with { ValidFrom = new DateOnly(2025, 3, 1), ValidUntil = new DateOnly(2025, 2, 28) };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreateVisaAsync(input));

        Assert.Contains("validUntil", error.Errors.Keys);
        Assert.Equal(0, await db.Read(d => d.Visas.CountAsync(v => v.HolderId == holder.Id)));
    }

    [Fact]
    public async Task VisaValidForASingleDayIsAccepted()
    {
        var holder = await db.CreatePersonAsync();
        var day = new DateOnly(2025, 3, 1);

        var visa = await db.CreateVisaAsync(A.Visa(holder.Id) with { ValidFrom = day, ValidUntil = day });

        Assert.Equal(day, visa.ValidUntil);
    }

    [Fact]
    public async Task MissionWhoseSendingAndReceivingStatesAreTheSameIsRejectedAndNotWritten()
    {
        var input = A.Mission("FR", "fr");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreateMissionAsync(input));

        Assert.Contains("receivingStateCode", error.Errors.Keys);
        Assert.False(await db.Read(d => d.Missions.AnyAsync(m => m.City == input.City)));
    }

    [Fact]
    public async Task MissionUpdatedToTheSameStatesIsRejectedAndKeepsItsStates()
    {
        var mission = await db.CreateMissionAsync();
        var input = A.Mission("DE", "DE") with { City = mission.City, Version = mission.Version };

        await Assert.ThrowsAsync<ValidationFailedException>(() => db.With<MissionService, MissionDto>(s => s.UpdateAsync(mission.Id, input, default)));

        var stored = await db.Read(d => d.Missions.SingleAsync(m => m.Id == mission.Id));
        Assert.Equal(("FR", "DE", 1), (stored.SendingStateCode, stored.ReceivingStateCode, stored.Version));
    }

    [Fact]
    public async Task SecondOpenAssignmentAtTheSameMissionIsAConflictAndNotWritten()
    {
        var mission = await db.CreateMissionAsync();
        var person = await db.CreatePersonAsync();
        await db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id));

        await Assert.ThrowsAsync<ConflictException>(() =>
            db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id) with { Title = "Counsellor", StartOn = new DateOnly(2025, 1, 1) }));

        Assert.Equal(1, await db.Read(d => d.Assignments.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task OpenAssignmentAfterAnEndedOneAtTheSameMissionIsAccepted()
    {
        var mission = await db.CreateMissionAsync();
        var person = await db.CreatePersonAsync();
        await db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id) with
        {
            StartOn = new DateOnly(2020, 1, 1),
            EndedOn = new DateOnly(2023, 1, 1),
            EndReason = EndReason.EndOfTour,
        });

        await db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id));

        Assert.Equal(2, await db.Read(d => d.Assignments.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task FamilyMemberOfAnUnknownPrincipalAssignmentIsRejectedAndNotWritten()
    {
        var spouse = await db.CreatePersonAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreateFamilyMemberAsync(A.Spouse(spouse.Id, Guid.NewGuid())));

        Assert.Contains("principalAssignmentId", error.Errors.Keys);
        Assert.False(await db.Read(d => d.FamilyMembers.AnyAsync(f => f.PersonId == spouse.Id)));
    }

    [Fact]
    public async Task PrincipalCannotBeAMemberOfTheirOwnHousehold()
    {
        var principal = await db.CreatePrincipalAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            db.CreateFamilyMemberAsync(A.Spouse(principal.PersonId, principal.Id)));

        Assert.Contains("personId", error.Errors.Keys);
        Assert.False(await db.Read(d => d.FamilyMembers.AnyAsync(f => f.PrincipalAssignmentId == principal.Id)));
    }

    [Fact]
    public async Task SpouseOfAnAssignedPrincipalIsRecorded()
    {
        var principal = await db.CreatePrincipalAsync();
        var spouse = await db.CreatePersonAsync();

        var member = await db.CreateFamilyMemberAsync(A.Spouse(spouse.Id, principal.Id));

        Assert.Equal((principal.PersonId, principal.MissionId), (member.PrincipalPersonId, member.MissionId));
    }

    [Fact]
    public async Task SamePassportNumberFromTheSameIssuingStateIsAConflictAndNotWritten()
    {
        var first = await db.CreatePersonAsync();
        // Same number typed with a space and in lower case: the service normalises before comparing.
        var lowerWithSpace = first.PassportNumber![..3].ToLowerInvariant() + " " + first.PassportNumber[3..];

        await Assert.ThrowsAsync<ConflictException>(() =>
            db.CreatePersonAsync(A.Person("Смирнов", "Олег", "Smirnov", "Oleg") with { PassportNumber = lowerWithSpace }));

        Assert.Equal(1, await db.Read(d => d.People.CountAsync(p => p.PassportNumber == first.PassportNumber)));
    }

    [Fact]
    public async Task SamePassportNumberFromAnotherIssuingStateIsAccepted()
    {
        var first = await db.CreatePersonAsync();

        var second = await db.CreatePersonAsync(A.Person() with { PassportNumber = first.PassportNumber, PassportIssuingStateCode = "UA", NationalityCode = "UA" });

        Assert.Equal(first.PassportNumber, second.PassportNumber);
        Assert.Equal(2, await db.Read(d => d.People.CountAsync(p => p.PassportNumber == first.PassportNumber)));
    }

    [Fact]
    public async Task TextsLongerThanTheirColumnsAreRejectedAndNotWritten()
    {
        var tooLongName = new string('Ж', FieldLimits.Name + 1);
        var person = A.Person(familyName: tooLongName) with { PassportNumber = new string('9', FieldLimits.DocumentNumber + 1) };
        var mission = A.Mission() with { City = new string('x', FieldLimits.Name + 1) };

        var personError = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreatePersonAsync(person));
        var missionError = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreateMissionAsync(mission));

        Assert.Contains("familyName", personError.Errors.Keys);
        Assert.Contains("passportNumber", personError.Errors.Keys);
        Assert.Contains("city", missionError.Errors.Keys);
        Assert.False(await db.Read(d => d.People.AnyAsync(p => p.FamilyName == tooLongName)));
        Assert.False(await db.Read(d => d.Missions.AnyAsync(m => m.City == mission.City)));
    }

    [Fact]
    public async Task TextsExactlyAtTheirLimitsAreAccepted()
    {
        var name = new string('Ж', FieldLimits.Name);

        var person = await db.CreatePersonAsync(A.Person(familyName: name) with { PassportNumber = A.Unique() + new string('9', FieldLimits.DocumentNumber - 10) });

        Assert.Equal(name, person.FamilyName);
        Assert.Equal(FieldLimits.DocumentNumber, person.PassportNumber!.Length);
    }

    [Fact]
    public async Task UnknownStateCodesAreRejectedAndNotWritten()
    {
        var mission = A.Mission("XA", "DE");
        var person = A.Person() with { NationalityCode = "XB", PassportIssuingStateCode = "SU" };

        var missionError = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreateMissionAsync(mission));
        var personError = await Assert.ThrowsAsync<ValidationFailedException>(() => db.CreatePersonAsync(person));

        Assert.Contains("sendingStateCode", missionError.Errors.Keys);
        Assert.Contains("nationalityCode", personError.Errors.Keys);
        Assert.Contains("passportIssuingStateCode", personError.Errors.Keys);
        Assert.False(await db.Read(d => d.Missions.AnyAsync(m => m.City == mission.City)));
        Assert.False(await db.Read(d => d.People.AnyAsync(p => p.PassportNumber == person.PassportNumber)));
    }

    [Fact]
    public async Task UpdateBasedOnAStaleVersionFailsAndKeepsTheNewerChange()
    {
        var mission = await db.CreateMissionAsync();
        var read = A.Mission() with { City = mission.City, Version = mission.Version };
        var first = await db.With<MissionService, MissionDto>(s => s.UpdateAsync(mission.Id, read with { City = "Bonn " + A.Unique() }, default));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            db.With<MissionService, MissionDto>(s => s.UpdateAsync(mission.Id, read with { City = "Berlin " + A.Unique() }, default)));

        var stored = await db.Read(d => d.Missions.SingleAsync(m => m.Id == mission.Id));
        Assert.Equal((first.City, 2), (stored.City, stored.Version));
    }

    [Fact]
    public async Task StaleVersionOfAPersonIsRejectedToo()
    {
        var person = await db.CreatePersonAsync();
        var input = A.Person() with { PassportNumber = person.PassportNumber, Version = person.Version };
        await db.With<PersonService, PersonDto>(s => s.UpdateAsync(person.Id, input with { GivenNames = "Мария" }, default));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            db.With<PersonService, PersonDto>(s => s.UpdateAsync(person.Id, input with { GivenNames = "Ольга" }, default)));

        Assert.Equal("Мария", await db.Read(d => d.People.Where(p => p.Id == person.Id).Select(p => p.GivenNames).SingleAsync()));
    }

    [Fact]
    public async Task LongestNamesTheValidationAllowsCanBeStored()
    {
        // Щ romanises to four letters, in both systems: the folded search key is far longer than the names.
        var name = new string('Щ', FieldLimits.Name);

        var person = await db.CreatePersonAsync(A.Person(name, name, new string('S', FieldLimits.Name), new string('S', FieldLimits.Name)));

        Assert.Equal(name, person.FamilyName);
    }

    [Fact]
    public async Task StaffCountFollowsTheClock()
    {
        var principal = await db.CreatePrincipalAsync();
        await db.With<AssignmentService, AssignmentDto>(s => s.UpdateAsync(principal.Id, A.Assignment(principal.PersonId, principal.MissionId) with
        {
            EndedOn = db.Clock.Today().AddDays(10),
            EndReason = EndReason.AskedToLeave,
            Version = principal.Version,
        }, default));
        async Task<int> StaffToday() => (await db.With<MissionService, MissionDto>(s => s.GetAsync(principal.MissionId, default))).StaffCount;

        var before = await StaffToday();
        db.Clock.Advance(TimeSpan.FromDays(11)); // time only moves forward; no other test depends on the date
        var after = await StaffToday();

        Assert.Equal((1, 0), (before, after));
    }

    [Fact]
    public async Task SearchFindsCyrillicNamesFromEitherLatinSpellingAndLatinNamesFromCyrillic()
    {
        var marker = A.Unique();
        var cyrillic = await db.CreatePersonAsync(A.Person("Воробьёв" + marker, "Юрий", null, null));
        var latinOnly = await db.CreatePersonAsync(A.Person("Zaitsev" + marker, "Iurii", "Zaitsev" + marker, "Iurii"));
        async Task<Guid[]> Search(string q) => [.. (await db.With<PersonService, Page<PersonDto>>(s => s.ListAsync(new PersonQuery(q), new PageRequest(), default)))
            .Items.Select(p => p.Id).Order()];

        Assert.Equal([cyrillic.Id], await Search($"yuriy vorobev{marker}"));
        Assert.Equal([cyrillic.Id], await Search($"IURII VOROBEV{marker}"));
        Assert.Equal([latinOnly.Id], await Search($"Зайцев{marker}"));
        Assert.Equal(new[] { cyrillic.Id, latinOnly.Id }.Order(), await Search($"Юрий {marker}"));
    }
}

public sealed class SqliteInvariantTests(SqliteTestDatabase db) : InvariantTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresInvariantTests(PostgresTestDatabase db) : InvariantTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
