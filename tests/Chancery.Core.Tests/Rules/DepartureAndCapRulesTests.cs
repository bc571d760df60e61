using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using CsCheck;

namespace Chancery.Core.Tests.Rules;

public class DepartureRulesTests
{
    private static readonly DateOnly LeaveBy = new(2021, 9, 3);

    [Fact]
    public void PendingPersonIsPendingUntilLeaveByPlusGraceAndOverstayedTheDayAfter()
    {
        Assert.Equal(DepartureProgress.Pending, DepartureRules.StatusOn(DeparturePersonStatus.Pending, null, null, LeaveBy, 10, LeaveBy.AddDays(10)));
        Assert.Equal(DepartureProgress.Overstayed, DepartureRules.StatusOn(DeparturePersonStatus.Pending, null, null, LeaveBy, 10, LeaveBy.AddDays(11)));
    }

    [Fact]
    public void WithoutAHostPolicyThereIsNoGraceAndTheDayAfterLeaveByIsOverstayed() =>
        Assert.True(DepartureRules.IsOverstayed(DeparturePersonStatus.Pending, null, null, LeaveBy, null, LeaveBy.AddDays(1)));

    [Fact]
    public void PersonWhoDepartedLateWasOverstayedBeforeTheDepartureAndDepartedFromIt()
    {
        var departed = LeaveBy.AddDays(20);
        Assert.Equal(DepartureProgress.Overstayed, DepartureRules.StatusOn(DeparturePersonStatus.Departed, departed, null, LeaveBy, 0, departed.AddDays(-1)));
        Assert.Equal(DepartureProgress.Departed, DepartureRules.StatusOn(DeparturePersonStatus.Departed, departed, null, LeaveBy, 0, departed));
    }

    [Fact]
    public void RescindedPersonIsNeverOverstayedAfterTheRescission() =>
        Assert.Equal(DepartureProgress.Rescinded, DepartureRules.StatusOn(DeparturePersonStatus.Rescinded, null, LeaveBy, LeaveBy, 0, LeaveBy.AddYears(1)));

    [Fact]
    public void CountsAddUpToEveryoneNamed() =>
        Gen.Enum<DepartureProgress>().List[0, 40].Sample(statuses =>
        {
            var counts = DepartureRules.Count(statuses);
            return counts.Total == statuses.Count && counts.Departed == statuses.Count(s => s == DepartureProgress.Departed)
                && counts.StillThere == statuses.Count(s => s is DepartureProgress.Pending or DepartureProgress.Overstayed);
        });

    [Fact]
    public void DepartureEndsTheAssignmentWithTheReasonOfTheOrder()
    {
        Assert.Equal(EndReason.PersonaNonGrata, DepartureRules.EndReasonFor(DepartureOrderKind.PersonaNonGrata));
        Assert.Equal(EndReason.AskedToLeave, DepartureRules.EndReasonFor(DepartureOrderKind.AskedToLeave));
        Assert.Equal(EndReason.SizeReduction, DepartureRules.EndReasonFor(DepartureOrderKind.SizeReduction));
    }
}

public class CapRulesTests
{
    private static readonly Mission Embassy = new() { SendingStateCode = "US", ReceivingStateCode = "RU", City = "Moscow", Kind = MissionKind.Embassy };
    private static readonly Mission Consulate = new() { SendingStateCode = "US", ReceivingStateCode = "RU", City = "Yekaterinburg", Kind = MissionKind.ConsulateGeneral };
    private static readonly DateOnly Day = new(2021, 8, 15);

    private static Assignment Staff(Mission m, StaffCategory category = StaffCategory.Diplomatic, DateOnly? ended = null) =>
        new() { MissionId = m.Id, Category = category, Title = "x", StartOn = new DateOnly(2019, 1, 1), EndedOn = ended };

    private static StaffingCap Cap(int limit, StaffCategory? category = null, bool combined = false) =>
        new() { ReceivingStateCode = "RU", SendingStateCode = "US", Limit = limit, Category = category, Combined = combined, InForceFrom = new DateOnly(2021, 8, 1) };

    [Fact]
    public void AssignmentExactlyAtTheCapIsAllowedAndOneOverIsRefused()
    {
        var cap = Cap(2);
        var one = new[] { Staff(Embassy) };
        var two = new[] { Staff(Embassy), Staff(Embassy) };

        Assert.Null(CapRules.FirstBreach([cap], [Embassy], one, Staff(Embassy), null));
        var breach = CapRules.FirstBreach([cap], [Embassy], two, Staff(Embassy), null);
        Assert.Equal((2, 2, new DateOnly(2021, 8, 1)), (breach!.Count, breach.Limit, breach.On));
    }

    [Fact]
    public void HiringBanCountsOnlyLocallyEngagedStaffAndMembersCapIgnoresThem()
    {
        var ban = Cap(0, StaffCategory.LocallyEngaged);
        Assert.NotNull(CapRules.FirstBreach([ban], [Embassy], [], Staff(Embassy, StaffCategory.LocallyEngaged), null));
        Assert.Null(CapRules.FirstBreach([ban], [Embassy], [], Staff(Embassy), null));
        Assert.Null(CapRules.FirstBreach([Cap(1)], [Embassy], [Staff(Embassy)], Staff(Embassy, StaffCategory.LocallyEngaged), null));
    }

    [Fact]
    public void AssignmentEndedBeforeTheCapComesIntoForceIsNotChecked() =>
        Assert.Null(CapRules.FirstBreach([Cap(0)], [Embassy], [], Staff(Embassy, ended: new DateOnly(2021, 7, 31)), null));

    [Fact]
    public void CombinedCapCountsEveryMissionTogetherAndPerMissionCapEachAlone()
    {
        var staff = new[] { Staff(Embassy), Staff(Embassy), Staff(Consulate) };

        var each = CapRules.CountsOn([Cap(2)], [Embassy, Consulate], staff, Day);
        var together = Assert.Single(CapRules.CountsOn([Cap(2, combined: true)], [Embassy, Consulate], staff, Day));

        Assert.Equal([(Embassy.Id, 2), (Consulate.Id, 1)], each.Select(c => (c.MissionId!.Value, c.Count)));
        Assert.Equal((3, true), (together.Count, together.IsOver));
        Assert.Empty(CapRules.Breaches([Cap(2)], [Embassy, Consulate], staff, Day));
    }

    [Fact]
    public void ExistingBreachIsListedWithTheCapsDeadlineOnlyOnceTheCapIsInForce()
    {
        var staff = new[] { Staff(Embassy, StaffCategory.LocallyEngaged) };
        var ban = Cap(0, StaffCategory.LocallyEngaged);

        Assert.Empty(CapRules.Breaches([ban], [Embassy], staff, ban.InForceFrom.AddDays(-1)));
        Assert.Equal(ban.InForceFrom, Assert.Single(CapRules.Breaches([ban], [Embassy], staff, ban.InForceFrom)).Deadline);
    }

    [Fact]
    public void ExtendingAnAssignmentUnderABreachedCapIsRefusedButChangingNothingOfItsSpanIsNot()
    {
        var cap = Cap(1);
        var other = Staff(Embassy);
        var before = Staff(Embassy, ended: new DateOnly(2021, 7, 31));
        var retitled = new Assignment { Id = before.Id, MissionId = Embassy.Id, Category = before.Category, Title = "y", StartOn = before.StartOn, EndedOn = before.EndedOn };
        var extended = new Assignment { Id = before.Id, MissionId = Embassy.Id, Category = before.Category, Title = "x", StartOn = before.StartOn, EndedOn = new DateOnly(2021, 12, 31) };

        Assert.Null(CapRules.FirstBreach([cap], [Embassy], [other, before], retitled, before));
        Assert.Equal(new DateOnly(2021, 8, 1), CapRules.FirstBreach([cap], [Embassy], [other, before], extended, before)!.On);
    }
}
