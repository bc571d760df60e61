using Chancery.Core.Calendar;
using Chancery.Core.Policies;
using Chancery.Core.Visas;

namespace Chancery.Core.Tests.Calendar;

public sealed class DeadlineRulesTests
{
    private static readonly DateOnly AsOf = new(2021, 8, 15);
    private static readonly DeadlineMission Embassy = new(Guid.NewGuid(), "Embassy of B in Capital", "RU", "US");

    private static DeadlineInputs Inputs(IReadOnlyCollection<DeadlinePresence> present, IReadOnlyCollection<AlertVisa> visas, HostPolicy? policy = null) =>
        new(AsOf, [Embassy], present, visas, policy is null ? [] : [policy], []);

    [Fact]
    public void OnlyTheCurrentVisaGivesDeadlinesAndANationalOfTheReceivingStateHasNone()
    {
        var staff = new DeadlinePresence(Guid.NewGuid(), "Ivanova, Anna", "RU", Embassy.Id, true, new DateOnly(2020, 1, 1));
        var national = new DeadlinePresence(Guid.NewGuid(), "Smith, John", "US", Embassy.Id, true, new DateOnly(2020, 1, 1));
        var old = new AlertVisa(Guid.NewGuid(), staff.PersonId, "US", new DateOnly(2019, 9, 4), new DateOnly(2020, 9, 3), null);
        var current = new AlertVisa(Guid.NewGuid(), staff.PersonId, "US", new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3), null);
        var nationals = new AlertVisa(Guid.NewGuid(), national.PersonId, "US", new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3), null);

        var deadlines = DeadlineRules.Evaluate(Inputs([staff, national], [old, current, nationals]));

        var only = Assert.Single(deadlines);
        Assert.Equal((DeadlineKind.VisaExpiry, new DateOnly(2021, 9, 3), $"visa-expiry-{current.Id:N}@chancery"), (only.Kind, only.On, only.Uid));
    }

    [Fact]
    public void PolicyAddsTheRenewalLeadDateAndForStaffTheReapplicationDateWithinTheVisa()
    {
        var staff = new DeadlinePresence(Guid.NewGuid(), "Ivanova, Anna", "RU", Embassy.Id, true, new DateOnly(2018, 9, 1));
        var spouse = new DeadlinePresence(Guid.NewGuid(), "Ivanov, Pavel", "RU", Embassy.Id, false, null);
        var policy = new HostPolicy { ReceivingStateCode = "US", InForceFrom = new DateOnly(2021, 1, 1), ReapplyAfterYears = 3, RenewalLeadDays = 60 };
        AlertVisa Visa(Guid holder) => new(Guid.NewGuid(), holder, "US", new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3), null);

        var deadlines = DeadlineRules.Evaluate(Inputs([staff, spouse], [Visa(staff.PersonId), Visa(spouse.PersonId)], policy));

        Assert.Equal(
            [
                (spouse.PersonId, DeadlineKind.RenewalLead, new DateOnly(2021, 7, 5)),
                (staff.PersonId, DeadlineKind.RenewalLead, new DateOnly(2021, 7, 5)),
                (staff.PersonId, DeadlineKind.Reapplication, new DateOnly(2021, 9, 1)),
                (spouse.PersonId, DeadlineKind.VisaExpiry, new DateOnly(2021, 9, 3)),
                (staff.PersonId, DeadlineKind.VisaExpiry, new DateOnly(2021, 9, 3)),
            ],
            deadlines.Select(d => (d.PersonId, d.Kind, d.On)));
    }

    [Fact]
    public void CancelledVisaGivesNoDeadlineAndAPendingDepartureGivesItsLeaveByDate()
    {
        var staff = new DeadlinePresence(Guid.NewGuid(), "Ivanova, Anna", "RU", Embassy.Id, true, new DateOnly(2020, 1, 1));
        var cancelled = new AlertVisa(Guid.NewGuid(), staff.PersonId, "US", new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3), new DateOnly(2021, 8, 1));
        var order = Guid.NewGuid();

        var deadlines = DeadlineRules.Evaluate(Inputs([staff], [cancelled]) with { Departures = [new(order, staff.PersonId, staff.Name, Embassy.Id, new DateOnly(2021, 9, 3))] });

        var only = Assert.Single(deadlines);
        Assert.Equal((DeadlineKind.LeaveBy, $"leave-by-{order:N}-{staff.PersonId:N}@chancery"), (only.Kind, only.Uid));
    }
}
