using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;

namespace Chancery.Core.Tests.Builders;

/// <summary>Creates rows through the services, so test data obeys the same rules as user data.</summary>
public static class TestDatabaseExtensions
{
    public static Task<MissionDto> CreateMissionAsync(this TestDatabase db, MissionInput? input = null) =>
        db.With<MissionService, MissionDto>(s => s.CreateAsync(input ?? A.Mission(), default));

    public static Task<PersonDto> CreatePersonAsync(this TestDatabase db, PersonInput? input = null) =>
        db.With<PersonService, PersonDto>(s => s.CreateAsync(input ?? A.Person(), default));

    public static Task<AssignmentDto> CreateAssignmentAsync(this TestDatabase db, AssignmentInput input) =>
        db.With<AssignmentService, AssignmentDto>(s => s.CreateAsync(input, default));

    public static Task<FamilyMemberDto> CreateFamilyMemberAsync(this TestDatabase db, FamilyMemberInput input) =>
        db.With<FamilyService, FamilyMemberDto>(s => s.CreateAsync(input, default));

    public static Task<VisaDto> CreateVisaAsync(this TestDatabase db, VisaInput input) =>
        db.With<VisaService, VisaDto>(s => s.CreateAsync(input, default));

    /// <summary>A person with an open assignment at a new mission: a principal, as family links need.</summary>
    public static async Task<AssignmentDto> CreatePrincipalAsync(this TestDatabase db)
    {
        var mission = await db.CreateMissionAsync();
        var person = await db.CreatePersonAsync();
        return await db.CreateAssignmentAsync(A.Assignment(person.Id, mission.Id));
    }
}
