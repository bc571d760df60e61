using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests.Builders;

/// <summary>Valid inputs with unique names, to be changed with <c>with { }</c> where a test needs it.</summary>
public static class A
{
    /// <summary>An embassy in a uniquely named city.</summary>
    public static MissionInput Mission(string? city = null) => new("RU", "US", MissionKind.Embassy, city ?? $"City {Unique.Name()}", OpenedOn: new DateOnly(1992, 1, 1));

    /// <summary>A person with unique Latin names and a unique passport.</summary>
    public static PersonInput Person(string? familyName = null) => new(
        familyName ?? Unique.Name(), Unique.Name(), DateOfBirth: new DateOnly(1975, 4, 12), NationalityCode: "RU", Gender: Gender.Female,
        PassportNumber: Unique.DocumentNumber(), PassportType: PassportType.Diplomatic, PassportIssuingStateCode: "RU", PassportExpiresOn: new DateOnly(2026, 1, 1));

    /// <summary>An open diplomatic assignment from 2019.</summary>
    public static AssignmentInput Assignment(Guid personId, Guid missionId) =>
        new(personId, missionId, StaffCategory.Diplomatic, "First Secretary", new DateOnly(2019, 9, 1), Rank: "First Secretary", PlannedEndOn: new DateOnly(2022, 8, 31));

    /// <summary>A spouse joining the household on the principal's start date.</summary>
    public static FamilyMemberInput FamilyMember(Guid personId, Guid principalAssignmentId) =>
        new(personId, principalAssignmentId, Relationship.Spouse, new DateOnly(2019, 9, 1));

    /// <summary>A multiple-entry US visa valid one year from 2020-09-04.</summary>
    public static VisaInput Visa(Guid holderId) =>
        new(holderId, "US", "A-1", new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3), VisaEntries.Multiple, Unique.DocumentNumber(), new DateOnly(2020, 9, 1));

    /// <summary>A pending renewal filed with the United States on 2021-07-01.</summary>
    public static VisaApplicationInput VisaApplication(Guid applicantId) =>
        new(applicantId, VisaApplicationKind.Renewal, "A-1", "US", new DateOnly(2021, 7, 1));

    /// <summary>
    /// A United States policy for Russia in force for one calendar year no other test uses, so policies of different
    /// tests never overlap.
    /// </summary>
    public static HostPolicyInput HostPolicy()
    {
        var year = Unique.Year();
        return new("US", "RU", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), MaxVisaValidityDays: 365, ReapplyAfterYears: 3, RenewalLeadDays: 60, GraceDays: 30);
    }

    /// <summary>A diplomatic post established in 2010, optionally filled by an assignment of the mission.</summary>
    public static PostInput Post(Guid missionId, Guid? holderAssignmentId = null) =>
        new(missionId, $"First Secretary {Unique.Name()}", StaffCategory.Diplomatic, new DateOnly(2010, 1, 1), HolderAssignmentId: holderAssignmentId);

    /// <summary>A nomination made on 2021-08-02, expected to arrive on 2021-10-01.</summary>
    public static NominationInput Nomination(Guid postId, Guid nomineeId, Guid? visaApplicationId = null) =>
        new(postId, nomineeId, new DateOnly(2021, 8, 2), visaApplicationId, new DateOnly(2021, 10, 1));
    /// <summary>The United States asks the named persons to leave by 2021-09-03 (visas not renewed), issued 2021-07-15.</summary>
    public static DepartureOrderInput DepartureOrder(Guid missionId, IEnumerable<Guid> personIds) =>
        new(missionId, DepartureOrderKind.AskedToLeave, new DateOnly(2021, 7, 15), new DateOnly(2021, 9, 3),
            personIds.Select(id => new DepartureOrderPersonInput(id)).ToList(), Basis: "visas not renewed");

    /// <summary>A United States cap on the members of one mission from 2019, so it binds no other test's mission.</summary>
    public static StaffingCapInput StaffingCap(Guid missionId, int limit) => new("US", limit, new DateOnly(2019, 1, 1), MissionId: missionId, Note: "VCDR art. 11");
}

/// <summary>Creates records through the API, as a client would, and returns what the API answered.</summary>
public static class Create
{
    public static async Task<MissionDto> Mission(HttpClient client, MissionInput? input = null) =>
        await (await client.PostJson("/api/v1/missions", input ?? A.Mission())).Read<MissionDto>(System.Net.HttpStatusCode.Created);

    public static async Task<PersonDto> Person(HttpClient client, PersonInput? input = null) =>
        await (await client.PostJson("/api/v1/people", input ?? A.Person())).Read<PersonDto>(System.Net.HttpStatusCode.Created);

    public static async Task<AssignmentDto> Assignment(HttpClient client, AssignmentInput input) =>
        await (await client.PostJson("/api/v1/assignments", input)).Read<AssignmentDto>(System.Net.HttpStatusCode.Created);

    public static async Task<FamilyMemberDto> FamilyMember(HttpClient client, FamilyMemberInput input) =>
        await (await client.PostJson("/api/v1/family-members", input)).Read<FamilyMemberDto>(System.Net.HttpStatusCode.Created);

    public static async Task<VisaDto> Visa(HttpClient client, VisaInput input) =>
        await (await client.PostJson("/api/v1/visas", input)).Read<VisaDto>(System.Net.HttpStatusCode.Created);

    public static async Task<VisaApplicationDto> VisaApplication(HttpClient client, VisaApplicationInput input) =>
        await (await client.PostJson("/api/v1/visa-applications", input)).Read<VisaApplicationDto>(System.Net.HttpStatusCode.Created);

    public static async Task<HostPolicyDto> HostPolicy(HttpClient client, HostPolicyInput? input = null) =>
        await (await client.PostJson("/api/v1/host-policies", input ?? A.HostPolicy())).Read<HostPolicyDto>(System.Net.HttpStatusCode.Created);

    public static async Task<PostDto> Post(HttpClient client, PostInput input) =>
        await (await client.PostJson("/api/v1/posts", input)).Read<PostDto>(System.Net.HttpStatusCode.Created);

    public static async Task<NominationDto> Nomination(HttpClient client, NominationInput input) =>
        await (await client.PostJson("/api/v1/nominations", input)).Read<NominationDto>(System.Net.HttpStatusCode.Created);
    public static async Task<DepartureOrderDto> DepartureOrder(HttpClient client, DepartureOrderInput input) =>
        await (await client.PostJson("/api/v1/departure-orders", input)).Read<DepartureOrderDto>(System.Net.HttpStatusCode.Created);

    public static async Task<StaffingCapDto> StaffingCap(HttpClient client, StaffingCapInput input) =>
        await (await client.PostJson("/api/v1/staffing-caps", input)).Read<StaffingCapDto>(System.Net.HttpStatusCode.Created);

    /// <summary>A mission with one person assigned to it.</summary>
    public static async Task<(MissionDto Mission, PersonDto Person, AssignmentDto Assignment)> Posting(HttpClient client)
    {
        var mission = await Mission(client);
        var person = await Person(client);
        var assignment = await Assignment(client, A.Assignment(person.Id, mission.Id));
        return (mission, person, assignment);
    }
}
