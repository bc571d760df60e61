using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Import;

/// <summary>
/// Imports people with their assignments, household links and visas, a chunk of rows at a time: each chunk's people
/// and their records are loaded with a few set-based queries, compared, and written in bulk. Natural keys: a person by
/// passport number + issuing state (without a passport: names + date of birth + nationality); an assignment by person
/// + mission + start; a household link by person + principal's assignment; a visa by holder + issuing state + category
/// + first valid day. Fields the file does not map are left as they are.
/// </summary>
/// <remarks>
/// The import knows only what its caller may see: missions and people outside the caller's scope are not found, exactly
/// as the API's reads do not find them. A row naming a person the caller cannot see by passport is refused with the
/// answer any taken passport number gets (<see cref="PersonRules.PassportOnRecord"/>), never attached: attaching would
/// hand the caller that person's profile, and comparing the row's details with the record's would confirm them.
/// </remarks>
internal sealed class PeopleImport(ChanceryDbContext db, ScopedData data, MappedColumns columns, ReportBuilder report, DateOnly today) : IDisposable
{
    private readonly AccessScope _scope = data.Scope;
    private const int Chunk = 2000;
    private readonly Dictionary<string, Guid> _missions = new(StringComparer.Ordinal);
    // Facts seen earlier in the file, by a 64-bit hash of their key: a repeated fact is a duplicate row.
    private readonly Dictionary<ulong, int> _facts = [];
    private readonly BulkTable<Person> _people = new(db);
    private readonly BulkTable<Assignment> _assignments = new(db);
    private readonly BulkTable<FamilyMember> _families = new(db);
    private readonly BulkTable<Visa> _visas = new(db);

    public async Task RunAsync(IEnumerable<SourceRow> rows, CancellationToken ct)
    {
        foreach (var m in await data.Missions.AsNoTracking().Select(m => new { m.Id, m.SendingStateCode, m.ReceivingStateCode, m.City, m.Kind }).ToListAsync(ct).ConfigureAwait(false))
            _missions.TryAdd(MissionImport.Key(m.SendingStateCode, m.ReceivingStateCode, m.City, m.Kind), m.Id);
        var chunk = new List<Parsed>(Chunk);
        foreach (var source in rows)
        {
            var parsed = Parse(source);
            if (parsed is null) continue;
            chunk.Add(parsed);
            if (chunk.Count == Chunk)
            {
                await ProcessAsync(chunk, ct).ConfigureAwait(false);
                chunk.Clear();
            }
        }
        await ProcessAsync(chunk, ct).ConfigureAwait(false);
    }

    private sealed record Parsed(int Row, Person Person, string PersonKey, string? MissionKey, Assignment? Assignment,
        string? PrincipalKey, FamilyMember? Family, Visa? Visa, string? FactName)
    {
        public string Label => PeopleImport.Label(Person, FactName);
    }

    private Parsed? Parse(SourceRow source)
    {
        var r = columns.Row(source);
        var person = new Person
        {
            FamilyName = r.Name("familyName", required: true) ?? "",
            GivenNames = r.Name("givenNames", required: true) ?? "",
            FamilyNameLatin = r.Name("familyNameLatin"),
            GivenNamesLatin = r.Name("givenNamesLatin"),
            DateOfBirth = r.Date("dateOfBirth"),
            NationalityCode = r.State("nationality", required: true) ?? "",
            Gender = r.Enum<Gender>("gender"),
            PassportNumber = Passport(r, "passportNumber"),
            PassportType = r.Enum<PassportType>("passportType"),
            PassportIssuingStateCode = r.State("passportIssuingState"),
            PassportExpiresOn = r.Date("passportExpiresOn"),
            RegisteredByUserId = _scope.UserId,
        };
        if (person.PassportNumber is not null && person.PassportIssuingStateCode is null && r.Problems.TrueForAll(p => p.Column != columns.ColumnOf("passportIssuingState")))
            r.Problem("passportIssuingState", "passportIssuingState is required with a passport number: the number is unique only per issuing state.");
        if (person.PassportNumber is null && (person.PassportIssuingStateCode is not null || person.PassportType is not null || person.PassportExpiresOn is not null))
            r.Problem("passportNumber", "passportNumber is required when other passport details are given.");
        if (PersonRules.BirthDateProblem("dateOfBirth", person.DateOfBirth, today) is { } bornProblem)
            r.Problem("dateOfBirth", bornProblem);
        if (person.DateOfBirth is { } born && person.PassportExpiresOn is { } expires && expires < born)
            r.Problem("passportExpiresOn", $"passportExpiresOn {expires:yyyy-MM-dd} is before dateOfBirth {born:yyyy-MM-dd}.");

        var hasAssignment = r.Any(ImportFields.Assignment);
        var hasFamily = r.Any(ImportFields.Family);
        string? missionKey = null;
        if (hasAssignment || hasFamily)
        {
            var sending = r.State("missionSendingState", required: true);
            var receiving = r.State("missionReceivingState", required: true);
            var city = r.Name("missionCity", required: true);
            var kind = r.Enum<MissionKind>("missionKind", required: true);
            if (sending is not null && receiving is not null && city is not null && kind is not null)
            {
                missionKey = MissionImport.Key(sending, receiving, city, kind.Value);
                if (!_missions.ContainsKey(missionKey))
                    r.Problem("missionCity", $"No {kind} of {sending} in {city}, {receiving} is on record; import the missions first.");
            }
        }
        Assignment? assignment = null;
        if (hasAssignment)
        {
            assignment = new Assignment
            {
                Category = r.Enum<StaffCategory>("category", required: true) ?? default,
                Title = r.Name("title", required: true) ?? "",
                Rank = r.Name("rank"),
                StartOn = r.Date("startOn", required: true) ?? default,
                NotifiedArrivalOn = r.Date("notifiedArrivalOn"),
                PlannedEndOn = r.Date("plannedEndOn"),
                EndedOn = r.Date("endedOn"),
                EndReason = r.Enum<EndReason>("endReason"),
            };
            if (assignment.EndedOn is { } ended && ended < assignment.StartOn)
                r.Problem("endedOn", $"endedOn {ended:yyyy-MM-dd} is before startOn {assignment.StartOn:yyyy-MM-dd}.");
            if (assignment.PlannedEndOn is { } planned && planned < assignment.StartOn)
                r.Problem("plannedEndOn", $"plannedEndOn {planned:yyyy-MM-dd} is before startOn {assignment.StartOn:yyyy-MM-dd}.");
        }
        string? principalKey = null;
        FamilyMember? family = null;
        if (hasFamily)
        {
            var number = Passport(r, "principalPassportNumber", required: true);
            var issuer = r.State("principalPassportIssuingState", required: true);
            if (number is not null && issuer is not null) principalKey = $"P|{issuer}|{number}";
            family = new FamilyMember
            {
                Relationship = r.Enum<Relationship>("relationship", required: true) ?? default,
                StartOn = r.Date("householdStartOn", required: true) ?? default,
                EndedOn = r.Date("householdEndedOn"),
            };
            if (family.EndedOn is { } left && left < family.StartOn)
                r.Problem("householdEndedOn", $"householdEndedOn {left:yyyy-MM-dd} is before householdStartOn {family.StartOn:yyyy-MM-dd}.");
        }
        Visa? visa = null;
        if (r.Any(ImportFields.Visa))
        {
            visa = new Visa
            {
                IssuingStateCode = r.State("visaIssuingState", required: true) ?? "",
                CategoryCode = r.Text("visaCategory", FieldLimits.Code, required: true) ?? "",
                Number = r.Text("visaNumber", FieldLimits.DocumentNumber),
                IssuedOn = r.Date("visaIssuedOn"),
                ValidFrom = r.Date("visaValidFrom", required: true) ?? default,
                ValidUntil = r.Date("visaValidUntil", required: true) ?? default,
                Entries = r.Enum<VisaEntries>("visaEntries") ?? VisaEntries.Multiple,
                EntriesUsed = r.Integer("visaEntriesUsed", 0, 999) ?? 0,
                CancelledOn = r.Date("visaCancelledOn"),
                CancellationReason = r.Text("visaCancellationReason", FieldLimits.Note),
            };
            if (visa.ValidUntil < visa.ValidFrom && visa.ValidUntil != default)
                r.Problem("visaValidUntil", $"visaValidUntil {visa.ValidUntil:yyyy-MM-dd} is before visaValidFrom {visa.ValidFrom:yyyy-MM-dd}; a visa cannot end before it starts.");
            var allowed = visa.Entries switch { VisaEntries.Single => 1, VisaEntries.Double => 2, _ => int.MaxValue };
            if (visa.EntriesUsed > allowed)
                r.Problem("visaEntriesUsed", $"visaEntriesUsed {visa.EntriesUsed} is more than a {visa.Entries.ToString().ToLowerInvariant()}-entry visa allows.");
            if (visa.CancellationReason is not null && visa.CancelledOn is null)
                r.Problem("visaCancelledOn", "visaCancelledOn is required when a visaCancellationReason is given.");
            if (visa.CancelledOn is { } cancelled && visa.IssuedOn is { } issued && cancelled < issued)
                r.Problem("visaCancelledOn", $"visaCancelledOn {cancelled:yyyy-MM-dd} is before visaIssuedOn {issued:yyyy-MM-dd}.");
        }
        var factName = assignment is not null ? "assignment" : family is not null ? "household" : visa is not null ? "visa" : null;
        if (r.Problems.Count > 0)
        {
            report.Reject(source.Number, Label(person, factName), r.Problems);
            return null;
        }
        var personKey = PersonKey(person);
        string? fact = assignment is not null ? $"A|{personKey}|{missionKey}|{assignment.StartOn.DayNumber}"
            : family is not null ? $"F|{personKey}|{missionKey}|{principalKey}"
            : visa is not null ? $"V|{personKey}|{visa.IssuingStateCode}|{visa.CategoryCode}|{visa.ValidFrom.DayNumber}"
            : $"P|{personKey}";
        if (assignment is not null && family is not null) fact += "|" + principalKey;
        if (visa is not null && (assignment is not null || family is not null)) fact += $"|{visa.IssuingStateCode}|{visa.CategoryCode}|{visa.ValidFrom.DayNumber}";
        var hash = Fnv(fact);
        if (_facts.TryGetValue(hash, out var first))
        {
            report.Reject(source.Number, Label(person, factName), [new RowProblem(null, $"Duplicate of row {first}: the same {(assignment is not null ? "assignment" : family is not null ? "household link" : visa is not null ? "visa" : "person")} again.")]);
            return null;
        }
        _facts[hash] = source.Number;
        return new Parsed(source.Number, person, personKey, missionKey, assignment, principalKey, family, visa, factName);
    }

    private sealed class Known(Person person, bool isNew, bool editable)
    {
        public Person Person { get; } = person;
        public bool IsNew { get; } = isNew;
        public bool Editable { get; } = editable;
        public List<Assignment> Assignments { get; } = [];
    }

    private async Task ProcessAsync(List<Parsed> chunk, CancellationToken ct)
    {
        if (chunk.Count == 0) return;
        // Passports by issuing state and number, so the lookup uses the unique (state, number) index instead of
        // scanning the table once a chunk; people without a passport by family name, only when the chunk has some.
        var passports = chunk.Where(c => c.Person.PassportNumber is not null).Select(c => c.PersonKey)
            .Concat(chunk.Select(c => c.PrincipalKey).OfType<string>())
            .Select(k => k.Split('|', 3)).ToList();
        var states = passports.Select(k => k[1]).Distinct().ToList();
        var numbers = passports.Select(k => k[2]).Distinct().ToList();
        var names = chunk.Where(c => c.Person.PassportNumber is null).Select(c => c.Person.FamilyName).Distinct().ToList();
        // Passports are looked up in the whole register (the number is unique across it); people without one only among
        // those the caller sees: a namesake elsewhere is simply not known here, and a new record is made as for anyone new.
        var found = numbers.Count == 0 ? [] : await db.People.AsNoTracking()
            .Where(p => EF.Parameter(states).Contains(p.PassportIssuingStateCode!) && EF.Parameter(numbers).Contains(p.PassportNumber!))
            .ToListAsync(ct).ConfigureAwait(false);
        if (names.Count > 0)
            found.AddRange(await data.People.AsNoTracking()
                .Where(p => p.PassportNumber == null && EF.Parameter(names).Contains(p.FamilyName))
                .ToListAsync(ct).ConfigureAwait(false));
        var visible = await VisibleAsync([.. found.Select(p => p.Id)], ct).ConfigureAwait(false);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        if (visible is not null)
        {
            foreach (var p in found.Where(p => !visible.Contains(p.Id))) hidden.Add(PersonKey(p));
            found.RemoveAll(p => !visible.Contains(p.Id));
        }
        var ids = found.Select(p => p.Id).ToList();
        var editable = await EditableAsync(ids, ct).ConfigureAwait(false);
        var people = new Dictionary<string, Known>(chunk.Count, StringComparer.Ordinal);
        var byId = new Dictionary<Guid, Known>();
        foreach (var p in found)
        {
            var known = new Known(p, false, editable?.Contains(p.Id) ?? true);
            if (people.TryAdd(PersonKey(p), known)) byId[p.Id] = known;
        }
        var families = new Dictionary<(Guid, Guid), FamilyMember>();
        var visas = new Dictionary<(Guid, string, string, DateOnly), Visa>(chunk.Count);
        // A chunk of people all new to the register (a first import) has no records to compare with.
        if (ids.Count > 0)
        {
            foreach (var a in await db.Assignments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.PersonId)).ToListAsync(ct).ConfigureAwait(false))
                if (byId.TryGetValue(a.PersonId, out var k)) k.Assignments.Add(a);
            foreach (var f in await db.FamilyMembers.AsNoTracking().Where(f => EF.Parameter(ids).Contains(f.PersonId)).ToListAsync(ct).ConfigureAwait(false))
                families.Add((f.PersonId, f.PrincipalAssignmentId), f);
            foreach (var v in await db.Visas.AsNoTracking().Where(v => EF.Parameter(ids).Contains(v.HolderId)).ToListAsync(ct).ConfigureAwait(false))
                visas.TryAdd((v.HolderId, v.IssuingStateCode, v.CategoryCode, v.ValidFrom), v);
        }

        var writes = new Writes();
        foreach (var row in chunk)
            Apply(row, people, hidden, families, visas, writes);

        await _people.UpdateAsync(writes.UpdatedPeople, ct).ConfigureAwait(false);
        await _people.InsertAsync(writes.NewPeople, ct).ConfigureAwait(false);
        await _assignments.UpdateAsync(writes.UpdatedAssignments, ct).ConfigureAwait(false);
        await _assignments.InsertAsync(writes.NewAssignments, ct).ConfigureAwait(false);
        await _families.UpdateAsync(writes.UpdatedFamilies, ct).ConfigureAwait(false);
        await _families.InsertAsync(writes.NewFamilies, ct).ConfigureAwait(false);
        await _visas.UpdateAsync(writes.UpdatedVisas, ct).ConfigureAwait(false);
        await _visas.InsertAsync(writes.NewVisas, ct).ConfigureAwait(false);
    }

    private sealed class Writes
    {
        public List<Person> NewPeople { get; } = [];
        public HashSet<Person> UpdatedPeople { get; } = [];
        public List<Assignment> NewAssignments { get; } = [];
        public HashSet<Assignment> UpdatedAssignments { get; } = [];
        public List<FamilyMember> NewFamilies { get; } = [];
        public HashSet<FamilyMember> UpdatedFamilies { get; } = [];
        public List<Visa> NewVisas { get; } = [];
        public HashSet<Visa> UpdatedVisas { get; } = [];
    }

    private void Apply(Parsed row, Dictionary<string, Known> people, HashSet<string> hidden, Dictionary<(Guid, Guid), FamilyMember> families,
        Dictionary<(Guid, string, string, DateOnly), Visa> visas, Writes writes)
    {
        var problems = new List<RowProblem>();
        people.TryGetValue(row.PersonKey, out var known);
        // A holder the caller cannot see: the same refusal as any taken number, whatever the row says about them.
        if (known is null && hidden.Contains(row.PersonKey))
            problems.Add(new(columns.ColumnOf("passportNumber"), PersonRules.PassportOnRecord(row.Person.PassportNumber, row.Person.PassportIssuingStateCode)));
        Guid? missionId = row.MissionKey is null ? null : _missions[row.MissionKey];
        if (missionId is { } mid && !_scope.CanEditRegistryOf(mid))
            problems.Add(new(columns.ColumnOf("missionCity"), "You may import staff and households only at the missions assigned to your account."));
        if (known is { IsNew: false, Editable: false } && (PersonDiffers(known.Person, row.Person) || row.Visa is not null))
            problems.Add(new(columns.ColumnOf("passportNumber"), "This person is on record outside your missions; their details and visas can be changed only there."));
        Assignment? principalAssignment = null;
        if (row.Family is not null)
        {
            if (row.PrincipalKey == row.PersonKey)
                problems.Add(new(columns.ColumnOf("principalPassportNumber"), "A person cannot be their own principal."));
            else if (!people.TryGetValue(row.PrincipalKey!, out var principal))
                problems.Add(new(columns.ColumnOf("principalPassportNumber"), $"No person with passport {row.PrincipalKey!.Split('|')[2]} ({row.PrincipalKey.Split('|')[1]}) is on record or earlier in the file; import the principal first."));
            else
            {
                var there = principal.Assignments.Where(a => a.MissionId == missionId).OrderBy(a => a.StartOn).ToList();
                principalAssignment = there.LastOrDefault(a => a.StartOn <= row.Family.StartOn) ?? there.FirstOrDefault();
                if (principalAssignment is null)
                    problems.Add(new(columns.ColumnOf("principalPassportNumber"), $"{principal.Person.DisplayName} has no assignment at this mission; a household belongs to a principal's assignment."));
            }
        }
        if (row.Assignment is { EndedOn: null } open && known is not null &&
            known.Assignments.FirstOrDefault(a => a.MissionId == missionId && a.EndedOn is null && a.StartOn != open.StartOn) is { } other)
            problems.Add(new(columns.ColumnOf("startOn"), $"The person already has an open assignment at this mission since {other.StartOn:yyyy-MM-dd}; end it (endedOn) or use its start date."));
        if (problems.Count > 0)
        {
            report.Reject(row.Row, row.Label, problems);
            return;
        }

        var created = false;
        var updated = false;
        if (known is null)
        {
            row.Person.RefreshSearchKey();
            known = new Known(row.Person, true, true);
            people[row.PersonKey] = known;
            writes.NewPeople.Add(row.Person);
            created = true;
        }
        else if (known.Editable && CopyPerson(known.Person, row.Person) && !known.IsNew)
        {
            if (writes.UpdatedPeople.Add(known.Person)) known.Person.Version++;
            known.Person.RefreshSearchKey();
            updated = true;
        }
        else if (known.IsNew)
        {
            known.Person.RefreshSearchKey();
        }
        var personId = known.Person.Id;

        if (row.Assignment is { } a)
        {
            if (known.Assignments.FirstOrDefault(x => x.MissionId == missionId && x.StartOn == a.StartOn) is { } existing)
            {
                if (CopyAssignment(existing, a) && !writes.NewAssignments.Contains(existing))
                {
                    if (writes.UpdatedAssignments.Add(existing)) existing.Version++;
                    updated = true;
                }
            }
            else
            {
                a.PersonId = personId;
                a.MissionId = missionId!.Value;
                known.Assignments.Add(a);
                writes.NewAssignments.Add(a);
                created = true;
            }
        }
        if (row.Family is { } f)
        {
            if (families.TryGetValue((personId, principalAssignment!.Id), out var existing))
            {
                var changed = MissionImport.Set(existing.Relationship, f.Relationship, v => existing.Relationship = v)
                    | MissionImport.Set(existing.StartOn, f.StartOn, v => existing.StartOn = v)
                    | (columns.Has("householdEndedOn") && MissionImport.Set(existing.EndedOn, f.EndedOn, v => existing.EndedOn = v));
                if (changed && !writes.NewFamilies.Contains(existing))
                {
                    if (writes.UpdatedFamilies.Add(existing)) existing.Version++;
                    updated = true;
                }
            }
            else
            {
                f.PersonId = personId;
                f.PrincipalAssignmentId = principalAssignment.Id;
                families[(personId, principalAssignment.Id)] = f;
                writes.NewFamilies.Add(f);
                created = true;
            }
        }
        if (row.Visa is { } v)
        {
            var key = (personId, v.IssuingStateCode, v.CategoryCode, v.ValidFrom);
            if (visas.TryGetValue(key, out var existing))
            {
                if (CopyVisa(existing, v) && !writes.NewVisas.Contains(existing))
                {
                    if (writes.UpdatedVisas.Add(existing)) existing.Version++;
                    updated = true;
                }
            }
            else
            {
                v.HolderId = personId;
                visas[key] = v;
                writes.NewVisas.Add(v);
                created = true;
            }
        }
        // The label is built only while the report keeps rows (the first 500): a string a row otherwise.
        report.Add(row.Row, created ? RowOutcome.Created : updated ? RowOutcome.Updated : RowOutcome.Unchanged, report.KeepsOthers ? row.Label : "");
    }

    private bool PersonDiffers(Person current, Person incoming)
    {
        var copy = new Person
        {
            Id = current.Id,
            FamilyName = current.FamilyName,
            GivenNames = current.GivenNames,
            FamilyNameLatin = current.FamilyNameLatin,
            GivenNamesLatin = current.GivenNamesLatin,
            DateOfBirth = current.DateOfBirth,
            NationalityCode = current.NationalityCode,
            Gender = current.Gender,
            PassportType = current.PassportType,
            PassportExpiresOn = current.PassportExpiresOn,
        };
        return CopyPerson(copy, incoming);
    }

    private bool CopyPerson(Person p, Person n) =>
        MissionImport.Set(p.FamilyName, n.FamilyName, v => p.FamilyName = v)
        | MissionImport.Set(p.GivenNames, n.GivenNames, v => p.GivenNames = v)
        | (columns.Has("familyNameLatin") && MissionImport.Set(p.FamilyNameLatin, n.FamilyNameLatin, v => p.FamilyNameLatin = v))
        | (columns.Has("givenNamesLatin") && MissionImport.Set(p.GivenNamesLatin, n.GivenNamesLatin, v => p.GivenNamesLatin = v))
        | (columns.Has("dateOfBirth") && MissionImport.Set(p.DateOfBirth, n.DateOfBirth, v => p.DateOfBirth = v))
        | MissionImport.Set(p.NationalityCode, n.NationalityCode, v => p.NationalityCode = v)
        | (columns.Has("gender") && MissionImport.Set(p.Gender, n.Gender, v => p.Gender = v))
        | (columns.Has("passportType") && MissionImport.Set(p.PassportType, n.PassportType, v => p.PassportType = v))
        | (columns.Has("passportExpiresOn") && MissionImport.Set(p.PassportExpiresOn, n.PassportExpiresOn, v => p.PassportExpiresOn = v));

    private bool CopyAssignment(Assignment a, Assignment n) =>
        MissionImport.Set(a.Category, n.Category, v => a.Category = v)
        | MissionImport.Set(a.Title, n.Title, v => a.Title = v)
        | (columns.Has("rank") && MissionImport.Set(a.Rank, n.Rank, v => a.Rank = v))
        | (columns.Has("notifiedArrivalOn") && MissionImport.Set(a.NotifiedArrivalOn, n.NotifiedArrivalOn, v => a.NotifiedArrivalOn = v))
        | (columns.Has("plannedEndOn") && MissionImport.Set(a.PlannedEndOn, n.PlannedEndOn, v => a.PlannedEndOn = v))
        | (columns.Has("endedOn") && MissionImport.Set(a.EndedOn, n.EndedOn, v => a.EndedOn = v))
        | (columns.Has("endReason") && MissionImport.Set(a.EndReason, n.EndReason, v => a.EndReason = v));

    private bool CopyVisa(Visa a, Visa n) =>
        (columns.Has("visaNumber") && MissionImport.Set(a.Number, n.Number, v => a.Number = v))
        | (columns.Has("visaIssuedOn") && MissionImport.Set(a.IssuedOn, n.IssuedOn, v => a.IssuedOn = v))
        | MissionImport.Set(a.ValidUntil, n.ValidUntil, v => a.ValidUntil = v)
        | (columns.Has("visaEntries") && MissionImport.Set(a.Entries, n.Entries, v => a.Entries = v))
        | (columns.Has("visaEntriesUsed") && MissionImport.Set(a.EntriesUsed, n.EntriesUsed, v => a.EntriesUsed = v))
        | (columns.Has("visaCancelledOn") && MissionImport.Set(a.CancelledOn, n.CancelledOn, v => a.CancelledOn = v))
        | (columns.Has("visaCancellationReason") && MissionImport.Set(a.CancellationReason, n.CancellationReason, v => a.CancellationReason = v));

    // The people among ids the caller may see (null: everyone), by the same rule as every read (ScopedData.People).
    private async Task<HashSet<Guid>?> VisibleAsync(List<Guid> ids, CancellationToken ct)
    {
        if (_scope.SeesAllMissions || ids.Count == 0) return null;
        return (await data.People.Where(p => EF.Parameter(ids).Contains(p.Id)).Select(p => p.Id).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
    }

    private async Task<HashSet<Guid>?> EditableAsync(List<Guid> ids, CancellationToken ct)
    {
        if (_scope.IsSystem || ids.Count == 0) return null;
        var mine = _scope.EditableMissionIds.ToList();
        var me = _scope.UserId;
        return (await db.People.Where(p => EF.Parameter(ids).Contains(p.Id) && (
                db.Assignments.Any(a => a.PersonId == p.Id && mine.Contains(a.MissionId)) ||
                db.FamilyMembers.Any(f => f.PersonId == p.Id && mine.Contains(f.PrincipalAssignment!.MissionId)) ||
                (me != null && p.RegisteredByUserId == me)))
            .Select(p => p.Id).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
    }

    private static string? Passport(RowReader r, string field, bool required = false)
    {
        var number = PersonRules.NormalisePassport(r.Text(field, FieldLimits.DocumentNumber, required));
        if (number is not null && PersonRules.PassportProblem(field, number) is { } problem) r.Problem(field, problem);
        return number;
    }

    private static string PersonKey(Person p) => p.PassportNumber is { } number
        ? $"P|{p.PassportIssuingStateCode}|{number}"
        : $"N|{p.FamilyName.ToUpperInvariant()}|{p.GivenNames.ToUpperInvariant()}|{p.DateOfBirth:yyyy-MM-dd}|{p.NationalityCode}";

    private static string Label(Person p, string? fact) =>
        (p.FamilyNameLatin is { Length: > 0 } ? $"{p.FamilyNameLatin}, {p.GivenNamesLatin}" : $"{p.FamilyName}, {p.GivenNames}") + (fact is null ? "" : $" ({fact})");

    // FNV-1a, 64 bits: eight bytes a row keep the duplicate check's memory small on a file of a million rows.
    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    public void Dispose()
    {
        _people.Dispose();
        _assignments.Dispose();
        _families.Dispose();
        _visas.Dispose();
    }
}
