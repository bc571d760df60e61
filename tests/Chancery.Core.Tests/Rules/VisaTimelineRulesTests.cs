using Chancery.Core.Tests.Builders;
using Chancery.Core.Visas;
using CsCheck;

namespace Chancery.Core.Tests.Rules;

public class VisaTimelineRulesTests
{
    private static readonly DateOnly Arrival = new(2020, 9, 4);
    private static readonly DateOnly AsOf = new(2021, 12, 31);

    // Posted to Germany (the builder's issuing state) since the arrival date, still there.
    private static readonly Presence[] InGermany = [new("DE", "RU", Arrival, null)];

    private static VisaGap[] GapsOf(params Visa[] visas) => [.. VisaTimelineRules.Gaps(InGermany, visas, AsOf)];

    [Fact]
    public void BackToBackVisasLeaveNoGap() =>
        Assert.Empty(GapsOf(
            VisaBuilder.Valid(Arrival, new DateOnly(2021, 9, 3)),
            VisaBuilder.Valid(new DateOnly(2021, 9, 4), new DateOnly(2022, 9, 3))));

    [Fact]
    public void RenewalGrantedAfterExpiryLeavesAGapFromTheDayAfterExpiryToTheDayBeforeTheNewVisa()
    {
        var gap = Assert.Single(GapsOf(
            VisaBuilder.Valid(Arrival, new DateOnly(2021, 9, 3)),
            VisaBuilder.Valid(new DateOnly(2021, 9, 20), new DateOnly(2022, 9, 19))));

        Assert.Equal(("DE", new DateOnly(2021, 9, 4), new DateOnly(2021, 9, 19), 16, false), (gap.ReceivingStateCode, gap.From, gap.Until, gap.Days, gap.Ongoing));
    }

    [Fact]
    public void LeapDayBetweenTwoVisasIsAOneDayGap()
    {
        Visa[] visas = [VisaBuilder.Valid(Arrival, new DateOnly(2024, 2, 28)), VisaBuilder.Valid(new DateOnly(2024, 3, 1), new DateOnly(2025, 2, 28))];

        var gap = Assert.Single(VisaTimelineRules.Gaps(InGermany, visas, new DateOnly(2025, 1, 1)));

        Assert.Equal((new DateOnly(2024, 2, 29), new DateOnly(2024, 2, 29), 1), (gap.From, gap.Until, gap.Days));
    }

    [Fact]
    public void ExpiredVisaWithNoSuccessorIsAnOngoingGapUpToTheAsOfDate()
    {
        var gap = Assert.Single(GapsOf(VisaBuilder.Valid(Arrival, new DateOnly(2021, 9, 3))));

        Assert.Equal((new DateOnly(2021, 9, 4), AsOf, true), (gap.From, gap.Until, gap.Ongoing));
    }

    [Fact]
    public void CancellationEndsTheVisasCoverTheDayBefore()
    {
        var gap = Assert.Single(GapsOf(VisaBuilder.Valid(Arrival, new DateOnly(2022, 9, 3), cancelledOn: new DateOnly(2021, 11, 1))));

        Assert.Equal(new DateOnly(2021, 11, 1), gap.From);
    }

    [Fact]
    public void VisaOfAnotherStateDoesNotCoverAndDaysAfterPresenceEndAreNoGap()
    {
        var left = new DateOnly(2021, 6, 30);
        var visa = VisaBuilder.Valid(Arrival, new DateOnly(2021, 3, 31));
        var french = VisaBuilder.Valid(new DateOnly(2021, 4, 1), new DateOnly(2022, 3, 31));
        french.IssuingStateCode = "FR";

        var gap = Assert.Single(VisaTimelineRules.Gaps([new("DE", "RU", Arrival, left)], [visa, french], AsOf));

        Assert.Equal((new DateOnly(2021, 4, 1), left, false), (gap.From, gap.Until, gap.Ongoing));
    }

    [Fact]
    public void ArrivalBeforeTheFirstVisaIsAGap()
    {
        var gap = Assert.Single(GapsOf(VisaBuilder.Valid(Arrival.AddDays(10), new DateOnly(2022, 9, 3))));

        Assert.Equal((Arrival, Arrival.AddDays(9)), (gap.From, gap.Until));
    }

    [Fact]
    public void GapDaysAreExactlyThePresentDaysWithoutAValidVisa() =>
        // Against a day-by-day count: a day is in a gap iff the person is present and no visa of the state is valid.
        Gen.Select(Gen.Int[0, 300].List[0, 4], Gen.Int[0, 400], Gen.Int[0, 60]).Sample((starts, presentFor, extra) =>
        {
            var origin = new DateOnly(2023, 12, 1);
            var asOf = origin.AddDays(360);
            var visas = starts.Select((s, i) => VisaBuilder.Valid(origin.AddDays(s), origin.AddDays(s + 20 + (i * extra)),
                cancelledOn: i == 1 ? origin.AddDays(s + 10) : null)).ToArray();
            Presence[] presence = [new("DE", "RU", origin.AddDays(5), origin.AddDays(5 + presentFor))];

            var gapDays = VisaTimelineRules.Gaps(presence, visas, asOf)
                .SelectMany(g => Enumerable.Range(g.From.DayNumber, g.Days)).ToHashSet();

            for (var day = origin; day <= asOf; day = day.AddDays(1))
            {
                var present = day >= presence[0].From && day <= presence[0].Until;
                var covered = visas.Any(v => VisaRules.StatusOn(v, day, expiringWithinDays: 0) is VisaStatus.Valid or VisaStatus.Expiring);
                Assert.Equal(present && !covered, gapDays.Contains(day.DayNumber));
            }
        }, iter: 200);

    [Fact]
    public void TimelineShowsTheRenewalChainAndAnApplicationDecidedAfterTheAsOfDateAsPending()
    {
        var old = VisaBuilder.Valid(Arrival, new DateOnly(2021, 9, 3));
        var renewed = VisaBuilder.Valid(new DateOnly(2021, 9, 20), new DateOnly(2022, 9, 19));
        renewed.ReplacesVisaId = old.Id;
        var application = new VisaApplication
        {
            Kind = VisaApplicationKind.Renewal,
            CategoryCode = "D",
            IssuingStateCode = "DE",
            FiledOn = new DateOnly(2021, 8, 1),
            DecidedOn = new DateOnly(2021, 9, 20),
            Outcome = VisaApplicationOutcome.Granted,
            ResultingVisaId = renewed.Id,
            ReplacesVisaId = old.Id,
        };
        var asOf = new DateOnly(2021, 9, 10);

        var timeline = VisaTimelineRules.Build(Guid.NewGuid(), [renewed, old], [application], InGermany, asOf, _ => 30);

        Assert.Equal([VisaTimelineEntryKind.Visa, VisaTimelineEntryKind.Application, VisaTimelineEntryKind.Gap, VisaTimelineEntryKind.Visa],
            timeline.Entries.Select(e => e.Kind));
        var first = timeline.Entries[0].Visa!;
        Assert.Equal((old.Id, renewed.Id, VisaStatus.InGracePeriod, new DateOnly(2021, 10, 3)), (first.Id, first.ReplacedByVisaId, first.Status, first.GraceUntil));
        Assert.Equal((old.Id, VisaStatus.NotYetValid), (timeline.Entries[3].Visa!.ReplacesVisaId, timeline.Entries[3].Visa!.Status));
        var pending = timeline.Entries[1].Application!;
        Assert.Equal((VisaApplicationOutcome.Pending, (DateOnly?)null, 40), (pending.Outcome, pending.DecidedOn, pending.Days));
        Assert.Equal((new DateOnly(2021, 9, 4), asOf, true), (timeline.Entries[2].From, timeline.Entries[2].Until, timeline.Entries[2].Gap!.Ongoing));

        var later = VisaTimelineRules.Build(Guid.NewGuid(), [renewed, old], [application], InGermany, new DateOnly(2021, 10, 1), _ => 30);
        var decided = later.Entries.Single(e => e.Kind == VisaTimelineEntryKind.Application).Application!;
        Assert.Equal((VisaApplicationOutcome.Granted, 50, renewed.Id), (decided.Outcome, decided.Days, decided.ResultingVisaId));
    }

    [Fact]
    public void ApplicationFiledAfterTheAsOfDateIsNotOnTheTimeline()
    {
        var application = new VisaApplication { CategoryCode = "D", IssuingStateCode = "DE", FiledOn = AsOf.AddDays(1) };

        var timeline = VisaTimelineRules.Build(Guid.NewGuid(), [], [application], [], AsOf, _ => 0);

        Assert.Empty(timeline.Entries);
    }

    [Fact]
    public void SendingStateIsThatOfThePresenceCoveringTheDateElseTheLatestBegun()
    {
        Presence[] presence = [new("DE", "RU", new DateOnly(2015, 1, 1), new DateOnly(2018, 1, 1)), new("DE", "BY", new DateOnly(2019, 1, 1), new DateOnly(2020, 1, 1))];

        Assert.Equal("RU", VisaTimelineRules.SendingStateIn(presence, "DE", new DateOnly(2016, 1, 1)));
        Assert.Equal("BY", VisaTimelineRules.SendingStateIn(presence, "DE", new DateOnly(2021, 1, 1)));
        Assert.Null(VisaTimelineRules.SendingStateIn(presence, "FR", new DateOnly(2016, 1, 1)));
    }
}
