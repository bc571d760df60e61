using Chancery.Core.Visas;

namespace Chancery.Core.Tests.Rules;

public sealed class VisaStatisticsRulesTests
{
    private static readonly DateOnly From = new(2021, 1, 1), To = new(2021, 6, 30);

    private static ResolvedApplication Decided(int days, VisaApplicationOutcome outcome = VisaApplicationOutcome.Granted, DateOnly? decidedOn = null, string category = "A-1")
    {
        var decided = decidedOn ?? new DateOnly(2021, 3, 1);
        return new(Guid.NewGuid(), "US", "RU", category, decided.AddDays(-days), decided, outcome);
    }

    private static ResolvedApplication Pending(DateOnly filed, string category = "A-1") => new(Guid.NewGuid(), "US", "RU", category, filed, null, VisaApplicationOutcome.Pending);

    [Fact]
    public void MedianAndNinetiethPercentileAreTakenByNearestRank()
    {
        Assert.Equal(new ProcessingTimes(10, 5, 9), VisaStatisticsRules.Times([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
        Assert.Equal(new ProcessingTimes(1, 42, 42), VisaStatisticsRules.Times([42]));
        Assert.Equal(new ProcessingTimes(4, 20, 40), VisaStatisticsRules.Times([40, 10, 30, 20]));
        Assert.Null(VisaStatisticsRules.Times([]));
    }

    [Fact]
    public void RowCountsDecisionsRefusalRateWithdrawalsAndPendingAges()
    {
        ResolvedApplication[] applications =
        [
            Decided(20), Decided(40, VisaApplicationOutcome.Refused), Decided(30), Decided(60, VisaApplicationOutcome.Refused),
            Decided(5, VisaApplicationOutcome.Withdrawn),
            Pending(new DateOnly(2021, 6, 20)), Pending(new DateOnly(2021, 5, 31)), Pending(new DateOnly(2021, 1, 1)),
        ];

        var row = Assert.Single(VisaStatisticsRules.Compute(applications, From, To));

        Assert.Equal(("US", "RU", "A-1"), (row.IssuingStateCode, row.ApplicantStateCode, row.CategoryCode));
        Assert.Equal((4, 2, 2, 30, 60, 0.5m), (row.DecidedCount, row.GrantedCount, row.RefusedCount, row.MedianDays, row.P90Days, row.RefusalRate));
        Assert.Equal((1, 3, 30, 180), (row.WithdrawnCount, row.PendingCount, row.MedianPendingDays, row.OldestPendingDays));
    }

    [Fact]
    public void WindowIncludesDecisionsOnItsFirstAndLastDayOnlyAndCountsPendingOnItsLastDay()
    {
        ResolvedApplication[] applications =
        [
            Decided(10, decidedOn: From), Decided(20, decidedOn: To),
            Decided(30, decidedOn: From.AddDays(-1)), Decided(40, decidedOn: To.AddDays(1)),
            Pending(To), Pending(To.AddDays(1)),
        ];

        var row = Assert.Single(VisaStatisticsRules.Compute(applications, From, To));

        // The one decided the day after the window was still pending on its last day, 40 - 1 days after filing.
        Assert.Equal((2, 10, 20), (row.DecidedCount, row.MedianDays, row.P90Days));
        Assert.Equal((2, 0, 39), (row.PendingCount, row.MedianPendingDays, row.OldestPendingDays));
    }

    [Fact]
    public void CategoriesAreSeparateRowsAndAGroupWithNothingInTheWindowIsLeftOut()
    {
        ResolvedApplication[] applications = [Decided(10), Decided(20, category: "G-4"), Decided(30, decidedOn: new DateOnly(2020, 6, 1), category: "D")];

        var rows = VisaStatisticsRules.Compute(applications, From, To);

        Assert.Equal(["A-1", "G-4"], rows.Select(r => r.CategoryCode));
        Assert.Null(Assert.Single(VisaStatisticsRules.Compute([Pending(To)], From, To)).RefusalRate);
    }
}
