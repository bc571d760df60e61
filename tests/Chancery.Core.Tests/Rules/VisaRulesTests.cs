using Chancery.Core.Tests.Builders;
using Chancery.Core.Visas;

namespace Chancery.Core.Tests.Rules;

public class VisaRulesTests
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly Until = new(2025, 12, 31);

    [Fact]
    public void VisaOnItsExpiryDayShowsAsExpiringNotExpired() =>
        Assert.Equal(VisaStatus.Expiring, VisaRules.StatusOn(VisaBuilder.Valid(From, Until), Until));

    [Fact]
    public void VisaIsExpiredTheDayAfterItsExpiryDay() =>
        Assert.Equal(VisaStatus.Expired, VisaRules.StatusOn(VisaBuilder.Valid(From, Until), Until.AddDays(1)));

    [Fact]
    public void VisaIsNotYetValidTheDayBeforeItsFirstDayAndValidOnIt()
    {
        var visa = VisaBuilder.Valid(From, Until);
        Assert.Equal(VisaStatus.NotYetValid, VisaRules.StatusOn(visa, From.AddDays(-1)));
        Assert.Equal(VisaStatus.Valid, VisaRules.StatusOn(visa, From));
    }

    [Fact]
    public void CancelledVisaIsCancelledOnTheDayOfCancellationAndAfter()
    {
        var cancelled = new DateOnly(2025, 5, 10);
        var visa = VisaBuilder.Valid(From, Until, cancelledOn: cancelled);
        Assert.Equal(VisaStatus.Valid, VisaRules.StatusOn(visa, cancelled.AddDays(-1)));
        Assert.Equal(VisaStatus.Cancelled, VisaRules.StatusOn(visa, cancelled));
        Assert.Equal(VisaStatus.Cancelled, VisaRules.StatusOn(visa, cancelled.AddDays(1)));
        Assert.Equal(VisaStatus.Cancelled, VisaRules.StatusOn(visa, Until.AddDays(5)));
    }

    [Fact]
    public void CancellationBeforeTheFirstValidDayWinsOverNotYetValid() =>
        Assert.Equal(VisaStatus.Cancelled, VisaRules.StatusOn(VisaBuilder.Valid(From, Until, cancelledOn: From.AddDays(-10)), From.AddDays(-5)));

    [Theory]
    [InlineData(31, VisaStatus.Valid)]
    [InlineData(30, VisaStatus.Expiring)]
    [InlineData(29, VisaStatus.Expiring)]
    [InlineData(1, VisaStatus.Expiring)]
    public void VisaEndingWithinTheThresholdShowsAsExpiring(int daysBeforeExpiry, VisaStatus expected) =>
        Assert.Equal(expected, VisaRules.StatusOn(VisaBuilder.Valid(From, Until), Until.AddDays(-daysBeforeExpiry)));

    [Theory]
    [InlineData(7, 7, VisaStatus.Expiring)]
    [InlineData(7, 8, VisaStatus.Valid)]
    public void ThresholdCanBeChosen(int threshold, int daysBeforeExpiry, VisaStatus expected) =>
        Assert.Equal(expected, VisaRules.StatusOn(VisaBuilder.Valid(From, Until), Until.AddDays(-daysBeforeExpiry), threshold));

    [Fact]
    public void VisaEndingOnLeapDayIsValidThatDayAndExpiredOnTheFirstOfMarch()
    {
        var visa = VisaBuilder.Valid(new DateOnly(2023, 3, 1), new DateOnly(2024, 2, 29));
        Assert.Equal(VisaStatus.Expiring, VisaRules.StatusOn(visa, new DateOnly(2024, 2, 29)));
        Assert.Equal(VisaStatus.Expired, VisaRules.StatusOn(visa, new DateOnly(2024, 3, 1)));
    }

    [Fact]
    public void ThresholdCountsTheLeapDay()
    {
        // 2024-01-31 to 2024-03-01 is 30 days because February 2024 has 29.
        var visa = VisaBuilder.Valid(new DateOnly(2023, 3, 1), new DateOnly(2024, 3, 1));
        Assert.Equal(VisaStatus.Valid, VisaRules.StatusOn(visa, new DateOnly(2024, 1, 30)));
        Assert.Equal(VisaStatus.Expiring, VisaRules.StatusOn(visa, new DateOnly(2024, 1, 31)));
    }

    [Fact]
    public void CurrentIsNullWithoutVisas() => Assert.Null(VisaRules.Current([], Until));

    [Fact]
    public void CurrentPrefersAValidVisaOverALaterOneThatIsCancelled()
    {
        var valid = VisaBuilder.Valid(From, Until);
        var cancelled = VisaBuilder.Valid(From, Until.AddYears(1), cancelledOn: From.AddDays(10));
        Assert.Same(valid, VisaRules.Current([cancelled, valid], new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public void CurrentPrefersAValidVisaOverAFutureOne()
    {
        var valid = VisaBuilder.Valid(From, Until);
        var renewal = VisaBuilder.Valid(Until.AddDays(1), Until.AddYears(1));
        Assert.Same(valid, VisaRules.Current([renewal, valid], new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public void CurrentPicksTheLongestRunningOfTwoValidVisas()
    {
        var shorter = VisaBuilder.Valid(From, Until);
        var longer = VisaBuilder.Valid(From.AddMonths(3), Until.AddMonths(6));
        Assert.Same(longer, VisaRules.Current([shorter, longer], new DateOnly(2025, 6, 1)));
        Assert.Same(longer, VisaRules.Current([longer, shorter], new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public void CurrentFallsBackToTheMostRecentWhenNoneIsValid()
    {
        var older = VisaBuilder.Valid(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));
        var recent = VisaBuilder.Valid(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        Assert.Same(recent, VisaRules.Current([recent, older], new DateOnly(2025, 6, 1)));
        Assert.Same(recent, VisaRules.Current([older, recent], new DateOnly(2025, 6, 1)));
    }
}
