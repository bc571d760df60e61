using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Visas;

/// <summary>Builds a person's visa timeline with a fixed handful of queries, whatever the length of the record.</summary>
public sealed class VisaTimelineService(ChanceryDbContext db, ScopedData data, PersonService people, HostPolicyService policies, DefaultAsOf defaultAsOf)
{
    /// <summary>
    /// The timeline of <paramref name="personId"/> as of <paramref name="asOf"/> (today by default). Statuses carry the
    /// grace days of the host policy in force that day for the visa's issuing state and the sending state the person serves.
    /// </summary>
    public async Task<VisaTimeline> GetAsync(Guid personId, DateOnly? asOf, CancellationToken ct)
    {
        var date = defaultAsOf.Resolve(asOf);
        await people.GetAsync(personId, ct).ConfigureAwait(false);
        var presence = await PresenceAsync(personId, ct).ConfigureAwait(false);
        var visas = await db.Visas.AsNoTracking().Where(v => v.HolderId == personId).ToListAsync(ct).ConfigureAwait(false);
        var applications = await db.VisaApplications.AsNoTracking().Where(a => a.ApplicantId == personId).ToListAsync(ct).ConfigureAwait(false);
        var inForce = await policies.InForceOnAsync(visas.Select(v => v.IssuingStateCode), date, ct).ConfigureAwait(false);
        return VisaTimelineRules.Build(personId, visas, applications, presence, date,
            v => inForce.GraceDays(v.IssuingStateCode, VisaTimelineRules.SendingStateIn(presence, v.IssuingStateCode, date)));
    }

    // Assignments, and household links through the principal's assignment, at missions the caller sees.
    private async Task<List<Presence>> PresenceAsync(Guid personId, CancellationToken ct)
    {
        var assigned = await data.Assignments.AsNoTracking().Where(a => a.PersonId == personId)
            .Select(a => new Presence(a.Mission!.ReceivingStateCode, a.Mission.SendingStateCode, a.StartOn, a.EndedOn))
            .ToListAsync(ct).ConfigureAwait(false);
        var household = await data.FamilyMembers.AsNoTracking().Where(f => f.PersonId == personId)
            .Select(f => new Presence(f.PrincipalAssignment!.Mission!.ReceivingStateCode, f.PrincipalAssignment.Mission.SendingStateCode, f.StartOn, f.EndedOn))
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. assigned, .. household];
    }
}
