using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Forecast;

/// <summary>One category's minimum as the API shows it.</summary>
public sealed record StaffingMinimumDto(StaffCategory Category, int Minimum, int Version);

/// <summary>A mission's minimum staffing levels, by category (categories without a minimum are left out).</summary>
public sealed record MissionStaffingMinimums(MissionDto Mission, IReadOnlyList<StaffingMinimumDto> Minimums)
{
    /// <summary>The minimum of <paramref name="category"/>, if one is set.</summary>
    public StaffingMinimumDto? For(StaffCategory category) => Minimums.FirstOrDefault(m => m.Category == category);
}

/// <summary>
/// One category's change: <see cref="Minimum"/> sets it (0 or more), null removes it; <see cref="Version"/> is the
/// version read, required when the category already has a minimum.
/// </summary>
public sealed record StaffingMinimumInput(StaffCategory? Category, int? Minimum, int? Version = null);

/// <summary>What a client sends: the categories to set or remove; categories not listed keep their minimum.</summary>
public sealed record StaffingMinimumsInput(IReadOnlyList<StaffingMinimumInput>? Minimums);

/// <summary>
/// Reads and sets minimum staffing levels. They are visible with their mission; the mission's administrators and the
/// protocol officers of its receiving state may set them (both sides judge what the mission needs).
/// </summary>
public sealed class StaffingMinimumService(ChanceryDbContext db, ScopedData data, MissionService missions)
{
    /// <summary>Most persons a minimum may name: far above any mission's size, so a typo is caught.</summary>
    public const int MaxMinimum = 10_000;

    /// <summary>The categories a minimum may be set for: members of the mission (private servants are not, VCDR art. 1(h)).</summary>
    public static readonly IReadOnlyList<StaffCategory> Categories = [.. Enum.GetValues<StaffCategory>().Where(c => c != StaffCategory.PrivateServant)];

    /// <summary>The minimums of <paramref name="missionId"/>; not found (404) when the caller may not see the mission.</summary>
    public async Task<MissionStaffingMinimums> GetAsync(Guid missionId, CancellationToken ct)
    {
        var mission = await missions.GetAsync(missionId, ct).ConfigureAwait(false);
        return new(mission, await ForMissionAsync(db, missionId, ct).ConfigureAwait(false));
    }

    /// <summary>Sets or removes the listed categories' minimums in one transaction; a stale version fails with a conflict (409).</summary>
    public async Task<MissionStaffingMinimums> SetAsync(Guid missionId, StaffingMinimumsInput? input, CancellationToken ct)
    {
        await db.InTransactionAsync(async c =>
        {
            var mission = await missions.GetAsync(missionId, c).ConfigureAwait(false);
            if (!data.Scope.CanEditRegistryOf(missionId) && !data.Scope.CanEditMissionIn(mission.ReceivingStateCode))
                throw new ForbiddenException("Minimum staffing levels are set by the mission's administrators or the protocol officers of its receiving state.");
            var existing = await db.StaffingMinimums.Where(m => m.MissionId == missionId).ToDictionaryAsync(m => m.Category, c).ConfigureAwait(false);
            var items = Validate(input, existing);
            foreach (var item in items)
            {
                var category = item.Category!.Value;
                if (existing.TryGetValue(category, out var row))
                {
                    db.ExpectVersion(row, item.Version!.Value);
                    if (item.Minimum is { } minimum) row.Minimum = minimum;
                    else db.Remove(row);
                }
                else if (item.Minimum is { } minimum)
                {
                    db.Add(new StaffingMinimum { MissionId = missionId, Category = category, Minimum = minimum });
                }
            }
            try
            {
                await db.SaveChangesAsync(c).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (DatabaseInitializer.IsUniqueViolation(ex))
            {
                // Two first settings of the same category at once: the second is told, like any stale edit, instead of a 500.
                throw new ConflictException("A minimum for this category was set by someone else meanwhile; reload the minimums and make your change again.");
            }
            return true;
        }, ct).ConfigureAwait(false);
        return await GetAsync(missionId, ct).ConfigureAwait(false);
    }

    /// <summary>The minimums of one mission, unscoped: the caller has already checked the mission is visible.</summary>
    internal static async Task<IReadOnlyList<StaffingMinimumDto>> ForMissionAsync(ChanceryDbContext db, Guid missionId, CancellationToken ct) =>
        [.. (await db.StaffingMinimums.AsNoTracking().Where(m => m.MissionId == missionId)
            .Select(m => new StaffingMinimumDto(m.Category, m.Minimum, m.Version)).ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(m => m.Category)];

    private static List<StaffingMinimumInput> Validate(StaffingMinimumsInput? input, Dictionary<StaffCategory, StaffingMinimum> existing)
    {
        var v = new Validator();
        if (input?.Minimums is not { } items)
        {
            v.Add("minimums", "minimums is required: a list of { category, minimum, version }, minimum null to remove one.").ThrowIfAny();
            return [];
        }
        var seen = new HashSet<StaffCategory>();
        var names = string.Join(", ", Categories);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"minimums[{i}]";
            if (item is null)
            {
                v.Add(field, $"{field} is empty; give a category and a minimum.");
                continue;
            }
            if (item.Category is not { } category)
                v.Add($"{field}.category", $"{field}.category is required: one of {names}.");
            else if (!Categories.Contains(category))
                v.Add($"{field}.category", $"{field}.category {category} cannot have a minimum: private servants are not members of the mission; use one of {names}.");
            else if (!seen.Add(category))
                v.Add($"{field}.category", $"{field}.category {category} is listed twice; give each category once.");
            else if (existing.ContainsKey(category) && item.Version is null)
                v.Add($"{field}.version", $"{field}.version is required: {category} already has a minimum; send the version you read, so a newer change is not overwritten.");
            if (item.Minimum is < 0 or > MaxMinimum)
                v.Add($"{field}.minimum", $"{field}.minimum {item.Minimum} is out of range; use 0 to {MaxMinimum}, or leave it out to remove the minimum.");
        }
        v.ThrowIfAny();
        return [.. items];
    }
}
