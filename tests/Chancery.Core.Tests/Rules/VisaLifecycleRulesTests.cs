using Chancery.Core.Policies;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Visas;
using CsCheck;

namespace Chancery.Core.Tests.Rules;

/// <summary>The grace period, the policy in force, and properties of a visa's status over time.</summary>
public class VisaLifecycleRulesTests
{
    private static readonly DateOnly Epoch = new(2020, 1, 1);

    private static int Rank(VisaStatus s) => s switch
    {
        VisaStatus.NotYetValid => 0,
        VisaStatus.Valid => 1,
        VisaStatus.Expiring => 2,
        VisaStatus.InGracePeriod => 3,
        VisaStatus.Expired => 4,
        _ => 5,
    };

    [Fact]
    public void ExistingStatusNamesKeepTheirPlaceAndGraceComesLast() =>
        Assert.Equal(["NotYetValid", "Valid", "Expiring", "Expired", "Cancelled", "InGracePeriod"], Enum.GetNames<VisaStatus>());

    [Fact]
    public void WithoutGraceDaysAVisaIsExpiredTheDayAfterItsLastDay()
    {
        var visa = VisaBuilder.Valid(new DateOnly(2025, 1, 1), new DateOnly(2025, 9, 3));
        Assert.Equal(VisaStatus.Expired, VisaRules.StatusOn(visa, new DateOnly(2025, 9, 4)));
    }

    [Fact]
    public void VisaIsExpiringOnItsLastDayThenInGraceForTheGraceDaysThenExpired()
    {
        var visa = VisaBuilder.Valid(new DateOnly(2025, 1, 1), new DateOnly(2025, 9, 3));
        Assert.Equal(VisaStatus.Expiring, VisaRules.StatusOn(visa, new DateOnly(2025, 9, 3), graceDays: 10));
        Assert.Equal(VisaStatus.InGracePeriod, VisaRules.StatusOn(visa, new DateOnly(2025, 9, 4), graceDays: 10));
        Assert.Equal(VisaStatus.InGracePeriod, VisaRules.StatusOn(visa, new DateOnly(2025, 9, 13), graceDays: 10));
        Assert.Equal(VisaStatus.Expired, VisaRules.StatusOn(visa, new DateOnly(2025, 9, 14), graceDays: 10));
    }

    [Fact]
    public void GracePeriodAfterALeapDayCountsCalendarDays()
    {
        var visa = VisaBuilder.Valid(new DateOnly(2023, 3, 1), new DateOnly(2024, 2, 29));
        Assert.Equal(VisaStatus.Expiring, VisaRules.StatusOn(visa, new DateOnly(2024, 2, 29), graceDays: 1));
        Assert.Equal(VisaStatus.InGracePeriod, VisaRules.StatusOn(visa, new DateOnly(2024, 3, 1), graceDays: 1));
        Assert.Equal(VisaStatus.Expired, VisaRules.StatusOn(visa, new DateOnly(2024, 3, 2), graceDays: 1));
    }

    [Fact]
    public void CancelledVisaIsNotInGraceEvenWithinTheGraceDays()
    {
        var visa = VisaBuilder.Valid(new DateOnly(2025, 1, 1), new DateOnly(2025, 9, 3), cancelledOn: new DateOnly(2025, 9, 5));
        Assert.Equal(VisaStatus.InGracePeriod, VisaRules.StatusOn(visa, new DateOnly(2025, 9, 4), graceDays: 30));
        Assert.Equal(VisaStatus.Cancelled, VisaRules.StatusOn(visa, new DateOnly(2025, 9, 5), graceDays: 30));
    }

    [Fact]
    public void RenewalGrantedAfterExpiryIsASeparateVisaAndLeavesAGap()
    {
        var old = VisaBuilder.Valid(new DateOnly(2024, 9, 1), new DateOnly(2025, 8, 31));
        var renewal = VisaBuilder.Valid(new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30));
        renewal.ReplacesVisaId = old.Id;

        // In the gap neither visa lets the person stay: the old one has expired, the renewal has not begun.
        var gap = new DateOnly(2025, 9, 15);
        Assert.Equal((VisaStatus.Expired, VisaStatus.NotYetValid), (VisaRules.StatusOn(old, gap), VisaRules.StatusOn(renewal, gap)));
        Assert.Same(renewal, VisaRules.Current([old, renewal], new DateOnly(2025, 10, 1)));
        // Nothing is overwritten: the old visa still ends when it ended.
        Assert.Equal((new DateOnly(2025, 8, 31), VisaStatus.Expired), (old.ValidUntil, VisaRules.StatusOn(old, new DateOnly(2025, 10, 1))));
    }

    [Fact]
    public void StatusOnlyMovesForwardAsTheDateAdvancesAndCancellationIsFinal()
    {
        var gen = Gen.Select(Gen.Int[0, 2000], Gen.Int[0, 1500], Gen.Int[0, 120], Gen.Int[0, 90], Gen.Int[-1, 2500], Gen.Int[-50, 2600], Gen.Int[0, 400]);
        gen.Sample((from, length, expiring, grace, cancel, day, step) =>
        {
            var visa = VisaBuilder.Valid(Epoch.AddDays(from), Epoch.AddDays(from + length), cancel < 0 ? null : Epoch.AddDays(cancel));
            var earlier = VisaRules.StatusOn(visa, Epoch.AddDays(day), expiring, grace);
            var later = VisaRules.StatusOn(visa, Epoch.AddDays(day + step), expiring, grace);
            return earlier == VisaStatus.Cancelled ? later == VisaStatus.Cancelled : later == VisaStatus.Cancelled || Rank(earlier) <= Rank(later);
        });
    }

    [Fact]
    public void VisaIsValidOrExpiringOnEveryDayOfItsRangeUnlessCancelled()
    {
        Gen.Select(Gen.Int[0, 2000], Gen.Int[0, 1500], Gen.Int[0, 1500], Gen.Int[0, 120]).Sample((from, length, offset, expiring) =>
        {
            var visa = VisaBuilder.Valid(Epoch.AddDays(from), Epoch.AddDays(from + length));
            var status = VisaRules.StatusOn(visa, Epoch.AddDays(from + Math.Min(offset, length)), expiring, graceDays: 30);
            return status is VisaStatus.Valid or VisaStatus.Expiring;
        });
    }

    private static HostPolicy Policy(string receiving, string? sending, DateOnly from, DateOnly? until = null, int? grace = null) =>
        new() { ReceivingStateCode = receiving, SendingStateCode = sending, InForceFrom = from, InForceUntil = until, GraceDays = grace };

    [Fact]
    public void PolicyForTheSendingStateBeatsTheReceivingStatesGeneralPolicy()
    {
        var general = Policy("AA", null, new DateOnly(2015, 1, 1));
        var forB = Policy("AA", "BB", new DateOnly(2021, 1, 1));

        Assert.Same(forB, PolicyRules.InForce([general, forB], "AA", "BB", new DateOnly(2021, 8, 15)));
        Assert.Same(general, PolicyRules.InForce([general, forB], "AA", "CC", new DateOnly(2021, 8, 15)));
        Assert.Same(general, PolicyRules.InForce([general, forB], "AA", "BB", new DateOnly(2020, 12, 31)));
        Assert.Null(PolicyRules.InForce([general, forB], "BB", "AA", new DateOnly(2021, 8, 15)));
    }

    [Fact]
    public void PolicyEndingInsideAWindowIsInForceOnItsLastDayAndTheNextTakesOverTheDayAfter()
    {
        var first = Policy("AA", "BB", new DateOnly(2021, 1, 1), new DateOnly(2021, 6, 30));
        var second = Policy("AA", "BB", new DateOnly(2021, 7, 1));

        Assert.Null(PolicyRules.InForce([first, second], "AA", "BB", new DateOnly(2020, 12, 31)));
        Assert.Same(first, PolicyRules.InForce([first, second], "AA", "BB", new DateOnly(2021, 1, 1)));
        Assert.Same(first, PolicyRules.InForce([first, second], "AA", "BB", new DateOnly(2021, 6, 30)));
        Assert.Same(second, PolicyRules.InForce([first, second], "AA", "BB", new DateOnly(2021, 7, 1)));
    }

    [Fact]
    public void PolicyInForceIsAlwaysInForceOnTheDateAndSpecificWheneverASpecificOneIs()
    {
        var policy = Gen.Select(Gen.Int[0, 3000], Gen.Int[-1, 1000], Gen.Bool, Gen.Bool).Select((start, length, pair, otherReceiver) =>
            Policy(otherReceiver ? "CC" : "AA", pair ? "BB" : null, Epoch.AddDays(start), length < 0 ? null : Epoch.AddDays(start + length)));
        Gen.Select(policy.List[0, 6], Gen.Int[0, 4000]).Sample((policies, day) =>
        {
            var date = Epoch.AddDays(day);
            var chosen = PolicyRules.InForce(policies, "AA", "BB", date);
            var anySpecific = policies.Any(p => p.ReceivingStateCode == "AA" && p.SendingStateCode == "BB" && PolicyRules.IsInForce(p, date));
            var anyGeneral = policies.Any(p => p.ReceivingStateCode == "AA" && p.SendingStateCode is null && PolicyRules.IsInForce(p, date));
            return chosen is null
                ? !anySpecific && !anyGeneral
                : chosen.ReceivingStateCode == "AA" && PolicyRules.IsInForce(chosen, date) && (chosen.SendingStateCode is not null) == anySpecific;
        });
    }
}
