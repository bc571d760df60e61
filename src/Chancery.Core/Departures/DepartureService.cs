using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Departures;

/// <summary>One named person as the API shows it, with where they stand on the as-of date.</summary>
public sealed record DepartureOrderPersonDto(
    Guid PersonId, string PersonName, Guid AssignmentId, string Title, StaffCategory Category, bool FamilyLeaves, int FamilyCount,
    DeparturePersonStatus Status, DepartureProgress StatusOn, DateOnly? DepartedOn, DateOnly? RescindedOn);

/// <summary>A departure order as the API shows it, with its progress on the as-of date.</summary>
public sealed record DepartureOrderDto(
    Guid Id, Guid MissionId, string MissionLabel, string ReceivingStateCode, DepartureOrderKind Kind, DateOnly IssuedOn, DateOnly LeaveBy,
    string? Basis, Guid? ReciprocalMeasureId, int GraceDays, DateOnly OverstayedAfter, DateOnly AsOf, DepartureCounts Counts,
    IReadOnlyList<DepartureOrderPersonDto> Persons, int Version);

/// <summary>A departure order in a list, with its counts on the as-of date.</summary>
public sealed record DepartureOrderSummaryDto(
    Guid Id, Guid MissionId, string MissionLabel, DepartureOrderKind Kind, DateOnly IssuedOn, DateOnly LeaveBy, string? Basis, DepartureCounts Counts, int Version);

/// <summary>A person to name in an order; the family leaves with them unless <see cref="FamilyLeaves"/> is false.</summary>
public sealed record DepartureOrderPersonInput(Guid? PersonId, bool? FamilyLeaves = null);

/// <summary>What a client sends to issue or change a departure order.</summary>
public sealed record DepartureOrderInput(
    Guid? MissionId, DepartureOrderKind? Kind, DateOnly? IssuedOn, DateOnly? LeaveBy, IReadOnlyList<DepartureOrderPersonInput>? Persons,
    string? Basis = null, Guid? ReciprocalMeasureId = null, int? Version = null);

/// <summary>Departures to record: the persons and the day they left.</summary>
public sealed record DeparturesInput(DateOnly? DepartedOn, IReadOnlyList<Guid>? PersonIds);

/// <summary>Persons to release from an order (all pending ones when <see cref="PersonIds"/> is empty) and the day.</summary>
public sealed record RescindInput(DateOnly? RescindedOn, IReadOnlyList<Guid>? PersonIds = null);

/// <summary>Filters for the order list.</summary>
public sealed record DepartureOrderQuery(Guid? MissionId = null, DepartureOrderKind? Kind = null, string? ReceivingState = null, DateOnly? AsOf = null);

/// <summary>
/// Departure orders: the receiving state's protocol officers issue, change and rescind them for missions in their state; recording
/// and reversing a departure is also open to the mission's own administrators (they see their staff leave). Every command is one
/// transaction; a recorded departure ends the assignment and (unless the order lets it stay) the household's stay, keeping what
/// was there before so that a reversal restores it.
/// </summary>
public sealed class DepartureService(ChanceryDbContext db, ScopedData data, DefaultAsOf defaultAsOf)
{
    /// <summary>Sort keys accepted by <see cref="ListAsync"/>.</summary>
    public static readonly string[] SortKeys = ["issued", "leaveby"];

    private IQueryable<DepartureOrder> Orders
    {
        get
        {
            if (data.Scope.SeesAllMissions) return db.DepartureOrders;
            var ids = data.Missions.Select(m => m.Id);
            return db.DepartureOrders.Where(o => ids.Contains(o.MissionId));
        }
    }

    /// <summary>Orders matching the filters, newest first by default, with their counts on the as-of date.</summary>
    public async Task<Page<DepartureOrderSummaryDto>> ListAsync(DepartureOrderQuery filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate(SortKeys);
        var date = defaultAsOf.Resolve(filter.AsOf);
        var query = Orders.AsNoTracking();
        if (filter.MissionId is { } m) query = query.Where(o => o.MissionId == m);
        if (filter.Kind is { } k) query = query.Where(o => o.Kind == k);
        if (!string.IsNullOrWhiteSpace(filter.ReceivingState)) query = query.Where(o => o.Mission!.ReceivingStateCode == filter.ReceivingState.Trim().ToUpper());
        query = (page.SortKey("issued"), page.Descending) switch
        {
            ("leaveby", false) => query.OrderBy(o => o.LeaveBy).ThenBy(o => o.Id),
            ("leaveby", true) => query.OrderByDescending(o => o.LeaveBy).ThenBy(o => o.Id),
            ("issued", false) when page.Sort is { Length: > 0 } => query.OrderBy(o => o.IssuedOn).ThenBy(o => o.Id),
            _ => query.OrderByDescending(o => o.IssuedOn).ThenByDescending(o => o.Id),
        };
        var rows = await query.ToPageAsync(page, q => q.Include(o => o.Mission), ct).ConfigureAwait(false);
        var ids = rows.Items.Select(o => o.Id).ToList();
        var persons = (await db.DepartureOrderPersons.AsNoTracking().Where(p => ids.Contains(p.OrderId))
            .Select(p => new { p.OrderId, p.Status, p.DepartedOn, p.RescindedOn }).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(p => p.OrderId);
        var policies = await PoliciesForAsync(rows.Items.Select(o => o.Mission!.ReceivingStateCode), ct).ConfigureAwait(false);
        var items = rows.Items.Select(o =>
        {
            var grace = GraceDays(policies, o);
            var counts = DepartureRules.Count(persons[o.Id].Select(p => DepartureRules.StatusOn(p.Status, p.DepartedOn, p.RescindedOn, o.LeaveBy, grace, date)));
            return new DepartureOrderSummaryDto(o.Id, o.MissionId, Label(o.Mission!), o.Kind, o.IssuedOn, o.LeaveBy, o.Basis, counts, o.Version);
        }).ToList();
        return new(items, rows.Total, rows.PageNumber, rows.PageSize);
    }

    /// <summary>One order with every named person and where they stand on the as-of date.</summary>
    public async Task<DepartureOrderDto> GetAsync(Guid id, DateOnly? asOf, CancellationToken ct)
    {
        var date = defaultAsOf.Resolve(asOf);
        var order = await Orders.AsNoTracking().Include(o => o.Mission).FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Departure order", id);
        var persons = await db.DepartureOrderPersons.AsNoTracking().Where(p => p.OrderId == id)
            .Select(p => new
            {
                p.PersonId,
                Name = (p.Person!.FamilyNameLatin ?? p.Person.FamilyName) + ", " + (p.Person.GivenNamesLatin ?? p.Person.GivenNames),
                p.AssignmentId,
                p.Assignment!.Title,
                p.Assignment.Category,
                p.FamilyLeaves,
                Family = db.FamilyMembers.Count(f => f.PrincipalAssignmentId == p.AssignmentId),
                p.Status,
                p.DepartedOn,
                p.RescindedOn,
            })
            .OrderBy(p => p.Name).ToListAsync(ct).ConfigureAwait(false);
        var grace = GraceDays(await PoliciesForAsync([order.Mission!.ReceivingStateCode], ct).ConfigureAwait(false), order);
        var rows = persons.Select(p => new DepartureOrderPersonDto(
            p.PersonId, p.Name, p.AssignmentId, p.Title, p.Category, p.FamilyLeaves, p.Family, p.Status,
            DepartureRules.StatusOn(p.Status, p.DepartedOn, p.RescindedOn, order.LeaveBy, grace, date), p.DepartedOn, p.RescindedOn)).ToList();
        return new DepartureOrderDto(order.Id, order.MissionId, Label(order.Mission), order.Mission.ReceivingStateCode, order.Kind, order.IssuedOn, order.LeaveBy,
            order.Basis, order.ReciprocalMeasureId, grace ?? 0, DepartureRules.OverstayedAfter(order.LeaveBy, grace), date,
            DepartureRules.Count(rows.Select(r => r.StatusOn)), rows, order.Version);
    }

    /// <summary>Issues an order naming many persons in one command.</summary>
    public Task<DepartureOrderDto> CreateAsync(DepartureOrderInput input, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var order = new DepartureOrder();
            await ApplyAsync(order, input, c).ConfigureAwait(false);
            db.DepartureOrders.Add(order);
            await SaveAsync(c).ConfigureAwait(false);
            return await GetAsync(order.Id, null, c).ConfigureAwait(false);
        }, ct);

    /// <summary>
    /// Changes an order: its kind, dates, basis, and the persons named (new ones are added; pending ones left out are removed;
    /// one who departed or was released stays on it). <see cref="DepartureOrderInput.Version"/> must be the version read.
    /// </summary>
    public Task<DepartureOrderDto> UpdateAsync(Guid id, DepartureOrderInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return db.InTransactionAsync(async c =>
        {
            var order = await Orders.Include(o => o.Persons).FirstOrDefaultAsync(o => o.Id == id, c).ConfigureAwait(false)
                ?? throw new NotFoundException("Departure order", id);
            await EnsureCanIssueAsync(order.MissionId, c).ConfigureAwait(false);
            if (input.MissionId is { } m && m != order.MissionId)
                throw ValidationFailedException.For("missionId", "An order cannot move to another mission; rescind it and issue a new one.");
            await ApplyAsync(order, input, c).ConfigureAwait(false);
            db.ExpectVersion(order, Versions.Require(input.Version));
            // The header may be unchanged while persons change: the order's version still moves.
            db.Entry(order).Property(o => o.Version).IsModified = true;
            await SaveAsync(c).ConfigureAwait(false);
            return await GetAsync(id, null, c).ConfigureAwait(false);
        }, ct);
    }

    /// <summary>Deletes an order entered by mistake; one under which someone departed must be rescinded instead.</summary>
    public Task DeleteAsync(Guid id, int? version, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var order = await Orders.Include(o => o.Persons).FirstOrDefaultAsync(o => o.Id == id, c).ConfigureAwait(false)
                ?? throw new NotFoundException("Departure order", id);
            await EnsureCanIssueAsync(order.MissionId, c).ConfigureAwait(false);
            var departed = order.Persons.Count(p => p.Status == DeparturePersonStatus.Departed);
            if (departed > 0)
                throw new ConflictException($"{departed} person(s) departed under this order; reverse their departures first, or rescind the order instead of deleting it.");
            if (version is { } v) db.ExpectVersion(order, v);
            db.DepartureOrders.Remove(order);
            await db.SaveChangesAsync(c).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Records that the listed persons left on one date: each assignment ends that day with the order's reason, and so does each
    /// household membership unless the order lets the family stay.
    /// </summary>
    public Task<DepartureOrderDto> RecordDeparturesAsync(Guid id, DeparturesInput input, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var order = await LoadForDepartureAsync(id, c).ConfigureAwait(false);
            var v = new Validator();
            if (input is null) v.Add("body", "Give departedOn and personIds in the request body.").ThrowIfAny();
            if (input!.DepartedOn is null) v.Add("departedOn", "departedOn is required.");
            else if (input.DepartedOn < order.IssuedOn)
                v.Add("departedOn", $"departedOn {input.DepartedOn:yyyy-MM-dd} is before the order was issued ({order.IssuedOn:yyyy-MM-dd}); give the day they left.");
            var rows = PickPersons(v, order, input.PersonIds, required: true);
            for (var i = 0; i < rows.Count; i++)
            {
                var (index, row) = rows[i];
                if (row is null) continue;
                if (row.Status != DeparturePersonStatus.Pending)
                    v.Add($"personIds[{index}]", $"personIds[{index}] is {row.Status.ToString().ToLowerInvariant()}{(row.DepartedOn is { } d ? $" on {d:yyyy-MM-dd}" : "")}; only pending persons can be recorded as departed.");
                else if (input.DepartedOn is { } on && row.Assignment!.StartOn > on)
                    v.Add($"personIds[{index}]", $"personIds[{index}] started at the mission on {row.Assignment.StartOn:yyyy-MM-dd}, after departedOn; check the date.");
            }
            v.ThrowIfAny();
            var on2 = input.DepartedOn!.Value;
            var picked = rows.Select(r => r.Row!).ToList();
            var assignmentIds = picked.Where(p => p.FamilyLeaves).Select(p => p.AssignmentId).ToList();
            var family = (await db.FamilyMembers.Where(f => assignmentIds.Contains(f.PrincipalAssignmentId) && f.StartOn <= on2 && (f.EndedOn == null || f.EndedOn > on2))
                .ToListAsync(c).ConfigureAwait(false)).ToLookup(f => f.PrincipalAssignmentId);
            var reason = DepartureRules.EndReasonFor(order.Kind);
            foreach (var row in picked)
            {
                var a = row.Assignment!;
                row.PreviousEndedOn = a.EndedOn;
                row.PreviousEndReason = a.EndReason;
                a.EndedOn = on2;
                a.EndReason = reason;
                row.Status = DeparturePersonStatus.Departed;
                row.DepartedOn = on2;
                if (!row.FamilyLeaves) continue;
                foreach (var f in family[a.Id])
                {
                    db.DepartedFamilyMembers.Add(new DepartedFamilyMember { DepartureOrderPersonId = row.Id, FamilyMemberId = f.Id, PreviousEndedOn = f.EndedOn });
                    f.EndedOn = on2;
                }
            }
            await SaveAsync(c).ConfigureAwait(false);
            return await GetAsync(id, null, c).ConfigureAwait(false);
        }, ct);

    /// <summary>Undoes a recorded departure: the assignment and household get back their previous end, and the person is pending again.</summary>
    public Task<DepartureOrderDto> ReverseDepartureAsync(Guid id, Guid personId, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var order = await LoadForDepartureAsync(id, c).ConfigureAwait(false);
            var row = order.Persons.FirstOrDefault(p => p.PersonId == personId) ?? throw new NotFoundException("Person named in the order", personId);
            if (row.Status != DeparturePersonStatus.Departed)
                throw new ConflictException($"The person is {row.Status.ToString().ToLowerInvariant()}, not departed; there is no departure to reverse.");
            var a = row.Assignment!;
            if (a.EndedOn != row.DepartedOn)
                throw new ConflictException($"The assignment's end was changed to {a.EndedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none"} after the departure was recorded; correct the assignment itself.");
            a.EndedOn = row.PreviousEndedOn;
            a.EndReason = row.PreviousEndReason;
            var ended = await db.DepartedFamilyMembers.Where(d => d.DepartureOrderPersonId == row.Id).Include(d => d.FamilyMember).ToListAsync(c).ConfigureAwait(false);
            foreach (var d in ended)
            {
                if (d.FamilyMember!.EndedOn == row.DepartedOn) d.FamilyMember.EndedOn = d.PreviousEndedOn;
                db.DepartedFamilyMembers.Remove(d);
            }
            row.Status = DeparturePersonStatus.Pending;
            row.DepartedOn = null;
            row.PreviousEndedOn = null;
            row.PreviousEndReason = null;
            await SaveAsync(c).ConfigureAwait(false);
            return await GetAsync(id, null, c).ConfigureAwait(false);
        }, ct);

    /// <summary>Releases the listed pending persons from the order (every pending person when none is listed).</summary>
    public Task<DepartureOrderDto> RescindAsync(Guid id, RescindInput input, CancellationToken ct) =>
        db.InTransactionAsync(async c =>
        {
            var order = await Orders.Include(o => o.Persons).FirstOrDefaultAsync(o => o.Id == id, c).ConfigureAwait(false)
                ?? throw new NotFoundException("Departure order", id);
            await EnsureCanIssueAsync(order.MissionId, c).ConfigureAwait(false);
            var v = new Validator();
            if (input is null) v.Add("body", "Give rescindedOn (and personIds, or none for the whole order) in the request body.").ThrowIfAny();
            if (input!.RescindedOn is null) v.Add("rescindedOn", "rescindedOn is required.");
            else if (input.RescindedOn < order.IssuedOn)
                v.Add("rescindedOn", $"rescindedOn {input.RescindedOn:yyyy-MM-dd} is before the order was issued ({order.IssuedOn:yyyy-MM-dd}).");
            var rows = input.PersonIds is { Count: > 0 }
                ? PickPersons(v, order, input.PersonIds, required: true)
                : order.Persons.Where(p => p.Status == DeparturePersonStatus.Pending).Select((p, i) => (i, (DepartureOrderPerson?)p)).ToList();
            foreach (var (index, row) in rows)
            {
                if (row is not null && row.Status != DeparturePersonStatus.Pending)
                    v.Add($"personIds[{index}]", $"personIds[{index}] is {row.Status.ToString().ToLowerInvariant()}; only pending persons can be released (reverse a departure first).");
            }
            if (rows.Count == 0) v.Add("personIds", "Nobody on this order is pending; there is nothing to rescind.");
            v.ThrowIfAny();
            foreach (var (_, row) in rows)
            {
                row!.Status = DeparturePersonStatus.Rescinded;
                row.RescindedOn = input.RescindedOn;
            }
            await SaveAsync(c).ConfigureAwait(false);
            return await GetAsync(id, null, c).ConfigureAwait(false);
        }, ct);

    /// <summary>The persons of a mission on a date, for choosing whom to name: those whose assignment there covers the date.</summary>
    public async Task<IReadOnlyList<AssignmentDto>> StaffOnAsync(Guid missionId, DateOnly? on, CancellationToken ct)
    {
        var date = defaultAsOf.Resolve(on);
        if (!await data.Missions.AnyAsync(m => m.Id == missionId, ct).ConfigureAwait(false)) throw new NotFoundException("Mission", missionId);
        return await data.Assignments.AsNoTracking()
            .Where(a => a.MissionId == missionId && a.StartOn <= date && (a.EndedOn == null || a.EndedOn >= date))
            .OrderBy(a => a.Category).ThenBy(a => a.Person!.FamilyNameLatin ?? a.Person!.FamilyName)
            .Select(a => new AssignmentDto(
                a.Id, a.PersonId, (a.Person!.FamilyNameLatin ?? a.Person.FamilyName) + ", " + (a.Person.GivenNamesLatin ?? a.Person.GivenNames),
                a.MissionId, a.Mission!.Kind, a.Mission.SendingStateCode, a.Mission.City,
                a.Category, a.Title, a.Rank, a.StartOn, a.NotifiedArrivalOn, a.PlannedEndOn, a.EndedOn, a.EndReason, a.Version))
            .ToListAsync(ct).ConfigureAwait(false);
    }

    private async Task<DepartureOrder> LoadForDepartureAsync(Guid id, CancellationToken ct)
    {
        var order = await Orders.Include(o => o.Mission).Include(o => o.Persons).ThenInclude(p => p.Assignment)
            .AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Departure order", id);
        // The receiving state's protocol officers record departures; so may the mission's own administrators.
        if (!data.Scope.CanEditMissionIn(order.Mission!.ReceivingStateCode) && !data.Scope.CanEditRegistryOf(order.MissionId))
            throw new ForbiddenException("Departures are recorded by the receiving state's protocol officers or by the mission's own administrators.");
        return order;
    }

    private static List<(int Index, DepartureOrderPerson? Row)> PickPersons(Validator v, DepartureOrder order, IReadOnlyList<Guid>? ids, bool required)
    {
        var rows = new List<(int, DepartureOrderPerson?)>();
        if (ids is null || ids.Count == 0)
        {
            if (required) v.Add("personIds", "personIds is required: list at least one person named in the order.");
            return rows;
        }
        var seen = new HashSet<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!seen.Add(ids[i])) { v.Add($"personIds[{i}]", $"personIds[{i}] {ids[i]} is listed twice; list each person once."); continue; }
            var row = order.Persons.FirstOrDefault(p => p.PersonId == ids[i]);
            if (row is null) v.Add($"personIds[{i}]", $"personIds[{i}] {ids[i]} is not named in this order; add them to the order first.");
            rows.Add((i, row));
        }
        return rows;
    }

    private async Task EnsureCanIssueAsync(Guid missionId, CancellationToken ct)
    {
        var receiving = await db.Missions.Where(m => m.Id == missionId).Select(m => m.ReceivingStateCode).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (receiving is null || !data.Scope.CanEditMissionIn(receiving))
            throw new ForbiddenException(data.Scope.ProtocolStateCode is { } s
                ? $"You issue departure orders for {s} only; this mission is received by {receiving}."
                : "Departure orders are issued by the receiving state's protocol officers.");
    }

    private async Task ApplyAsync(DepartureOrder order, DepartureOrderInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A departure order is required in the request body.").ThrowIfAny();
            return;
        }
        var missionId = order.MissionId != Guid.Empty ? order.MissionId : input.MissionId;
        if (missionId is null) v.Add("missionId", "missionId is required.");
        else if (!await data.Missions.AnyAsync(m => m.Id == missionId, ct).ConfigureAwait(false))
            v.Add("missionId", $"missionId {missionId} does not match any mission.");
        if (input.Kind is null) v.Add("kind", "kind is required: PersonaNonGrata, AskedToLeave or SizeReduction.");
        if (input.IssuedOn is null) v.Add("issuedOn", "issuedOn is required.");
        if (input.LeaveBy is null) v.Add("leaveBy", "leaveBy is required.");
        v.NotBefore("leaveBy", input.LeaveBy, "issuedOn", input.IssuedOn);
        var basis = v.Optional("basis", input.Basis, FieldLimits.Note);
        await Reciprocity.ReciprocityService.CheckLinkAsync(db, v, input.ReciprocalMeasureId, null, ct).ConfigureAwait(false);
        if (input.Persons is null || input.Persons.Count == 0) v.Add("persons", "persons is required: name at least one person.");
        v.ThrowIfAny();
        await EnsureCanIssueAsync(missionId!.Value, ct).ConfigureAwait(false);

        var issued = input.IssuedOn!.Value;
        var wanted = input.Persons!;
        var ids = wanted.Where(p => p?.PersonId is not null).Select(p => p.PersonId!.Value).Distinct().ToList();
        var existing = order.Persons.ToDictionary(p => p.PersonId);
        // One query for every named person's assignment at the mission on the issue date.
        var assignments = (await db.Assignments.AsNoTracking()
            .Where(a => a.MissionId == missionId && ids.Contains(a.PersonId) && a.StartOn <= issued && (a.EndedOn == null || a.EndedOn >= issued))
            .Select(a => new { a.Id, a.PersonId, a.StartOn }).ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(a => a.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.StartOn).First().Id);
        var orderId = order.Id;
        var pendingElsewhere = await db.DepartureOrderPersons.AsNoTracking()
            .Where(p => ids.Contains(p.PersonId) && p.OrderId != orderId && p.Status == DeparturePersonStatus.Pending)
            .Select(p => new { p.PersonId, p.OrderId }).ToListAsync(ct).ConfigureAwait(false);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var field = $"persons[{i}].personId";
            if (wanted[i]?.PersonId is not { } pid) { v.Add(field, $"{field} is required."); continue; }
            if (!seen.Add(pid)) { v.Add(field, $"{field} {pid} is named twice; name each person once."); continue; }
            if (existing.TryGetValue(pid, out var had) && had.Status != DeparturePersonStatus.Pending) continue;
            if (!assignments.ContainsKey(pid))
                v.Add(field, $"{field} {pid} has no assignment at this mission on {issued:yyyy-MM-dd}; name only the mission's staff on the issue date.");
        }
        v.ThrowIfAny();
        if (pendingElsewhere.Count > 0)
            throw new ConflictException($"{pendingElsewhere.Count} of the persons are already pending under another order ({string.Join(", ", pendingElsewhere.Select(p => p.PersonId))}); rescind them there first.");

        foreach (var gone in order.Persons.Where(p => p.Status == DeparturePersonStatus.Pending && !seen.Contains(p.PersonId)).ToList())
            order.Persons.Remove(gone);
        foreach (var p in wanted)
        {
            var pid = p.PersonId!.Value;
            if (existing.TryGetValue(pid, out var row))
            {
                row.FamilyLeaves = p.FamilyLeaves ?? row.FamilyLeaves;
                if (row.Status == DeparturePersonStatus.Pending) row.AssignmentId = assignments[pid];
                continue;
            }
            order.Persons.Add(new DepartureOrderPerson { PersonId = pid, AssignmentId = assignments[pid], FamilyLeaves = p.FamilyLeaves ?? true, Status = DeparturePersonStatus.Pending });
        }
        order.MissionId = missionId.Value;
        order.Kind = input.Kind!.Value;
        order.IssuedOn = issued;
        order.LeaveBy = input.LeaveBy!.Value;
        order.Basis = basis;
        order.ReciprocalMeasureId = input.ReciprocalMeasureId;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (DatabaseInitializer.IsUniqueViolation(ex))
        {
            throw new ConflictException("A person named here is already pending under another order, or already has an open assignment at this mission; reload and check.");
        }
    }

    private async Task<List<HostPolicy>> PoliciesForAsync(IEnumerable<string> receiving, CancellationToken ct)
    {
        var states = receiving.Distinct().ToList();
        return await db.HostPolicies.AsNoTracking().Where(p => states.Contains(p.ReceivingStateCode)).ToListAsync(ct).ConfigureAwait(false);
    }

    // Grace days of the host policy in force on the leave-by date for this mission's sending state.
    private static int? GraceDays(List<HostPolicy> policies, DepartureOrder order) =>
        PolicyRules.InForce(policies, order.Mission!.ReceivingStateCode, order.Mission.SendingStateCode, order.LeaveBy)?.GraceDays;

    private static string Label(Mission m) => $"{MissionLabels.Kind(m.Kind)} of {StateCodes.NameOf(m.SendingStateCode)} in {m.City}";
}
