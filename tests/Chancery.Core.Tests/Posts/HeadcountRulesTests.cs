using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using CsCheck;

namespace Chancery.Core.Tests.Posts;

/// <summary>Headcount on a date: assignments, orders, visa cover, arrivals, and families following their principal.</summary>
public class HeadcountRulesTests
{
    private static readonly DateOnly Deadline = new(2021, 9, 3);

    internal static StaffFacts Staff(
        StaffCategory category = StaffCategory.Diplomatic, DateOnly? start = null, DateOnly? ended = null, DateOnly? planned = null,
        DateOnly? leaveBy = null, DateOnly? lapses = null, Guid? postId = null, params FamilyFacts[] family) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Staff, Member", category, postId, start ?? new DateOnly(2019, 1, 1), ended, planned, leaveBy, lapses, family);

    internal static FamilyFacts Spouse(DateOnly? lapses = null) => new(Guid.NewGuid(), new DateOnly(2019, 1, 1), null, lapses);

    [Fact]
    public void OrderedOutFromTheDayAfterLeaveByWithTheirFamilies()
    {
        var staff = new[] { Staff(leaveBy: Deadline, family: [Spouse(), Spouse()]), Staff(), Staff(StaffCategory.Service) };

        var onLeaveBy = HeadcountRules.On(staff, [], Deadline);
        var after = HeadcountRules.On(staff, [], Deadline.AddDays(1));

        Assert.Equal((3, 2), (onLeaveBy.Members.Count, onLeaveBy.Family.Count));
        Assert.Equal((2, 0), (after.Members.Count, after.Family.Count));
        Assert.Equal("present 3, ordered out 1", after.Members.Explanation);
        Assert.Equal("present 2, ordered out 2", after.Family.Explanation);
    }

    [Fact]
    public void VisaLapsedMemberIsCountedOutOnceTheGraceHasPassedAndAnOrderTakesPrecedence()
    {
        var staff = new[] { Staff(lapses: Deadline.AddDays(11)), Staff(leaveBy: Deadline, lapses: Deadline.AddDays(1)), Staff() };

        var h = HeadcountRules.On(staff, [], Deadline.AddDays(11));

        Assert.Equal("present 3, ordered out 1, visa lapsed 1", h.Members.Explanation);
        Assert.Equal(1, h.Members.Count);
        Assert.Equal(2, HeadcountRules.On(staff, [], Deadline.AddDays(10)).Members.Count);
    }

    [Fact]
    public void FamilyMemberWhoseOwnVisaLapsedIsCountedOutWhileThePrincipalStays()
    {
        var staff = new[] { Staff(family: [Spouse(lapses: new DateOnly(2021, 7, 20)), Spouse()]) };

        var h = HeadcountRules.On(staff, [], new DateOnly(2021, 8, 15));

        Assert.Equal((1, 1, "present 2, visa lapsed 1"), (h.Members.Count, h.Family.Count, h.Family.Explanation));
    }

    [Fact]
    public void ArrivalsCountInFromTheirDayUnderTheirPostsCategory()
    {
        var arrivals = new[] { new ArrivalFacts(Guid.NewGuid(), StaffCategory.Diplomatic, new DateOnly(2021, 10, 1)) };
        var staff = new[] { Staff(leaveBy: Deadline), Staff() };

        var before = HeadcountRules.On(staff, arrivals, new DateOnly(2021, 9, 30));
        var after = HeadcountRules.On(staff, arrivals, new DateOnly(2021, 10, 1));

        Assert.Equal(1, before.Members.Count);
        Assert.Equal((2, "present 2, ordered out 1, arriving 1"), (after.Members.Count, after.Members.Explanation));
        Assert.Equal(StaffCategory.Diplomatic, Assert.Single(after.Categories).Category);
    }

    [Fact]
    public void PrivateServantsAreCountedApartFromMembersAndLocalStaffAmongThem()
    {
        var staff = new[] { Staff(StaffCategory.PrivateServant), Staff(StaffCategory.LocallyEngaged), Staff(StaffCategory.HeadOfMission) };

        var h = HeadcountRules.On(staff, [], new DateOnly(2021, 8, 15));

        Assert.Equal((2, 1), (h.Members.Count, h.PrivateServants.Count));
        Assert.Equal([StaffCategory.HeadOfMission, StaffCategory.LocallyEngaged], h.Categories.Select(c => c.Category));
    }

    [Fact]
    public void VisaCoverEndsAtTheLatestVisaWithGraceAndACancellationEndsItWithoutGrace()
    {
        var old = new Visa { IssuingStateCode = "US", CategoryCode = "A-1", ValidFrom = new DateOnly(2018, 9, 4), ValidUntil = new DateOnly(2021, 9, 3) };
        var renewal = new Visa { IssuingStateCode = "US", CategoryCode = "A-1", ValidFrom = new DateOnly(2021, 9, 4), ValidUntil = new DateOnly(2022, 9, 3) };
        var cancelled = new Visa { IssuingStateCode = "US", CategoryCode = "A-1", ValidFrom = new DateOnly(2019, 1, 1), ValidUntil = new DateOnly(2022, 1, 1), CancelledOn = new DateOnly(2021, 7, 12) };

        Assert.Equal(new DateOnly(2021, 9, 14), VisaCover.LapsesOn([old], _ => 10));
        Assert.Equal(new DateOnly(2022, 9, 14), VisaCover.LapsesOn([old, renewal], _ => 10));
        Assert.Equal(new DateOnly(2021, 7, 12), VisaCover.LapsesOn([cancelled], _ => 10));
        Assert.Null(VisaCover.LapsesOn([], _ => 10));
    }

    [Fact]
    public void WithoutOrdersOrVisaLapsesTheHeadcountIsTheMembersWhoseAssignmentSpansTheDateAndFamiliesFollowTheirPrincipal()
    {
        var day0 = new DateOnly(2020, 1, 1);
        var member = Gen.Select(Gen.Int[0, 700], Gen.Int[-1, 700], Gen.Int[0, 3], Gen.Enum<StaffCategory>())
            .Select((start, length, family, category) => Staff(category, day0.AddDays(start), length < 0 ? null : day0.AddDays(start + length),
                family: [.. Enumerable.Range(0, family).Select(_ => Spouse())]));
        Gen.Select(member.List[0, 30], Gen.Int[0, 1500]).Sample((staff, offset) =>
        {
            var date = day0.AddDays(offset);
            var h = HeadcountRules.On(staff, [], date);
            var present = staff.Where(s => s.StartOn <= date && (s.EndedOn is null || s.EndedOn >= date)).ToList();
            return h.Members.Count == present.Count(s => s.Category != StaffCategory.PrivateServant)
                && h.PrivateServants.Count == present.Count(s => s.Category == StaffCategory.PrivateServant)
                && h.Family.Count == present.Sum(s => s.Family.Count(f => f.StartOn <= date));
        });
    }

    [Fact]
    public void TimelineGivesOneDayPerDateAndMatchesTheHeadcountOnEachDay()
    {
        var staff = new[] { Staff(leaveBy: Deadline, family: [Spouse()]), Staff(lapses: Deadline.AddDays(31)), Staff(ended: new DateOnly(2021, 8, 20)) };

        var days = HeadcountRules.Timeline(staff, [], new DateOnly(2021, 8, 1), new DateOnly(2021, 12, 31));

        Assert.Equal(153, days.Count);
        Assert.All(days, d => Assert.Equal(HeadcountRules.On(staff, [], d.On).Members.Count, d.Members));
        Assert.Equal([3, 2, 1, 0], days.Select(d => d.Members).Distinct());
    }
}
