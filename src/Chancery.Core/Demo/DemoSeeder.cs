using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Demo;

/// <summary>
/// Seeds the reference scenario of DOMAIN.md with invented people: the receiving state A (United States)
/// and the sending state B (Russia) with embassies in each other's capital; about 60 of B's staff in A with
/// about 70 family members; 24 diplomats whose visas end on 2021-09-03; family visas cancelled without
/// reasons; and a handful of other states' missions so that lists are not trivially small.
/// Everything is generated from a fixed seed, in one transaction, and skipped when already present.
/// </summary>
public sealed class DemoSeeder(ChanceryDbContext db)
{
    /// <summary>The receiving state of the scenario (A).</summary>
    public const string HostState = "US";
    /// <summary>The sending state of the scenario (B).</summary>
    public const string SendingState = "RU";
    /// <summary>The date on which the 24 diplomats' visas end.</summary>
    public static readonly DateOnly Deadline = new(2021, 9, 3);
    /// <summary>The date the demo is meant to be looked at.</summary>
    public static readonly DateOnly ReferenceDate = new(2021, 8, 15);

    private static readonly string[] MaleFamily = ["Соколов", "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Новиков", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов"];
    private static readonly string[] MaleGiven = ["Александр", "Сергей", "Андрей", "Алексей", "Дмитрий", "Михаил", "Николай", "Владимир", "Игорь", "Евгений", "Павел", "Олег", "Юрий", "Виктор", "Константин", "Артём", "Максим", "Илья", "Роман", "Григорий", "Вадим", "Фёдор", "Пётр", "Кирилл"];
    private static readonly string[] FemaleGiven = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Юлия", "Екатерина", "Людмила", "Марина", "Дарья", "Ксения", "Алёна", "Вера", "Полина", "Софья", "Анастасия", "Валентина"];
    private static readonly string[] Patronymic = ["Игоревич", "Сергеевич", "Александрович", "Викторович", "Николаевич", "Петрович", "Юрьевич", "Андреевич", "Михайлович", "Владимирович"];
    private static readonly string[] DiplomaticTitles = ["Minister-Counsellor", "Counsellor", "First Secretary", "Second Secretary", "Third Secretary", "Attaché"];

    /// <summary>Seeds the scenario unless it is already there. Returns whether anything was written.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        // One transaction for the whole scenario. Each later part (the visa story, posts, the departure order and caps)
        // checks for itself, so a demo database from an earlier version gets what it lacks on its next start.
        return await db.InTransactionAsync(async token =>
        {
            var wrote = false;
            if (!await db.Missions.AnyAsync(m => m.SendingStateCode == SendingState && m.ReceivingStateCode == HostState && m.Kind == MissionKind.Embassy && m.City == "Washington", token).ConfigureAwait(false))
            {
                var world = new World(new Random(2021));
                world.Build();
                db.Missions.AddRange(world.Missions);
                db.People.AddRange(world.People);
                db.Assignments.AddRange(world.Assignments);
                db.FamilyMembers.AddRange(world.Family);
                db.Visas.AddRange(world.Visas);
                await db.SaveChangesAsync(token).ConfigureAwait(false);
                wrote = true;
            }
            var story = new DemoVisaStory(db);
            if (!await story.IsPresentAsync(token).ConfigureAwait(false))
            {
                await story.WriteAsync(token).ConfigureAwait(false);
                wrote = true;
            }
            wrote |= await DemoPosts.SeedAsync(db, token).ConfigureAwait(false);
            wrote |= await DemoDepartures.SeedAsync(db, token).ConfigureAwait(false);
            wrote |= await DemoForecast.SeedAsync(db, token).ConfigureAwait(false);
            wrote |= await DemoReciprocity.SeedAsync(db, token).ConfigureAwait(false);
            return wrote;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The generated world, kept apart from the context so it can be built and inspected in one go.</summary>
    private sealed class World(Random random)
    {
        public List<Mission> Missions { get; } = [];
        public List<Person> People { get; } = [];
        public List<Assignment> Assignments { get; } = [];
        public List<FamilyMember> Family { get; } = [];
        public List<Visa> Visas { get; } = [];
        private int _passport = 2_100_000;
        private int _visaNumber = 31_000_000;
        private int _nameIndex;

        public void Build()
        {
            BuildRussianEmbassyInWashington();
            BuildRussianConsulates();
            BuildUsEmbassyInMoscow();
            BuildOtherMissions();
        }

        private Mission AddMission(string sending, string receiving, MissionKind kind, string city, DateOnly? opened, MissionStatus status = MissionStatus.Open, DateOnly? closed = null)
        {
            var mission = new Mission { SendingStateCode = sending, ReceivingStateCode = receiving, Kind = kind, City = city, OpenedOn = opened, Status = status, ClosedOn = closed };
            Missions.Add(mission);
            return mission;
        }

        private void BuildRussianEmbassyInWashington()
        {
            var embassy = AddMission(SendingState, HostState, MissionKind.Embassy, "Washington", new DateOnly(1992, 1, 1));

            // The ambassador; went nowhere, visa valid.
            Staff(embassy, StaffCategory.HeadOfMission, "Ambassador Extraordinary and Plenipotentiary", new DateOnly(2017, 9, 1), "A-1", new DateOnly(2023, 8, 31), male: true, spouse: true, children: 0);

            // The principal of the demo's search example.
            var sokolov = Person("Соколов", "Дмитрий Игоревич", "Sokolov", "Dmitriy", new DateOnly(1979, 4, 12), Gender.Male);
            var sokolovAssignment = Assign(sokolov, embassy, StaffCategory.Diplomatic, "First Secretary", new DateOnly(2018, 9, 3));
            AddVisa(sokolov, "A-1", new DateOnly(2018, 8, 20), Deadline, VisaEntries.Multiple);
            Household(sokolovAssignment, spouse: true, children: 2, "A-1", Deadline, principalMale: true);

            // 23 more diplomats asked to leave when their visas expire on 3 September 2021.
            for (var i = 0; i < 23; i++)
            {
                var start = new DateOnly(2018, 3, 1).AddDays(random.Next(0, 540));
                Staff(embassy, StaffCategory.Diplomatic, DiplomaticTitles[i % DiplomaticTitles.Length], start, "A-1", Deadline,
                    male: random.Next(100) < 75, spouse: random.Next(100) < 70, children: random.Next(0, 2));
            }

            // Other diplomats with later visas.
            for (var i = 0; i < 6; i++)
            {
                var start = new DateOnly(2019, 6, 1).AddDays(random.Next(0, 500));
                Staff(embassy, StaffCategory.Diplomatic, DiplomaticTitles[(i + 2) % DiplomaticTitles.Length], start, "A-1", start.AddYears(3).AddDays(-1),
                    male: random.Next(100) < 70, spouse: random.Next(100) < 60, children: random.Next(0, 2));
            }

            // Administrative and technical staff: some with visas already expired and renewals pending.
            for (var i = 0; i < 18; i++)
            {
                var start = new DateOnly(2017, 10, 1).AddDays(random.Next(0, 1100));
                var until = i < 8 ? new DateOnly(2021, 6, 30).AddDays(-random.Next(0, 90)) : start.AddYears(3).AddDays(-1);
                if (until < new DateOnly(2021, 9, 30) && i >= 8) until = new DateOnly(2022, 1, 31).AddDays(random.Next(0, 300));
                Staff(embassy, StaffCategory.AdministrativeTechnical, i % 3 == 0 ? "Attaché (Administrative)" : i % 3 == 1 ? "Communications Officer" : "Consular Assistant",
                    start, "A-2", until, male: random.Next(100) < 60, spouse: random.Next(100) < 65, children: random.Next(0, 2));
            }

            // Service staff.
            for (var i = 0; i < 8; i++)
            {
                var start = new DateOnly(2018, 1, 15).AddDays(random.Next(0, 900));
                var until = i < 3 ? new DateOnly(2021, 5, 31).AddDays(random.Next(0, 40)) : new DateOnly(2022, 3, 1).AddDays(random.Next(0, 400));
                Staff(embassy, StaffCategory.Service, i % 2 == 0 ? "Driver" : "Maintenance Technician", start, "A-2", until,
                    male: true, spouse: random.Next(100) < 50, children: random.Next(0, 2));
            }

            // Locally engaged staff, nationals of the receiving state: no visa.
            string[][] locals = [["Miller", "Sarah"], ["Johnson", "Michael"], ["García", "Lucía"], ["O'Brien", "Patrick"]];
            foreach (var (local, i) in locals.Select((l, i) => (l, i)))
            {
                var person = new Person { FamilyName = local[0], GivenNames = local[1], NationalityCode = HostState, DateOfBirth = new DateOnly(1975 + i * 4, 3 + i, 10) };
                People.Add(person);
                Assign(person, embassy, StaffCategory.LocallyEngaged, i % 2 == 0 ? "Receptionist" : "Translator", new DateOnly(2012 + i, 2, 1));
            }

            // A's cancellation of family visas without reasons (VCDR art. 9 needs none): five spouses or children.
            var cancelled = Family.Where(f => Assignments.First(a => a.Id == f.PrincipalAssignmentId).MissionId == embassy.Id).Take(40).Where((_, i) => i % 8 == 3).Take(5);
            foreach (var member in cancelled)
            {
                var visa = Visas.First(v => v.HolderId == member.PersonId);
                visa.CancelledOn = new DateOnly(2021, 7, 12).AddDays(random.Next(0, 20));
                visa.CancellationReason = null;
            }
        }

        private void BuildRussianConsulates()
        {
            foreach (var city in new[] { "New York", "Houston" })
            {
                var consulate = AddMission(SendingState, HostState, MissionKind.ConsulateGeneral, city, new DateOnly(1992, 6, 1));
                Staff(consulate, StaffCategory.HeadOfMission, "Consul General", new DateOnly(2019, 2, 1), "A-1", new DateOnly(2022, 1, 31), male: true, spouse: true, children: 0);
                Staff(consulate, StaffCategory.Diplomatic, "Consul", new DateOnly(2019, 9, 1), "A-1", new DateOnly(2022, 8, 31), male: false, spouse: false, children: 1);
                Staff(consulate, StaffCategory.AdministrativeTechnical, "Consular Assistant", new DateOnly(2020, 1, 10), "A-2", new DateOnly(2021, 7, 31), male: true, spouse: true, children: 1);
            }
        }

        private void BuildUsEmbassyInMoscow()
        {
            var embassy = AddMission(HostState, SendingState, MissionKind.Embassy, "Moscow", new DateOnly(1992, 1, 1));
            AddMission(HostState, SendingState, MissionKind.ConsulateGeneral, "Yekaterinburg", new DateOnly(1994, 10, 1), MissionStatus.Suspended);
            AddMission(HostState, SendingState, MissionKind.ConsulateGeneral, "Vladivostok", new DateOnly(1992, 9, 1), MissionStatus.Suspended);
            string[][] americans =
            [
                ["Harrington", "John"], ["Walsh", "Emily"], ["Nguyen", "David"], ["Kowalski", "Anna"], ["Brooks", "Thomas"], ["Rivera", "Daniel"],
                ["Chen", "Grace"], ["Fitzgerald", "Mark"], ["Patel", "Priya"], ["Anderson", "Laura"], ["Schmidt", "Eric"], ["Okafor", "James"],
                ["Larsen", "Karen"], ["Dubois", "Claire"], ["Murphy", "Sean"], ["Rossi", "Paul"], ["Hughes", "Rachel"], ["Bennett", "Adam"],
            ];
            for (var i = 0; i < americans.Length; i++)
            {
                var category = i == 0 ? StaffCategory.HeadOfMission : i < 11 ? StaffCategory.Diplomatic : StaffCategory.AdministrativeTechnical;
                var title = i == 0 ? "Ambassador" : category == StaffCategory.Diplomatic ? DiplomaticTitles[i % DiplomaticTitles.Length] : "Information Management Specialist";
                var person = new Person
                {
                    FamilyName = americans[i][0],
                    GivenNames = americans[i][1],
                    NationalityCode = HostState,
                    DateOfBirth = new DateOnly(1968 + i, 1 + i % 12, 5 + i),
                    Gender = i % 3 == 1 ? Gender.Female : Gender.Male,
                    PassportNumber = $"9{_passport++:D8}",
                    PassportType = PassportType.Diplomatic,
                    PassportIssuingStateCode = HostState,
                    PassportExpiresOn = new DateOnly(2026, 5, 1),
                };
                People.Add(person);
                var start = new DateOnly(2018, 8, 1).AddDays(random.Next(0, 700));
                var assignment = Assign(person, embassy, category, title, start);
                AddVisa(person, "diplomatic", start.AddDays(-20), start.AddYears(1).AddDays(random.Next(200, 500)), VisaEntries.Multiple, issuer: SendingState);
                if (i % 3 == 0)
                {
                    var spouse = new Person
                    {
                        FamilyName = americans[i][0],
                        GivenNames = i % 2 == 0 ? "Susan" : "Michael",
                        NationalityCode = HostState,
                        DateOfBirth = new DateOnly(1970 + i, 6, 1),
                        PassportNumber = $"9{_passport++:D8}",
                        PassportType = PassportType.Diplomatic,
                        PassportIssuingStateCode = HostState,
                    };
                    People.Add(spouse);
                    Family.Add(new FamilyMember { PersonId = spouse.Id, PrincipalAssignmentId = assignment.Id, Relationship = Relationship.Spouse, StartOn = start });
                    AddVisa(spouse, "diplomatic", start.AddDays(-20), start.AddYears(1).AddDays(200), VisaEntries.Multiple, issuer: SendingState);
                }
            }
            // Russian nationals employed locally until B banned A's missions from hiring local staff.
            for (var i = 0; i < 6; i++)
            {
                var female = i % 2 == 0;
                var person = new Person
                {
                    FamilyName = Feminine(MaleFamily[(i * 7 + 30) % MaleFamily.Length], female),
                    GivenNames = female ? FemaleGiven[i] : MaleGiven[i + 5],
                    NationalityCode = SendingState,
                    DateOfBirth = new DateOnly(1980 + i, 2 + i, 14),
                };
                Romanise(person);
                People.Add(person);
                var local = Assign(person, embassy, StaffCategory.LocallyEngaged, i % 2 == 0 ? "Visa Clerk" : "Driver", new DateOnly(2010 + i, 4, 1));
                local.EndedOn = new DateOnly(2021, 7, 31);
                local.EndReason = EndReason.Other;
            }
        }

        private void BuildOtherMissions()
        {
            (string Sending, string Receiving, string City, string[][] Names)[] others =
            [
                ("FR", "US", "Washington", [["Lefèvre", "Étienne"], ["Moreau", "Hélène"], ["Girard", "Benoît"]]),
                ("DE", "US", "Washington", [["Schäfer", "Jürgen"], ["Weiß", "Katrin"], ["Bäcker", "Lukas"]]),
                ("JP", "US", "Washington", [["Tanaka", "Hiroshi"], ["Sato", "Yuki"]]),
                ("PL", "US", "Washington", [["Wiśniewski", "Łukasz"], ["Zając", "Małgorzata"]]),
                ("FR", "RU", "Moscow", [["Dupont", "Amélie"], ["Rousseau", "François"]]),
                ("DE", "RU", "Moscow", [["Müller", "Stefan"], ["Köhler", "Anja"]]),
                ("GB", "RU", "Moscow", [["Whitfield", "Oliver"], ["Price", "Charlotte"]]),
                ("IN", "RU", "Moscow", [["Sharma", "Arjun"], ["Iyer", "Lakshmi"]]),
                ("FI", "RU", "Saint Petersburg", [["Virtanen", "Mikko"]]),
            ];
            foreach (var (sending, receiving, city, names) in others)
            {
                var kind = city == "Saint Petersburg" ? MissionKind.ConsulateGeneral : MissionKind.Embassy;
                var mission = AddMission(sending, receiving, kind, city, new DateOnly(1992, 1, 1));
                for (var i = 0; i < names.Length; i++)
                {
                    var person = new Person
                    {
                        FamilyName = names[i][0],
                        GivenNames = names[i][1],
                        NationalityCode = sending,
                        DateOfBirth = new DateOnly(1970 + i * 6, 2 + i, 3 + i),
                        PassportNumber = $"{sending}D{_passport++:D7}",
                        PassportType = PassportType.Diplomatic,
                        PassportIssuingStateCode = sending,
                        PassportExpiresOn = new DateOnly(2027, 1, 1),
                    };
                    People.Add(person);
                    var start = new DateOnly(2019, 9, 1).AddDays(random.Next(0, 400));
                    Assign(person, mission, i == 0 ? StaffCategory.HeadOfMission : StaffCategory.Diplomatic, i == 0 ? "Ambassador" : "Counsellor", start);
                    AddVisa(person, receiving == "US" ? "A-1" : "diplomatic", start.AddDays(-15), start.AddYears(3), VisaEntries.Multiple, issuer: receiving);
                }
            }
        }

        private Assignment Staff(Mission mission, StaffCategory category, string title, DateOnly start, string visaCategory, DateOnly visaUntil, bool male, bool spouse, int children)
        {
            var (family, given, familyLatin, givenLatin) = RussianName(male);
            var person = Person(family, given, familyLatin, givenLatin, new DateOnly(1965, 1, 1).AddDays(random.Next(0, 365 * 25)), male ? Gender.Male : Gender.Female);
            var assignment = Assign(person, mission, category, title, start);
            AddVisa(person, visaCategory, visaUntil.AddYears(-3).AddDays(1) < start ? visaUntil.AddYears(-3).AddDays(1) : start.AddDays(-14), visaUntil, VisaEntries.Multiple);
            Household(assignment, spouse, children, visaCategory, visaUntil, male);
            return assignment;
        }

        private void Household(Assignment principal, bool spouse, int children, string visaCategory, DateOnly visaUntil, bool principalMale)
        {
            var principalPerson = People.First(p => p.Id == principal.PersonId);
            var familyMasculine = principalMale ? principalPerson.FamilyName : Masculine(principalPerson.FamilyName);
            if (spouse)
            {
                var female = principalMale;
                var person = Person(Feminine(familyMasculine, female), (female ? FemaleGiven : MaleGiven)[random.Next(female ? FemaleGiven.Length : MaleGiven.Length)],
                    null, null, principalPerson.DateOfBirth!.Value.AddDays(random.Next(-1500, 1500)), female ? Gender.Female : Gender.Male);
                Family.Add(new FamilyMember { PersonId = person.Id, PrincipalAssignmentId = principal.Id, Relationship = Relationship.Spouse, StartOn = principal.StartOn });
                AddVisa(person, visaCategory, principal.StartOn.AddDays(-14), visaUntil, VisaEntries.Multiple);
            }
            for (var c = 0; c < children; c++)
            {
                var female = random.Next(2) == 0;
                var person = Person(Feminine(familyMasculine, female), (female ? FemaleGiven : MaleGiven)[random.Next(female ? FemaleGiven.Length : MaleGiven.Length)],
                    null, null, new DateOnly(2005, 1, 1).AddDays(random.Next(0, 365 * 14)), female ? Gender.Female : Gender.Male);
                Family.Add(new FamilyMember { PersonId = person.Id, PrincipalAssignmentId = principal.Id, Relationship = Relationship.Child, StartOn = principal.StartOn });
                AddVisa(person, visaCategory, principal.StartOn.AddDays(-14), visaUntil, VisaEntries.Multiple);
            }
        }

        private (string Family, string Given, string? FamilyLatin, string? GivenLatin) RussianName(bool male)
        {
            var index = _nameIndex++;
            var family = Feminine(MaleFamily[(index * 5 + 1) % MaleFamily.Length], !male);
            var given = (male ? MaleGiven : FemaleGiven)[random.Next(male ? MaleGiven.Length : FemaleGiven.Length)];
            var patronymic = Patronymic[random.Next(Patronymic.Length)];
            if (!male) patronymic = patronymic[..^2] + "на";
            return (family, $"{given} {patronymic}", null, null);
        }

        private Person Person(string family, string given, string? familyLatin, string? givenLatin, DateOnly born, Gender gender)
        {
            var person = new Person
            {
                FamilyName = family,
                GivenNames = given,
                FamilyNameLatin = familyLatin,
                GivenNamesLatin = givenLatin,
                DateOfBirth = born,
                Gender = gender,
                NationalityCode = SendingState,
                PassportNumber = $"20{_passport++:D7}",
                PassportType = PassportType.Diplomatic,
                PassportIssuingStateCode = SendingState,
                PassportExpiresOn = new DateOnly(2025, 1, 1).AddDays(random.Next(0, 1500)),
            };
            if (familyLatin is null) Romanise(person);
            People.Add(person);
            return person;
        }

        private Assignment Assign(Person person, Mission mission, StaffCategory category, string title, DateOnly start)
        {
            var assignment = new Assignment
            {
                PersonId = person.Id,
                MissionId = mission.Id,
                Category = category,
                Title = title,
                StartOn = start,
                NotifiedArrivalOn = start.AddDays(-3),
                PlannedEndOn = start.AddYears(category == StaffCategory.LocallyEngaged ? 20 : 4).AddDays(-1),
            };
            Assignments.Add(assignment);
            return assignment;
        }

        private void AddVisa(Person holder, string category, DateOnly from, DateOnly until, VisaEntries entries, string issuer = HostState)
        {
            Visas.Add(new Visa
            {
                HolderId = holder.Id,
                IssuingStateCode = issuer,
                CategoryCode = category,
                Number = $"{_visaNumber++}",
                IssuedOn = from.AddDays(-7),
                ValidFrom = from,
                ValidUntil = until,
                Entries = entries,
            });
        }

        /// <summary>Passport-style Latin names (ICAO 9303 romanisation, as printed in Russian passports since 2010).</summary>
        private static void Romanise(Person person)
        {
            person.FamilyNameLatin = Title(SearchText.Romanise(person.FamilyName, icao: true));
            person.GivenNamesLatin = Title(SearchText.Romanise(person.GivenNames.Split(' ')[0], icao: true));
        }

        private static string Title(string lower) => string.Join(' ', lower.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

        private static string Feminine(string masculine, bool female) =>
            !female ? masculine
            : masculine.EndsWith("ий", StringComparison.Ordinal) ? masculine[..^2] + "ая"
            : masculine + "а";

        private static string Masculine(string family) =>
            family.EndsWith("ая", StringComparison.Ordinal) ? family[..^2] + "ий" : family.EndsWith('а') ? family[..^1] : family;
    }
}
