using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Missions;

/// <summary>
/// A visa summarised for a roster: what it is, until when, and its state on the roster's date, counting the grace
/// period of the host policy in force; <see cref="GraceUntil"/> is the last day of that grace, when a policy gives one.
/// </summary>
public sealed record VisaSummary(
    Guid Id, string IssuingStateCode, string CategoryCode, DateOnly ValidFrom, DateOnly ValidUntil, VisaStatus Status, DateOnly? CancelledOn, DateOnly? GraceUntil = null);

/// <summary>A household member on a roster.</summary>
public sealed record RosterFamilyMember(Guid FamilyMemberId, Guid PersonId, string Name, string? OriginalName, Relationship Relationship, DateOnly? DateOfBirth, VisaSummary? Visa);

/// <summary>A staff member on a roster, with their household.</summary>
public sealed record RosterEntry(
    Guid AssignmentId, Guid PersonId, string Name, string? OriginalName, StaffCategory Category, string Title, string? Rank,
    DateOnly StartOn, DateOnly? PlannedEndOn, VisaSummary? Visa, IReadOnlyList<RosterFamilyMember> Family);

/// <summary>Who serves at a mission on a date, by category, with families and visa validity.</summary>
public sealed record MissionRoster(MissionDto Mission, DateOnly AsOf, IReadOnlyList<RosterEntry> Staff)
{
    /// <summary>Members of the mission (VCDR art. 1; private servants are not members).</summary>
    public int MemberCount => Staff.Count(s => s.Category != StaffCategory.PrivateServant);

    /// <summary>Family members at post.</summary>
    public int FamilyCount => Staff.Sum(s => s.Family.Count);
}

/// <summary>Builds mission rosters with four set-based queries (staff, families, visas, host policies), whatever the mission's size.</summary>
public sealed class MissionRosterService(ChanceryDbContext db, MissionService missions, HostPolicyService policies, DefaultAsOf defaultAsOf)
{
    /// <summary>The roster of <paramref name="missionId"/> on <paramref name="asOf"/> (today by default).</summary>
    public async Task<MissionRoster> GetAsync(Guid missionId, DateOnly? asOf, CancellationToken ct)
    {
        var date = defaultAsOf.Resolve(asOf);
        var mission = await missions.GetAsync(missionId, ct).ConfigureAwait(false);
        var staff = await db.Assignments.AsNoTracking()
            .Where(a => a.MissionId == missionId && a.StartOn <= date && (a.EndedOn == null || a.EndedOn >= date))
            .Select(a => new { a.Id, a.PersonId, a.Person!.FamilyName, a.Person.GivenNames, a.Person.FamilyNameLatin, a.Person.GivenNamesLatin, a.Category, a.Title, a.Rank, a.StartOn, a.PlannedEndOn })
            .ToListAsync(ct).ConfigureAwait(false);
        var assignmentIds = staff.Select(s => s.Id).ToList();
        var family = await db.FamilyMembers.AsNoTracking()
            .Where(f => assignmentIds.Contains(f.PrincipalAssignmentId) && f.StartOn <= date && (f.EndedOn == null || f.EndedOn >= date))
            .Select(f => new { f.Id, f.PersonId, f.PrincipalAssignmentId, f.Relationship, f.Person!.FamilyName, f.Person.GivenNames, f.Person.FamilyNameLatin, f.Person.GivenNamesLatin, f.Person.DateOfBirth })
            .ToListAsync(ct).ConfigureAwait(false);
        var personIds = staff.Select(s => s.PersonId).Concat(family.Select(f => f.PersonId)).Distinct().ToList();
        var visas = (await db.Visas.AsNoTracking().Where(v => personIds.Contains(v.HolderId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(v => v.HolderId);
        // The grace period is the receiving state's rule for this mission's sending state (a visa of another state, its rule).
        var inForce = await policies.InForceOnAsync(visas.SelectMany(g => g).Select(v => v.IssuingStateCode).Append(mission.ReceivingStateCode), date, ct).ConfigureAwait(false);

        VisaSummary? VisaOf(Guid personId)
        {
            if (VisaRules.Current(visas[personId], date) is not { } v) return null;
            var grace = inForce.GraceDays(v.IssuingStateCode, mission.SendingStateCode);
            var status = VisaRules.StatusOn(v, date, graceDays: grace);
            return new VisaSummary(v.Id, v.IssuingStateCode, v.CategoryCode, v.ValidFrom, v.ValidUntil, status, v.CancelledOn,
                VisaTimelineRules.GraceUntil(v, status, grace));
        }

        var familyByPrincipal = family.ToLookup(f => f.PrincipalAssignmentId);
        var entries = staff
            .Select(s => new RosterEntry(
                s.Id, s.PersonId, Names.Display(s.FamilyName, s.GivenNames, s.FamilyNameLatin, s.GivenNamesLatin),
                Names.Original(s.FamilyName, s.GivenNames, s.FamilyNameLatin), s.Category, s.Title, s.Rank, s.StartOn, s.PlannedEndOn, VisaOf(s.PersonId),
                [.. familyByPrincipal[s.Id].OrderBy(f => f.Relationship).ThenBy(f => f.DateOfBirth)
                    .Select(f => new RosterFamilyMember(f.Id, f.PersonId, Names.Display(f.FamilyName, f.GivenNames, f.FamilyNameLatin, f.GivenNamesLatin),
                        Names.Original(f.FamilyName, f.GivenNames, f.FamilyNameLatin), f.Relationship, f.DateOfBirth, VisaOf(f.PersonId)))]))
            .OrderBy(e => e.Category).ThenBy(e => e.Name, StringComparer.CurrentCulture)
            .ToList();
        return new MissionRoster(mission, date, entries);
    }
}

/// <summary>How names are shown.</summary>
public static class Names
{
    /// <summary>"Latin family, Latin given" when a Latin form exists, else the original.</summary>
    public static string Display(string family, string given, string? familyLatin, string? givenLatin) =>
        familyLatin is { Length: > 0 } ? $"{familyLatin}, {givenLatin ?? given}" : $"{family}, {given}";

    /// <summary>
    /// <see cref="Display(string, string, string?, string?)"/> of the current row of a large read, from the columns of the
    /// four names, made as one string rather than one for each part.
    /// </summary>
    internal static string Display(RowReader rows, int family, int given, int familyLatin, int givenLatin) =>
        rows.IsNullOrEmpty(familyLatin) ? rows.Join(family, ", ", given) : rows.Join(familyLatin, ", ", rows.IsNull(givenLatin) ? given : givenLatin);

    /// <summary>The original-script name when it differs from the Latin form.</summary>
    public static string? Original(string family, string given, string? familyLatin) =>
        familyLatin is { Length: > 0 } && familyLatin != family ? $"{family} {given}" : null;
}
