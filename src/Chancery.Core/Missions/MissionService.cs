using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Missions;

/// <summary>A mission as lists and the API show it.</summary>
public sealed record MissionDto(
    Guid Id, string SendingStateCode, string SendingStateName, string ReceivingStateCode, string ReceivingStateName,
    MissionKind Kind, string City, MissionStatus Status, DateOnly? OpenedOn, DateOnly? ClosedOn, int StaffCount, int Version)
{
    /// <summary>"Embassy of Russia in Washington".</summary>
    public string Label => $"{MissionLabels.Kind(Kind)} of {SendingStateName} in {City}";
}

/// <summary>What a client sends to create or update a mission. Fields are nullable so a missing one is named in the error.</summary>
public sealed record MissionInput(
    string? SendingStateCode, string? ReceivingStateCode, MissionKind? Kind, string? City,
    MissionStatus? Status = null, DateOnly? OpenedOn = null, DateOnly? ClosedOn = null, int? Version = null);

/// <summary>Filters for the mission list.</summary>
public sealed record MissionQuery(string? SendingState = null, string? ReceivingState = null, MissionKind? Kind = null, MissionStatus? Status = null, string? Q = null);

/// <summary>Human labels.</summary>
public static class MissionLabels
{
    /// <summary>"Consulate-general" rather than ConsulateGeneral.</summary>
    public static string Kind(MissionKind kind) => kind switch
    {
        MissionKind.ConsulateGeneral => "Consulate-general",
        MissionKind.PermanentMission => "Permanent mission",
        _ => kind.ToString(),
    };
}

/// <summary>Reads and writes missions.</summary>
public sealed class MissionService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["city", "sending", "receiving", "kind", "staff"];

    /// <summary>Missions matching the filters, one page.</summary>
    public async Task<Page<MissionDto>> ListAsync(MissionQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var query = data.Missions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.SendingState)) query = query.Where(m => m.SendingStateCode == filter.SendingState.Trim().ToUpper());
        if (!string.IsNullOrWhiteSpace(filter.ReceivingState)) query = query.Where(m => m.ReceivingStateCode == filter.ReceivingState.Trim().ToUpper());
        if (filter.Kind is { } kind) query = query.Where(m => m.Kind == kind);
        if (filter.Status is { } status) query = query.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var term = filter.Q.Trim().ToLower();
            var codes = StateCatalog.All.Where(s => s.Name.Contains(filter.Q.Trim(), StringComparison.OrdinalIgnoreCase)).Select(s => s.Code).ToList();
            query = query.Where(m => m.City.ToLower().Contains(term) || codes.Contains(m.SendingStateCode) || codes.Contains(m.ReceivingStateCode));
        }
        var today = defaultAsOf.Today();
        var projected = query.Select(m => new
        {
            Mission = m,
            Staff = m.Assignments.Count(a => a.Category != StaffCategory.PrivateServant && a.StartOn <= today && (a.EndedOn == null || a.EndedOn >= today)),
        });
        projected = (page.SortKey("city"), page.Descending) switch
        {
            ("sending", false) => projected.OrderBy(x => x.Mission.SendingStateCode).ThenBy(x => x.Mission.City),
            ("sending", true) => projected.OrderByDescending(x => x.Mission.SendingStateCode).ThenBy(x => x.Mission.City),
            ("receiving", false) => projected.OrderBy(x => x.Mission.ReceivingStateCode).ThenBy(x => x.Mission.City),
            ("receiving", true) => projected.OrderByDescending(x => x.Mission.ReceivingStateCode).ThenBy(x => x.Mission.City),
            ("kind", var descending) => projected.OrderByDeclaration(x => x.Mission.Kind, descending).ThenBy(x => x.Mission.City),
            ("staff", false) => projected.OrderBy(x => x.Staff).ThenBy(x => x.Mission.City),
            ("staff", true) => projected.OrderByDescending(x => x.Staff).ThenBy(x => x.Mission.City),
            (_, true) => projected.OrderByDescending(x => x.Mission.City).ThenBy(x => x.Mission.Id),
            _ => projected.OrderBy(x => x.Mission.City).ThenBy(x => x.Mission.Id),
        };
        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var rows = await projected.Skip((page.PageNumber - 1) * page.PageSize).Take(page.PageSize).ToListAsync(ct).ConfigureAwait(false);
        return new([.. rows.Select(r => ToDto(r.Mission, r.Staff))], total, page.PageNumber, page.PageSize);
    }

    /// <summary>One mission.</summary>
    public async Task<MissionDto> GetAsync(Guid id, CancellationToken ct)
    {
        var today = defaultAsOf.Today();
        var row = await data.Missions.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { Mission = m, Staff = m.Assignments.Count(a => a.Category != StaffCategory.PrivateServant && a.StartOn <= today && (a.EndedOn == null || a.EndedOn >= today)) })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? throw new NotFoundException("Mission", id);
        return ToDto(row.Mission, row.Staff);
    }

    /// <summary>Creates a mission after checking its invariants.</summary>
    public async Task<MissionDto> CreateAsync(MissionInput input, CancellationToken ct)
    {
        var mission = new Mission { SendingStateCode = "", ReceivingStateCode = "", City = "" };
        Apply(mission, input);
        data.EnsureCanEditMissionIn(mission.ReceivingStateCode);
        db.Missions.Add(mission);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return ToDto(mission, 0);
    }

    /// <summary>Updates a mission; <see cref="MissionInput.Version"/> must be the version read.</summary>
    public async Task<MissionDto> UpdateAsync(Guid id, MissionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mission = await data.Missions.FirstOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Mission", id);
        data.EnsureCanEditMissionIn(mission.ReceivingStateCode);
        Apply(mission, input);
        data.EnsureCanEditMissionIn(mission.ReceivingStateCode);
        db.ExpectVersion(mission, Versions.Require(input.Version));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await GetAsync(id, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a mission that has no assignments.</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var mission = await data.Missions.FirstOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Mission", id);
        data.EnsureCanEditMissionIn(mission.ReceivingStateCode);
        var assignments = await db.Assignments.CountAsync(a => a.MissionId == id, ct).ConfigureAwait(false);
        if (assignments > 0)
            throw new ConflictException($"The mission has {assignments} assignment(s) on record; delete or move them first, or set its status to Closed.");
        if (version is { } v) db.ExpectVersion(mission, v);
        db.Missions.Remove(mission);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static void Apply(Mission mission, MissionInput? input)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A mission is required in the request body.").ThrowIfAny();
            return;
        }
        var sending = StateCodes.Check(v, "sendingStateCode", input.SendingStateCode, required: true);
        var receiving = StateCodes.Check(v, "receivingStateCode", input.ReceivingStateCode, required: true);
        if (sending is not null && sending == receiving)
            v.Add("receivingStateCode", $"receivingStateCode {receiving} is the same as sendingStateCode; a mission is sent by one state to another.");
        if (input.Kind is null) v.Add("kind", "kind is required: Embassy, ConsulateGeneral, Consulate, PermanentMission or Other.");
        var city = v.RequiredName("city", input.City);
        v.NotBefore("closedOn", input.ClosedOn, "openedOn", input.OpenedOn);
        var status = input.Status ?? (input.ClosedOn is null ? MissionStatus.Open : MissionStatus.Closed);
        if (status == MissionStatus.Closed && input.ClosedOn is null)
            v.Add("closedOn", "closedOn is required when status is Closed.");
        v.ThrowIfAny();
        mission.SendingStateCode = sending!;
        mission.ReceivingStateCode = receiving!;
        mission.Kind = input.Kind!.Value;
        mission.City = city;
        mission.Status = status;
        mission.OpenedOn = input.OpenedOn;
        mission.ClosedOn = input.ClosedOn;
    }

    private static MissionDto ToDto(Mission m, int staff) => new(
        m.Id, m.SendingStateCode, StateCodes.NameOf(m.SendingStateCode), m.ReceivingStateCode, StateCodes.NameOf(m.ReceivingStateCode),
        m.Kind, m.City, m.Status, m.OpenedOn, m.ClosedOn, staff, m.Version);
}
