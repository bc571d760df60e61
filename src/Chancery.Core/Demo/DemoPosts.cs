using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Demo;

/// <summary>
/// The posts of the scenario: every current assignment of Russia's embassy in Washington fills a post, and of the 24
/// diplomats whose visas end on <see cref="DemoSeeder.Deadline"/> only three have a replacement nominated: two whose
/// visa applications have been pending for months (A slows issuance for B's nominees), one granted and arriving.
/// </summary>
internal static class DemoPosts
{
    private static readonly string[] Portfolios = ["Political", "Economic", "Consular", "Press", "Protocol", "Science and Technology", "Arms Control", "Cultural", "Legal", "Congressional Liaison"];

    /// <summary>Adds the posts and nominations unless the embassy already has posts; returns whether it wrote. Runs inside the demo seeder's transaction.</summary>
    public static async Task<bool> SeedAsync(ChanceryDbContext db, CancellationToken ct)
    {
        var embassy = await db.Missions.FirstOrDefaultAsync(m => m.SendingStateCode == DemoSeeder.SendingState && m.ReceivingStateCode == DemoSeeder.HostState
            && m.Kind == MissionKind.Embassy && m.City == "Washington", ct).ConfigureAwait(false);
        if (embassy is null || await db.Posts.AnyAsync(p => p.MissionId == embassy.Id, ct).ConfigureAwait(false)) return false;
        var staff = await db.Assignments.Where(a => a.MissionId == embassy.Id && a.EndedOn == null)
            .OrderBy(a => a.Category).ThenBy(a => a.StartOn).ThenBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        var posts = new Dictionary<Guid, Post>();
        var diplomats = 0;
        foreach (var a in staff)
        {
            var title = a.Category == StaffCategory.Diplomatic ? $"{a.Title} ({Portfolios[diplomats++ % Portfolios.Length]})" : a.Title;
            var post = new Post { MissionId = embassy.Id, Title = title, Category = a.Category, EstablishedOn = embassy.OpenedOn ?? new DateOnly(1992, 1, 1) };
            posts[a.Id] = post;
            a.PostId = post.Id;
            db.Posts.Add(post);
        }

        // Three of the 24 whose visas end on the deadline: the earliest arrived, so the first due for replacement.
        var staffIds = staff.Where(a => a.Category == StaffCategory.Diplomatic).Select(a => a.PersonId).ToList();
        var leaving = await db.Visas.Where(v => staffIds.Contains(v.HolderId) && v.ValidUntil == DemoSeeder.Deadline)
            .Select(v => v.HolderId).ToListAsync(ct).ConfigureAwait(false);
        var replaced = staff.Where(a => a.Category == StaffCategory.Diplomatic && leaving.Contains(a.PersonId)).Take(3).ToList();
        (string Family, string Given, string FamilyLatin, string GivenLatin, DateOnly Nominated, DateOnly Filed, DateOnly? Granted, DateOnly Arrival)[] nominees =
        [
            ("Фёдоров", "Антон Павлович", "Fedorov", "Anton", new DateOnly(2021, 3, 15), new DateOnly(2021, 3, 22), null, new DateOnly(2021, 9, 1)),
            ("Лаврова", "Ирина Олеговна", "Lavrova", "Irina", new DateOnly(2021, 4, 5), new DateOnly(2021, 4, 12), null, new DateOnly(2021, 9, 1)),
            ("Громов", "Станислав Юрьевич", "Gromov", "Stanislav", new DateOnly(2021, 2, 1), new DateOnly(2021, 2, 8), new DateOnly(2021, 8, 2), new DateOnly(2021, 9, 20)),
        ];
        for (var i = 0; i < replaced.Count; i++)
        {
            var n = nominees[i];
            var person = new Person
            {
                FamilyName = n.Family,
                GivenNames = n.Given,
                FamilyNameLatin = n.FamilyLatin,
                GivenNamesLatin = n.GivenLatin,
                DateOfBirth = new DateOnly(1981 + i * 3, 5 + i, 11),
                Gender = n.Family.EndsWith('а') ? Gender.Female : Gender.Male,
                NationalityCode = DemoSeeder.SendingState,
                PassportNumber = $"29{i + 1:D7}",
                PassportType = PassportType.Diplomatic,
                PassportIssuingStateCode = DemoSeeder.SendingState,
                PassportExpiresOn = new DateOnly(2030, 1, 1),
            };
            db.People.Add(person);
            var application = new VisaApplication
            {
                ApplicantId = person.Id,
                Kind = VisaApplicationKind.New,
                CategoryCode = "A-1",
                IssuingStateCode = DemoSeeder.HostState,
                FiledOn = n.Filed,
                Outcome = n.Granted is null ? VisaApplicationOutcome.Pending : VisaApplicationOutcome.Granted,
                DecidedOn = n.Granted,
                Notes = n.Granted is null ? "Filed by note verbale; no answer despite reminders." : "Granted after six months.",
            };
            if (n.Granted is { } granted)
            {
                var visa = new Visa
                {
                    HolderId = person.Id,
                    IssuingStateCode = DemoSeeder.HostState,
                    CategoryCode = "A-1",
                    IssuedOn = granted,
                    ValidFrom = n.Arrival.AddDays(-5),
                    ValidUntil = n.Arrival.AddYears(3),
                    Entries = VisaEntries.Multiple,
                    Number = $"3{i + 9_000_000}",
                };
                db.Visas.Add(visa);
                application.ResultingVisaId = visa.Id;
            }
            db.VisaApplications.Add(application);
            db.Nominations.Add(new Nomination
            {
                PostId = posts[replaced[i].Id].Id,
                NomineeId = person.Id,
                NominatedOn = n.Nominated,
                VisaApplicationId = application.Id,
                ExpectedArrivalOn = n.Arrival,
                Status = NominationStatus.Proposed,
            });
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }
}
