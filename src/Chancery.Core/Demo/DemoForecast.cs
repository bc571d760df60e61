using Chancery.Core.Data;
using Chancery.Core.Forecast;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Demo;

/// <summary>
/// The forecast part of the reference scenario: the minimum staffing Russia's embassy in Washington needs to function.
/// From 2021-08-15 the forecast shows the cliff after 2021-09-03 (30 diplomats down to 6, below the minimum of 20 in
/// every run), the few nominees trickling in at the United States' slow processing times, and the administrative and
/// technical staff drifting towards their minimum as visas lapse unrenewed. Runs inside the demo seeder's transaction.
/// </summary>
public static class DemoForecast
{
    /// <summary>The embassy's minimum staffing by category.</summary>
    public static readonly IReadOnlyDictionary<StaffCategory, int> Minimums = new Dictionary<StaffCategory, int>
    {
        [StaffCategory.HeadOfMission] = 1,
        [StaffCategory.Diplomatic] = 20,
        [StaffCategory.AdministrativeTechnical] = 8,
        [StaffCategory.Service] = 4,
    };

    /// <summary>Adds the minimums unless the embassy has some already; returns whether it wrote.</summary>
    public static async Task<bool> SeedAsync(ChanceryDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var embassy = await db.Missions.Where(m => m.SendingStateCode == DemoSeeder.SendingState && m.ReceivingStateCode == DemoSeeder.HostState
            && m.Kind == MissionKind.Embassy && m.City == "Washington").Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (embassy is not { } id || await db.StaffingMinimums.AnyAsync(m => m.MissionId == id, ct).ConfigureAwait(false)) return false;
        db.StaffingMinimums.AddRange(Minimums.Select(m => new StaffingMinimum { MissionId = id, Category = m.Key, Minimum = m.Value }));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }
}
