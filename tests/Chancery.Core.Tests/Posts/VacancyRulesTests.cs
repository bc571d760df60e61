using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using static Chancery.Core.Tests.Posts.HeadcountRulesTests;

namespace Chancery.Core.Tests.Posts;

/// <summary>Vacant posts, posts about to be vacant, and the replacement status of each.</summary>
public class VacancyRulesTests
{
    private static readonly DateOnly On = new(2021, 8, 15);

    private static Post NewPost(string title = "First Secretary") =>
        new() { Title = title, Category = StaffCategory.Diplomatic, EstablishedOn = new DateOnly(2010, 1, 1), MissionId = Guid.NewGuid() };

    private static NominationFacts Nominee(Post post, DateOnly nominated, ApplicationFacts? application = null, DateOnly? arrival = null, NominationStatus recorded = NominationStatus.Proposed) =>
        new(Guid.NewGuid(), post.Id, Guid.NewGuid(), "Nominee, Anna", nominated, recorded, arrival, application);

    private static IReadOnlyList<Vacancy> Report(Post[] posts, StaffFacts[] holders, NominationFacts[] nominations, int within = 30) =>
        VacancyRules.VacanciesOn(posts, holders.ToLookup(h => h.PostId!.Value), nominations.ToLookup(n => n.PostId), On, within);

    [Fact]
    public void PostIsVacantFromTheDayAfterItsHoldersAssignmentEndsAndNeverFilledFromItsEstablishment()
    {
        var vacated = NewPost();
        var never = NewPost("Attaché");
        var held = NewPost("Counsellor");

        var report = Report([vacated, never, held],
            [Staff(ended: new DateOnly(2021, 7, 31), postId: vacated.Id), Staff(postId: held.Id)], []);

        Assert.Equal([(never.Id, new DateOnly(2010, 1, 1), "no nominee"), (vacated.Id, new DateOnly(2021, 8, 1), "no nominee")],
            report.Select(v => (v.PostId, v.VacantFrom, v.Replacement)));
        Assert.All(report, v => Assert.True(v.Vacant));
    }

    [Fact]
    public void HolderOrderedToLeaveOrWhoseVisaEndsWithinTheWindowMakesThePostAboutToBeVacant()
    {
        var ordered = NewPost();
        var visa = NewPost("Counsellor");
        var later = NewPost("Attaché");

        var report = Report([ordered, visa, later],
            [Staff(leaveBy: new DateOnly(2021, 9, 3), postId: ordered.Id), Staff(lapses: new DateOnly(2021, 9, 10), postId: visa.Id),
             Staff(planned: new DateOnly(2022, 6, 30), postId: later.Id)], []);

        Assert.Equal([(ordered.Id, new DateOnly(2021, 9, 4)), (visa.Id, new DateOnly(2021, 9, 10))], report.Select(v => (v.PostId, v.VacantFrom)));
        Assert.All(report, v => Assert.False(v.Vacant));
        Assert.Contains("leave by 2021-09-03", report[0].Reason, StringComparison.Ordinal);
        Assert.Equal(3, Report([ordered, visa, later], [Staff(leaveBy: new DateOnly(2021, 9, 3), postId: ordered.Id), Staff(lapses: new DateOnly(2021, 9, 10), postId: visa.Id),
             Staff(planned: new DateOnly(2022, 6, 30), postId: later.Id)], [], within: 366).Count);
    }

    [Fact]
    public void ReplacementStatusSaysHowLongTheVisaHasBeenPendingOrWhenTheNomineeArrives()
    {
        var pending = NewPost("A");
        var granted = NewPost("B");
        var refused = NewPost("C");
        var holders = new[] { pending, granted, refused }.Select(p => Staff(leaveBy: new DateOnly(2021, 9, 3), postId: p.Id)).ToArray();
        var nominations = new[]
        {
            Nominee(pending, new DateOnly(2021, 3, 1), new ApplicationFacts(Guid.NewGuid(), new DateOnly(2021, 3, 25), null, VisaApplicationOutcome.Pending)),
            Nominee(granted, new DateOnly(2021, 3, 1), new ApplicationFacts(Guid.NewGuid(), new DateOnly(2021, 3, 25), new DateOnly(2021, 8, 2), VisaApplicationOutcome.Granted), new DateOnly(2021, 10, 1)),
            Nominee(refused, new DateOnly(2021, 3, 1), new ApplicationFacts(Guid.NewGuid(), new DateOnly(2021, 3, 25), new DateOnly(2021, 6, 2), VisaApplicationOutcome.Refused)),
        };

        var report = Report([pending, granted, refused], holders, nominations).ToDictionary(v => v.PostId, v => v.Replacement);

        Assert.Equal("nominee, visa pending 143 days", report[pending.Id]);
        Assert.Equal("arrives 2021-10-01", report[granted.Id]);
        Assert.Equal("nominee's visa refused", report[refused.Id]);
    }

    [Fact]
    public void NominationStatusFollowsTheApplicationOnTheAsOfDateUnlessWithdrawnOrArrivedIsRecorded()
    {
        var post = NewPost();
        var application = new ApplicationFacts(Guid.NewGuid(), new DateOnly(2021, 4, 1), new DateOnly(2021, 9, 1), VisaApplicationOutcome.Granted);
        var nomination = Nominee(post, new DateOnly(2021, 3, 1), application, new DateOnly(2021, 9, 20));

        Assert.Equal(NominationStatus.Proposed, PostRules.StatusOn(nomination, new DateOnly(2021, 3, 31)));
        Assert.Equal(NominationStatus.VisaPending, PostRules.StatusOn(nomination, new DateOnly(2021, 8, 31)));
        Assert.Equal(NominationStatus.VisaGranted, PostRules.StatusOn(nomination, new DateOnly(2021, 9, 1)));
        Assert.Equal(NominationStatus.Arrived, PostRules.StatusOn(nomination, new DateOnly(2021, 9, 20)));
        Assert.Equal(NominationStatus.Withdrawn, PostRules.StatusOn(nomination with { Recorded = NominationStatus.Withdrawn }, new DateOnly(2021, 8, 31)));
        Assert.Equal(152, PostRules.DaysPending(nomination, new DateOnly(2021, 8, 31)));
        Assert.Null(PostRules.DaysPending(nomination, new DateOnly(2021, 9, 1)));
    }

    [Fact]
    public void ASuccessorAlreadyLinkedToThePostMeansNoVacancyAhead()
    {
        var post = NewPost();

        var report = Report([post], [Staff(planned: new DateOnly(2021, 8, 31), postId: post.Id), Staff(start: new DateOnly(2021, 9, 1), postId: post.Id)], []);

        Assert.Empty(report);
    }

    [Fact]
    public void StatusNamesKeepTheirPlaceAndVisaGrantedComesLast() =>
        Assert.Equal(["Proposed", "VisaPending", "VisaRefused", "Arrived", "Withdrawn", "VisaGranted"], Enum.GetNames<NominationStatus>());
}
