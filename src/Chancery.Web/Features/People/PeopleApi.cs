using Chancery.Core.Common;
using Chancery.Core.People;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.People;

/// <summary>/api/v1/people, /api/v1/assignments, /api/v1/family-members.</summary>
public static class PeopleApi
{
    /// <summary>Maps the people endpoints.</summary>
    public static RouteGroupBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/people").WithTags("People").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListPeople).WithName("ListPeople").WithSummary("People; q searches names ignoring case and diacritics, Cyrillic or Latin");
        api.MapGet("/{id:guid}", GetPerson).WithName("GetPerson").WithSummary("One person");
        api.MapGet("/{id:guid}/profile", GetProfile).WithName("GetPersonProfile").WithSummary("A person with assignments, household and visas, as of a date");
        api.MapPost("/", CreatePerson).WithName("CreatePerson").WithSummary("Record a person");
        api.MapPut("/{id:guid}", UpdatePerson).WithName("UpdatePerson").WithSummary("Change a person; send the version you read");
        api.MapDelete("/{id:guid}", DeletePerson).WithName("DeletePerson").WithSummary("Delete a person with nothing else on record");
        return api;
    }

    /// <summary>Maps the assignment endpoints.</summary>
    public static RouteGroupBuilder MapAssignmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/assignments").WithTags("Assignments").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListAssignments).WithName("ListAssignments").WithSummary("Assignments by mission, person, category or a date they cover");
        api.MapGet("/{id:guid}", GetAssignment).WithName("GetAssignment").WithSummary("One assignment");
        api.MapPost("/", CreateAssignment).WithName("CreateAssignment").WithSummary("Assign a person to a mission");
        api.MapPut("/{id:guid}", UpdateAssignment).WithName("UpdateAssignment").WithSummary("Change or end an assignment; send the version you read");
        api.MapDelete("/{id:guid}", DeleteAssignment).WithName("DeleteAssignment").WithSummary("Delete an assignment entered by mistake");
        return api;
    }

    /// <summary>Maps the family member endpoints.</summary>
    public static RouteGroupBuilder MapFamilyMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/family-members").WithTags("Family members").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListFamilyMembers).WithName("ListFamilyMembers").WithSummary("Household members by mission, principal assignment or person");
        api.MapGet("/{id:guid}", GetFamilyMember).WithName("GetFamilyMember").WithSummary("One household link");
        api.MapPost("/", CreateFamilyMember).WithName("CreateFamilyMember").WithSummary("Add a person to a principal's household");
        api.MapPut("/{id:guid}", UpdateFamilyMember).WithName("UpdateFamilyMember").WithSummary("Change a household link; send the version you read");
        api.MapDelete("/{id:guid}", DeleteFamilyMember).WithName("DeleteFamilyMember").WithSummary("Remove a household link");
        return api;
    }

    static Task<Page<PersonDto>> ListPeople(string? q, string? nationality, Guid? missionId, [AsParameters] Paging paging, PersonService people, CancellationToken ct) =>
        people.ListAsync(new PersonQuery(q, nationality, missionId), paging.ToRequest(), ct);

    static async Task<Ok<PersonDto>> GetPerson(Guid id, PersonService people, CancellationToken ct) => TypedResults.Ok(await people.GetAsync(id, ct));

    static async Task<Ok<PersonProfile>> GetProfile(Guid id, DateOnly? asOf, PersonProfileService profiles, CancellationToken ct) =>
        TypedResults.Ok(await profiles.GetAsync(id, asOf, ct));

    static async Task<Created<PersonDto>> CreatePerson(PersonInput input, PersonService people, CancellationToken ct)
    {
        var created = await people.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/people/{created.Id}", created);
    }

    static async Task<Ok<PersonDto>> UpdatePerson(Guid id, PersonInput input, PersonService people, CancellationToken ct) =>
        TypedResults.Ok(await people.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeletePerson(Guid id, int? version, PersonService people, CancellationToken ct)
    {
        await people.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }

    static Task<Page<AssignmentDto>> ListAssignments(Guid? missionId, Guid? personId, StaffCategory? category, DateOnly? activeOn, [AsParameters] Paging paging, AssignmentService assignments, CancellationToken ct) =>
        assignments.ListAsync(new AssignmentQuery(missionId, personId, category, activeOn), paging.ToRequest(), ct);

    static async Task<Ok<AssignmentDto>> GetAssignment(Guid id, AssignmentService assignments, CancellationToken ct) => TypedResults.Ok(await assignments.GetAsync(id, ct));

    static async Task<Created<AssignmentDto>> CreateAssignment(AssignmentInput input, AssignmentService assignments, CancellationToken ct)
    {
        var created = await assignments.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/assignments/{created.Id}", created);
    }

    static async Task<Ok<AssignmentDto>> UpdateAssignment(Guid id, AssignmentInput input, AssignmentService assignments, CancellationToken ct) =>
        TypedResults.Ok(await assignments.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteAssignment(Guid id, int? version, AssignmentService assignments, CancellationToken ct)
    {
        await assignments.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }

    static Task<Page<FamilyMemberDto>> ListFamilyMembers(Guid? missionId, Guid? principalAssignmentId, Guid? personId, [AsParameters] Paging paging, FamilyService family, CancellationToken ct) =>
        family.ListAsync(new FamilyQuery(missionId, principalAssignmentId, personId), paging.ToRequest(), ct);

    static async Task<Ok<FamilyMemberDto>> GetFamilyMember(Guid id, FamilyService family, CancellationToken ct) => TypedResults.Ok(await family.GetAsync(id, ct));

    static async Task<Created<FamilyMemberDto>> CreateFamilyMember(FamilyMemberInput input, FamilyService family, CancellationToken ct)
    {
        var created = await family.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/family-members/{created.Id}", created);
    }

    static async Task<Ok<FamilyMemberDto>> UpdateFamilyMember(Guid id, FamilyMemberInput input, FamilyService family, CancellationToken ct) =>
        TypedResults.Ok(await family.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteFamilyMember(Guid id, int? version, FamilyService family, CancellationToken ct)
    {
        await family.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }
}
