using Chancery.Core.Tests.Builders;
using Chancery.Core.Visas;
using CsCheck;

namespace Chancery.Core.Tests.Rules;

public class TravelRiskRulesTests
{
    private static readonly DateOnly Epoch = new(2019, 1, 1);
    private static readonly DateOnly Day = new(2021, 8, 15);
    private static readonly DateOnly ReturnBy = new(2021, 9, 14);

    private static Visa Visa(DateOnly until, VisaEntries entries = VisaEntries.Multiple, int used = 0, DateOnly? cancelledOn = null)
    {
        var visa = VisaBuilder.Valid(new DateOnly(2020, 1, 1), until, cancelledOn);
        visa.Entries = entries;
        visa.EntriesUsed = used;
        return visa;
    }

    private static TravelRiskReason[] Reasons(IReadOnlyList<TravelRiskFinding> findings) => [.. findings.Select(f => f.Reason)];

    [Fact]
    public void ValidVisaWithAnEntryLeftLastingPastTheReturnAndNoPendingApplicationNeverYieldsRisk()
    {
        var entries = Gen.Enum<VisaEntries>();
        Gen.Select(Gen.Int[0, 1500], Gen.Int[0, 1500], Gen.Int[0, 400], Gen.Int[0, 400], entries, Gen.Int[0, 1], Gen.Int[0, 60]).Sample((from, offset, ahead, extra, kind, used, grace) =>
        {
            var date = Epoch.AddDays(from + offset);
            var returnBy = date.AddDays(ahead);
            var visa = VisaBuilder.Valid(Epoch.AddDays(from), returnBy.AddDays(extra));
            visa.Entries = kind;
            visa.EntriesUsed = kind == VisaEntries.Multiple ? used * 5 : used * (kind == VisaEntries.Double ? 1 : 0);
            return TravelRiskRules.AllowsReentry(visa, date)
                && TravelRiskRules.Assess(visa, date, returnBy, applicationPending: false, principalLastDay: returnBy.AddDays(extra), graceDays: grace).Count == 0;
        });
    }

    [Fact]
    public void RiskOnlyGrowsAsTheReturnDateMovesLater()
    {
        Gen.Select(Gen.Int[0, 1500], Gen.Int[0, 1500], Gen.Int[0, 400], Gen.Int[0, 400], Gen.Int[-1, 1500], Gen.Bool, Gen.Int[-1, 1500]).Sample((from, length, day, step, cancel, pending, principal) =>
        {
            var visa = VisaBuilder.Valid(Epoch.AddDays(from), Epoch.AddDays(from + length), cancel < 0 ? null : Epoch.AddDays(cancel));
            DateOnly? principalLast = principal < 0 ? null : Epoch.AddDays(principal);
            var date = Epoch.AddDays(day);
            var earlier = Reasons(TravelRiskRules.Assess(visa, date, date.AddDays(step), pending, principalLast));
            var later = Reasons(TravelRiskRules.Assess(visa, date, date.AddDays(step + 30), pending, principalLast));
            return earlier.All(later.Contains);
        });
    }

    [Fact]
    public void VisaEndingOnTheReturnDateIsNoRiskButEndingTheDayBeforeIs()
    {
        Assert.Empty(TravelRiskRules.Assess(Visa(ReturnBy), Day, ReturnBy, false));
        var finding = Assert.Single(TravelRiskRules.Assess(Visa(ReturnBy.AddDays(-1)), Day, ReturnBy, false));
        Assert.Equal(TravelRiskReason.EndsBeforeReturn, finding.Reason);
        Assert.Contains("2021-09-13", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultReturnFromTheLastDayOfJanuaryInALeapYearIsTheLeapDay()
    {
        var date = new DateOnly(2024, 1, 30);
        var returnBy = TravelRiskRules.ReturnBy(date, null);

        Assert.Equal(new DateOnly(2024, 2, 29), returnBy);
        Assert.Empty(TravelRiskRules.Assess(Visa(new DateOnly(2024, 2, 29)), date, returnBy, false));
        Assert.Equal([TravelRiskReason.EndsBeforeReturn], Reasons(TravelRiskRules.Assess(Visa(new DateOnly(2024, 2, 28)), date, returnBy, false)));
    }

    [Fact]
    public void SingleEntryVisaWithItsEntryUsedIsARiskAndDoubleEntryWithOneUsedIsNot()
    {
        var single = Visa(new DateOnly(2023, 1, 1), VisaEntries.Single, used: 1);
        var twice = Visa(new DateOnly(2023, 1, 1), VisaEntries.Double, used: 1);

        Assert.False(TravelRiskRules.AllowsReentry(single, Day));
        Assert.Equal([TravelRiskReason.NoEntryLeft], Reasons(TravelRiskRules.Assess(single, Day, ReturnBy, false)));
        Assert.True(TravelRiskRules.AllowsReentry(twice, Day));
        Assert.Empty(TravelRiskRules.Assess(twice, Day, ReturnBy, false));
    }

    [Fact]
    public void FamilyVisaEndsWithThePrincipalsWhenThePolicySaysSo()
    {
        var own = Visa(new DateOnly(2023, 1, 1));

        var findings = TravelRiskRules.Assess(own, Day, ReturnBy, false, principalLastDay: new DateOnly(2021, 9, 3));

        var finding = Assert.Single(findings);
        Assert.Equal(TravelRiskReason.EndsBeforeReturn, finding.Reason);
        Assert.Contains("principal's on 2021-09-03", finding.Text, StringComparison.Ordinal);
        Assert.Empty(TravelRiskRules.Assess(own, Day, ReturnBy, false, principalLastDay: ReturnBy));
    }

    [Fact]
    public void EveryReasonThatAppliesIsGiven()
    {
        var visa = Visa(new DateOnly(2021, 7, 31), VisaEntries.Single, used: 1);

        Assert.Equal([TravelRiskReason.InGracePeriod, TravelRiskReason.NoEntryLeft, TravelRiskReason.ApplicationPending],
            Reasons(TravelRiskRules.Assess(visa, Day, ReturnBy, applicationPending: true, graceDays: 30)));
        Assert.Equal([TravelRiskReason.Expired, TravelRiskReason.NoEntryLeft, TravelRiskReason.ApplicationPending],
            Reasons(TravelRiskRules.Assess(visa, Day, ReturnBy, applicationPending: true)));
    }

    [Fact]
    public void NoVisaCancelledVisaAndVisaNotYetValidAreRisks()
    {
        Assert.Equal([TravelRiskReason.NoVisa], Reasons(TravelRiskRules.Assess(null, Day, ReturnBy, false)));
        Assert.Equal([TravelRiskReason.Cancelled], Reasons(TravelRiskRules.Assess(Visa(new DateOnly(2023, 1, 1), cancelledOn: new DateOnly(2021, 7, 20)), Day, ReturnBy, false)));
        Assert.Equal([TravelRiskReason.NotYetValid], Reasons(TravelRiskRules.Assess(VisaBuilder.Valid(Day.AddDays(1), new DateOnly(2023, 1, 1)), Day, ReturnBy, false)));
    }

    [Fact]
    public void ApplicationIsPendingFromItsFilingDayUntilTheDayBeforeItsDecision()
    {
        Assert.True(TravelRiskRules.IsPendingOn(Day, null, VisaApplicationOutcome.Pending, Day));
        Assert.False(TravelRiskRules.IsPendingOn(Day.AddDays(1), null, VisaApplicationOutcome.Pending, Day));
        Assert.True(TravelRiskRules.IsPendingOn(Day.AddDays(-90), Day.AddDays(1), VisaApplicationOutcome.Granted, Day));
        Assert.False(TravelRiskRules.IsPendingOn(Day.AddDays(-90), Day, VisaApplicationOutcome.Refused, Day));
    }
}
