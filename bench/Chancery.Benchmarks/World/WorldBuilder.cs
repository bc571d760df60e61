using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Visas;

namespace Chancery.Benchmarks.World;

/// <summary>
/// Builds the synthetic world in memory from the real mission list and a seeded random source: missions (topped up with
/// consulates), staff with assignments (current, former, earlier postings elsewhere), locally engaged nationals of the
/// receiving state, households, visa histories (renewals linked to the visa they replace, late renewals leaving gaps,
/// cancellations, lapses, single-entry visas used, visas starting after arrival, nobody's visa at all), applications
/// (granted, refused, withdrawn, pending) and host policies (general ones that change on a date, and some narrowed to
/// one sending state for a while). Nothing here is random at run time: the same seed gives the same world.
/// </summary>
internal sealed class WorldBuilder(WorldScale scale, Random random)
{
    // Applications are recorded from this date on: older visas came in from the previous register without them.
    private static readonly DateOnly ApplicationsRecordedFrom = new(2019, 7, 1);
    private static readonly string[] FamilyNames = ["Abbott", "Adeyemi", "Alvarez", "Andersen", "Bakr", "Bauer", "Bianchi", "Chen", "Costa", "Dubois", "Eriksson", "Fernandes", "Fischer", "Garcia", "Haddad", "Hansen", "Ibrahim", "Ivanova", "Jansen", "Kato", "Kim", "Kowalski", "Kumar", "Larsen", "Lopez", "Mahmoud", "Martin", "Meyer", "Moreau", "Mwangi", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Park", "Petrov", "Popescu", "Rahman", "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Smirnov", "Suzuki", "Tanaka", "Torres", "Wang", "Yilmaz"];
    private static readonly string[] GivenNames = ["Aiko", "Amara", "Ana", "Andrei", "Chen", "Daniel", "Elena", "Fatima", "Hana", "Ibrahim", "Ivan", "James", "Jin", "Karim", "Lars", "Leila", "Lucas", "Maria", "Mei", "Nadia", "Olga", "Omar", "Pedro", "Priya", "Rafael", "Sara", "Sofia", "Tomas", "Yuki", "Zainab"];

    private readonly Dictionary<string, int> _processingMedian = [];
    private readonly Dictionary<string, int> _validityDays = [];
    private int _passport = 1_000_000;
    // Whether the mission being staffed records its applications here (about a third do; the others' files stay on paper).
    private bool _recordsApplications;

    public List<Mission> Missions { get; } = [];
    public List<Person> People { get; } = [];
    public List<Assignment> Assignments { get; } = [];
    public List<FamilyMember> Family { get; } = [];
    public List<Visa> Visas { get; } = [];
    public List<VisaApplication> Applications { get; } = [];
    public List<HostPolicy> Policies { get; } = [];

    public void Build(IReadOnlyList<MissionRow> realMissions)
    {
        BuildMissions(realMissions);
        BuildPolicies();
        var bySender = Missions.ToLookup(m => m.SendingStateCode);
        foreach (var mission in Missions)
            Staff(mission, bySender[mission.SendingStateCode].ToList());
    }

    private void BuildMissions(IReadOnlyList<MissionRow> real)
    {
        var rows = real.ToList();
        if (rows.Count > scale.Missions)
        {
            // A smaller world: a seeded sample of the real list.
            Shuffle(rows);
            rows = rows.Take(scale.Missions).ToList();
        }
        var keys = new HashSet<(string, string, string, MissionKind)>();
        foreach (var r in rows)
            if (keys.Add((r.SendingStateCode, r.ReceivingStateCode, r.City, r.Kind)))
                AddMission(r.SendingStateCode, r.ReceivingStateCode, r.Kind, r.City);

        // Top up with consulates of states that already have an embassy there, in cities of that state taken from the list.
        var citiesByState = real.Where(r => r.City.Length > 0).GroupBy(r => r.ReceivingStateCode)
            .ToDictionary(g => g.Key, g => g.Select(r => r.City).Distinct().ToArray());
        var embassies = Missions.Where(m => m.Kind == MissionKind.Embassy).ToList();
        var serial = 0;
        while (Missions.Count < scale.Missions && embassies.Count > 0)
        {
            var e = embassies[random.Next(embassies.Count)];
            var kind = random.Next(3) == 0 ? MissionKind.ConsulateGeneral : MissionKind.Consulate;
            var cities = citiesByState.GetValueOrDefault(e.ReceivingStateCode, []);
            var city = cities.Length > 0 && random.Next(4) > 0 ? cities[random.Next(cities.Length)] : $"Consular district {++serial}";
            if (keys.Add((e.SendingStateCode, e.ReceivingStateCode, city, kind)))
                AddMission(e.SendingStateCode, e.ReceivingStateCode, kind, city);
        }
    }

    private void AddMission(string sending, string receiving, MissionKind kind, string city) =>
        Missions.Add(new Mission
        {
            Id = NewId(),
            SendingStateCode = sending,
            ReceivingStateCode = receiving,
            Kind = kind,
            City = city,
            Status = MissionStatus.Open,
            OpenedOn = new DateOnly(1950 + random.Next(70), 1 + random.Next(12), 1),
        });

    private void BuildPolicies()
    {
        foreach (var receiving in Missions.Select(m => m.ReceivingStateCode).Distinct().Order(StringComparer.Ordinal))
        {
            _processingMedian[receiving] = 10 + random.Next(50);
            _validityDays[receiving] = random.Next(10) switch { < 3 => 365, < 8 => 730, _ => 1095 };
            if (random.Next(4) == 0) continue; // no policy at all: no lead time, no reapplication rule, no grace
            if (random.Next(2) == 0)
            {
                var change = new DateOnly(2019, 1, 1).AddDays(random.Next(1300));
                Policies.Add(Policy(receiving, null, new DateOnly(2015, 1, 1), change.AddDays(-1)));
                Policies.Add(Policy(receiving, null, change, null));
            }
            else
            {
                Policies.Add(Policy(receiving, null, new DateOnly(2015, 1, 1), null));
            }
        }
        // Reciprocity: some receiving states treat one sending state differently for a while (VCDR art. 47).
        foreach (var pair in Missions.Select(m => (m.ReceivingStateCode, m.SendingStateCode)).Distinct().OrderBy(p => p.ReceivingStateCode, StringComparer.Ordinal).ThenBy(p => p.SendingStateCode, StringComparer.Ordinal))
        {
            if (random.Next(5) != 0) continue;
            var from = new DateOnly(2017, 1, 1).AddDays(random.Next(2000));
            Policies.Add(Policy(pair.ReceivingStateCode, pair.SendingStateCode, from, random.Next(2) == 0 ? null : from.AddDays(180 + random.Next(900))));
        }
    }

    private HostPolicy Policy(string receiving, string? sending, DateOnly from, DateOnly? until) => new()
    {
        Id = NewId(),
        ReceivingStateCode = receiving,
        SendingStateCode = sending,
        InForceFrom = from,
        InForceUntil = until,
        MaxVisaValidityDays = random.Next(4) == 0 ? null : _validityDays[receiving],
        RenewalLeadDays = random.Next(5) switch { 0 => null, 1 => 30, 2 => 45, 3 => 60, _ => 90 },
        ReapplyAfterYears = random.Next(2) == 0 ? null : 3 + random.Next(3),
        GraceDays = random.Next(10) switch { < 3 => null, 3 => 0, < 6 => 10, < 8 => 15, _ => 30 },
        FamilyVisasEndWithPrincipal = random.Next(2) == 0,
        Note = sending is null ? "General rules for foreign missions" : "Reciprocity",
    };

    private void Staff(Mission mission, List<Mission> sameSender)
    {
        var slots = mission.Kind switch
        {
            MissionKind.Embassy => 4 + random.Next(14) + (random.Next(20) == 0 ? 20 + random.Next(40) : 0),
            MissionKind.ConsulateGeneral => 3 + random.Next(8),
            MissionKind.Consulate => 1 + random.Next(5),
            MissionKind.PermanentMission => 5 + random.Next(15),
            _ => 1,
        };
        slots = Math.Max(1, (int)Math.Round(slots * scale.StaffFactor));
        _recordsApplications = random.Next(100) < 30;
        for (var i = 0; i < slots; i++)
        {
            if (i > 0 && random.Next(100) < 12)
            {
                // Locally engaged, a national of the receiving state: no visa needed.
                var local = NewPerson(mission.ReceivingStateCode, PassportType.Ordinary, adult: true);
                AddAssignment(local, mission, StaffCategory.LocallyEngaged, "Local assistant", new DateOnly(2005, 1, 1).AddDays(random.Next(6000)), null);
                continue;
            }
            var category = i == 0 && mission.Kind == MissionKind.Embassy ? StaffCategory.HeadOfMission
                : random.Next(100) switch { < 55 => StaffCategory.Diplomatic, < 85 => StaffCategory.AdministrativeTechnical, _ => StaffCategory.Service };
            var start = new DateOnly(2016, 7, 1).AddDays(random.Next(2160));
            DateOnly? ended = random.Next(10) == 0 ? WorldGenerator.BenchmarkAsOf.AddDays(random.Next(300)) : null;
            if (ended <= start) ended = null;
            var person = NewPerson(mission.SendingStateCode, category == StaffCategory.Service ? PassportType.Service : PassportType.Diplomatic, adult: true);
            if (random.Next(5) == 0 && sameSender.Count > 1 && sameSender[random.Next(sameSender.Count)] is var earlier && earlier.Id != mission.Id)
            {
                // An earlier posting elsewhere, with visas of that receiving state.
                var earlierEnd = start.AddDays(-10 - random.Next(50));
                var earlierStart = earlierEnd.AddDays(-700 - random.Next(800));
                var earlierAssignment = AddAssignment(person, earlier, category, Title(category), earlierStart, earlierEnd);
                VisaHistory(person, earlier.ReceivingStateCode, earlierStart, earlierEnd, CategoryCode(category));
                if (earlier.ReceivingStateCode == mission.ReceivingStateCode) earlierAssignment.EndReason = EndReason.EndOfTour;
            }
            var assignment = AddAssignment(person, mission, category, Title(category), start, ended);
            VisaHistory(person, mission.ReceivingStateCode, start, ended, CategoryCode(category));
            Household(assignment, mission);
        }

        // Staff who served here before and left, with their households.
        var former = (int)Math.Round(slots * 0.35);
        for (var i = 0; i < former; i++)
        {
            var category = random.Next(100) < 60 ? StaffCategory.Diplomatic : StaffCategory.AdministrativeTechnical;
            var start = new DateOnly(2012, 1, 1).AddDays(random.Next(2800));
            var ended = start.AddDays(365 + random.Next(1100));
            if (ended > WorldGenerator.Today) ended = WorldGenerator.Today.AddDays(-random.Next(30));
            var person = NewPerson(mission.SendingStateCode, PassportType.Diplomatic, adult: true);
            var assignment = AddAssignment(person, mission, category, Title(category), start, ended);
            assignment.EndReason = random.Next(10) == 0 ? EndReason.Recalled : EndReason.EndOfTour;
            VisaHistory(person, mission.ReceivingStateCode, start, ended, CategoryCode(category));
            Household(assignment, mission);
        }
    }

    private void Household(Assignment principal, Mission mission)
    {
        var members = (random.Next(100) < 65 ? 1 : 0) + random.Next(10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 };
        for (var i = 0; i < members; i++)
        {
            var person = NewPerson(mission.SendingStateCode, PassportType.Diplomatic, adult: i == 0);
            var start = principal.StartOn.AddDays(random.Next(120));
            DateOnly? ended = principal.EndedOn;
            if (ended is { } e && start > e) start = principal.StartOn;
            if (start > WorldGenerator.Today) start = WorldGenerator.Today;
            if (random.Next(25) == 0)
            {
                // Left post before the principal (e.g. a child gone to university).
                var last = ended ?? WorldGenerator.Today;
                if (last > start) ended = start.AddDays(random.Next(last.DayNumber - start.DayNumber));
            }
            Family.Add(new FamilyMember
            {
                Id = NewId(),
                PersonId = person.Id,
                PrincipalAssignmentId = principal.Id,
                StartOn = start,
                EndedOn = ended,
                Relationship = i == 0 ? Relationship.Spouse : Relationship.Child,
            });
            VisaHistory(person, mission.ReceivingStateCode, start, ended, "F");
        }
    }

    /// <summary>
    /// The visas (and, from <see cref="ApplicationsRecordedFrom"/>, the applications) of one stay in one receiving state:
    /// a first visa around arrival, then renewals until the stay or the record ends.
    /// </summary>
    private void VisaHistory(Person person, string receiving, DateOnly from, DateOnly? to, string category)
    {
        if (random.Next(70) == 0) return; // arrived without any recorded visa
        var end = to ?? WorldGenerator.Today;
        var validity = _validityDays[receiving];
        var validFrom = random.Next(30) == 0 ? from.AddDays(1 + random.Next(40)) : from.AddDays(-random.Next(30));
        if (validFrom.AddDays(30) >= WorldGenerator.Today) validFrom = from;
        Guid? replaces = null;
        // An application still open when the stay ends is withdrawn that day; one open past the record's end stays pending.
        void Unfinished(VisaApplicationKind kind, DateOnly filed, Guid? renews)
        {
            if (to is null) AddApplication(person, receiving, category, kind, filed, VisaApplicationOutcome.Pending, null, renews);
            else if (filed <= end) AddApplication(person, receiving, category, kind, filed, VisaApplicationOutcome.Withdrawn, end, renews);
        }
        if (validFrom >= ApplicationsRecordedFrom)
            AddApplication(person, receiving, category, VisaApplicationKind.New, validFrom.AddDays(-5 - Processing(receiving)), VisaApplicationOutcome.Granted, validFrom.AddDays(-random.Next(5)), null);
        while (true)
        {
            var validUntil = validFrom.AddDays(validity - 1 - random.Next(validity / 6));
            var visa = NewVisa(person, receiving, category, validFrom, validUntil, replaces);
            if (random.Next(100) == 0)
            {
                // Cancelled (VCDR art. 9: no reason need be given); the holder stays on without a valid visa, or reapplies.
                var cancelled = validFrom.AddDays(random.Next(validUntil.DayNumber - validFrom.DayNumber + 1));
                if (cancelled <= WorldGenerator.Today)
                {
                    visa.CancelledOn = cancelled;
                    if (random.Next(3) > 0) return;
                    var filed = cancelled.AddDays(20 + random.Next(70));
                    if (filed > end || filed > WorldGenerator.Today) return;
                    var decided = filed.AddDays(Processing(receiving));
                    if (decided > WorldGenerator.Today)
                    {
                        Unfinished(VisaApplicationKind.New, filed, null);
                        return;
                    }
                    replaces = null;
                    validFrom = decided;
                    AddApplication(person, receiving, category, VisaApplicationKind.New, filed, VisaApplicationOutcome.Granted, decided, null);
                    continue;
                }
            }
            if (validUntil >= end)
            {
                // The visa outlasts the stay (or the record): maybe a renewal is under way.
                if (to is null && validUntil.AddDays(-120) <= WorldGenerator.Today && random.Next(2) == 0)
                {
                    var filed = validUntil.AddDays(-random.Next(120));
                    if (filed <= WorldGenerator.Today)
                        AddApplication(person, receiving, category, VisaApplicationKind.Renewal, filed, VisaApplicationOutcome.Pending, null, visa.Id);
                }
                return;
            }
            if (random.Next(35) == 0)
            {
                // Lapsed: nobody renewed it; sometimes a late renewal is pending.
                var filed = validUntil.AddDays(1 + random.Next(60));
                if (random.Next(2) == 0 && filed <= WorldGenerator.Today && filed <= end)
                    Unfinished(VisaApplicationKind.Renewal, filed, visa.Id);
                return;
            }
            // A renewal, filed before expiry (sometimes after the policy's lead time), decided after the processing time.
            var filedOn = validUntil.AddDays(10 - random.Next(130));
            var decidedOn = filedOn.AddDays(Processing(receiving));
            var kind = random.Next(100) switch { < 80 => VisaApplicationKind.Renewal, < 85 => VisaApplicationKind.Extension, _ => VisaApplicationKind.New };
            var refusedFirst = random.Next(40) == 0;
            if (refusedFirst || random.Next(100) == 0)
            {
                if (decidedOn > WorldGenerator.Today)
                {
                    Unfinished(kind, filedOn, visa.Id);
                    return;
                }
                AddApplication(person, receiving, category, kind, filedOn, refusedFirst ? VisaApplicationOutcome.Refused : VisaApplicationOutcome.Withdrawn, decidedOn, visa.Id);
                filedOn = decidedOn.AddDays(3 + random.Next(30));
                decidedOn = filedOn.AddDays(Processing(receiving));
                kind = VisaApplicationKind.New;
                if (filedOn > WorldGenerator.Today || filedOn > end) return;
            }
            if (decidedOn > WorldGenerator.Today)
            {
                Unfinished(kind, filedOn, visa.Id);
                return;
            }
            var next = decidedOn > validUntil ? decidedOn : validUntil.AddDays(1);
            if (filedOn >= ApplicationsRecordedFrom)
                AddApplication(person, receiving, category, kind, filedOn, VisaApplicationOutcome.Granted, decidedOn, visa.Id);
            if (next > end) return;
            replaces = visa.Id;
            validFrom = next;
        }
    }

    private Visa NewVisa(Person holder, string issuing, string category, DateOnly validFrom, DateOnly validUntil, Guid? replaces)
    {
        var entries = random.Next(100) switch { < 8 => VisaEntries.Single, < 12 => VisaEntries.Double, _ => VisaEntries.Multiple };
        var visa = new Visa
        {
            Id = NewId(),
            HolderId = holder.Id,
            IssuingStateCode = issuing,
            CategoryCode = category,
            Number = $"V{Visas.Count + 10_000_000}",
            IssuedOn = validFrom.AddDays(-random.Next(10)),
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Entries = entries,
            EntriesUsed = entries == VisaEntries.Multiple ? 0 : random.Next(entries == VisaEntries.Single ? 2 : 3),
            ReplacesVisaId = replaces,
        };
        Visas.Add(visa);
        return visa;
    }

    private void AddApplication(Person applicant, string issuing, string category, VisaApplicationKind kind, DateOnly filed,
        VisaApplicationOutcome outcome, DateOnly? decided, Guid? replaces)
    {
        if (!_recordsApplications) return;
        Applications.Add(new VisaApplication
        {
            Id = NewId(),
            ApplicantId = applicant.Id,
            Kind = kind,
            CategoryCode = category,
            IssuingStateCode = issuing,
            FiledOn = filed,
            DecidedOn = decided,
            Outcome = outcome,
            ReplacesVisaId = replaces,
            ResultingVisaId = null,
        });
    }

    private int Processing(string receiving)
    {
        // Log-normal around the issuing state's median: most decisions near it, a long tail of slow ones.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Clamp((int)Math.Round(_processingMedian[receiving] * Math.Exp(0.5 * normal)), 1, 300);
    }

    private Person NewPerson(string nationality, PassportType passport, bool adult)
    {
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var given = GivenNames[random.Next(GivenNames.Length)];
        var person = new Person
        {
            Id = NewId(),
            FamilyName = family,
            GivenNames = given,
            FamilyNameLatin = family,
            GivenNamesLatin = given,
            DateOfBirth = new DateOnly(adult ? 1955 : 2000, 1, 1).AddDays(random.Next(adult ? 14000 : 7000)),
            NationalityCode = nationality,
            Gender = random.Next(2) == 0 ? Gender.Female : Gender.Male,
            PassportNumber = $"P{++_passport}",
            PassportType = passport,
            PassportIssuingStateCode = nationality,
            PassportExpiresOn = new DateOnly(2023, 1, 1).AddDays(random.Next(2500)),
        };
        person.RefreshSearchKey();
        People.Add(person);
        return person;
    }

    private Assignment AddAssignment(Person person, Mission mission, StaffCategory category, string title, DateOnly start, DateOnly? ended)
    {
        var assignment = new Assignment
        {
            Id = NewId(),
            PersonId = person.Id,
            MissionId = mission.Id,
            Category = category,
            Title = title,
            StartOn = start,
            NotifiedArrivalOn = start.AddDays(random.Next(20)),
            PlannedEndOn = start.AddYears(3 + random.Next(2)),
            EndedOn = ended,
            EndReason = ended is null ? null : EndReason.EndOfTour,
        };
        Assignments.Add(assignment);
        return assignment;
    }

    private static string Title(StaffCategory category) => category switch
    {
        StaffCategory.HeadOfMission => "Ambassador",
        StaffCategory.Diplomatic => "Counsellor",
        StaffCategory.AdministrativeTechnical => "Attaché (Administrative)",
        _ => "Driver",
    };

    private static string CategoryCode(StaffCategory category) =>
        category is StaffCategory.HeadOfMission or StaffCategory.Diplomatic ? "D" : "S";

    /// <summary>A version-7-shaped GUID from the seeded source, so that the same seed gives the same keys.</summary>
    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
