using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Posts;
using Chancery.Core.Reciprocity;
using Chancery.Core.Visas;
using CsCheck;

namespace Chancery.Core.Tests.Rules;

public class ParityRulesTests
{
    private static readonly DateOnly Day = new(2021, 9, 4);

    private static ParityMember Member(
        StaffCategory category, DateOnly? start = null, DateOnly? ended = null, int family = 0, DateOnly? familyEnded = null,
        DateOnly? orderIssued = null, bool familyLeaves = true) =>
        new(new StaffFacts(Guid.NewGuid(), Guid.NewGuid(), "", category, null, start ?? new DateOnly(2020, 1, 1), ended, null, null, null,
            [.. Enumerable.Range(0, family).Select(_ => new FamilyFacts(Guid.NewGuid(), start ?? new DateOnly(2020, 1, 1), familyEnded, null))], familyLeaves),
            orderIssued);

    private static ParityMission Embassy() => new(Guid.NewGuid(), MissionKind.Embassy, MissionStatus.Open, new DateOnly(1992, 1, 1), null);

    private static ParityFacts Facts(
        string sending, string receiving, IReadOnlyList<ParityMember>? members = null, IReadOnlyList<ParityMission>? missions = null,
        IReadOnlyList<StaffingCap>? caps = null, IReadOnlyList<ResolvedApplication>? applications = null, IReadOnlyList<ReciprocalMeasure>? measures = null,
        IReadOnlyList<HostPolicy>? policies = null) =>
        new(sending, receiving, missions ?? (members is { Count: > 0 } ? [Embassy()] : []), members ?? [], caps ?? [], applications ?? [], policies ?? [], measures ?? []);

    private static ReciprocalMeasure Measure(string acting, string target, ReciprocalMeasureKind kind, DateOnly announced, int? magnitude = null, Guid? respondsTo = null) =>
        new() { ActingStateCode = acting, TargetStateCode = target, Kind = kind, AnnouncedOn = announced, InForceFrom = announced, Magnitude = magnitude, InResponseToId = respondsTo };

    [Fact]
    public void MembersAreThoseAssignedOnTheDayWithoutPrivateServantsAndFamiliesLinkedThatDay()
    {
        ParityMember[] members =
        [
            Member(StaffCategory.HeadOfMission, family: 1),
            Member(StaffCategory.Diplomatic, family: 2),
            Member(StaffCategory.Diplomatic, ended: Day.AddDays(-1), family: 3),   // left the day before: not counted, nor the household
            Member(StaffCategory.Diplomatic, start: Day.AddDays(1)),               // arrives tomorrow
            Member(StaffCategory.Service, family: 1, familyEnded: Day.AddDays(-10)), // household link ended
            Member(StaffCategory.PrivateServant),                                   // not a member (VCDR art. 1(h))
            Member(StaffCategory.LocallyEngaged, ended: Day),                       // the last day still counts
        ];

        var side = ParityRules.Side(Facts("US", "RU", members), Day);

        Assert.Equal(4, side.Members.Now);
        Assert.Equal(2, side.DiplomaticAgents.Now);
        Assert.Equal(3, side.Family.Now);
        Assert.Equal(1, side.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Count.Now);
        Assert.DoesNotContain(side.Categories, c => c.Category == StaffCategory.PrivateServant);
    }

    [Fact]
    public void AfterPendingOrdersLeavesOutThoseNamedInOrdersIssuedByTheDayWithHouseholdsThatLeave()
    {
        ParityMember[] members =
        [
            Member(StaffCategory.Diplomatic, family: 2, orderIssued: Day.AddDays(-30)),                    // leaves with the household
            Member(StaffCategory.Diplomatic, family: 1, orderIssued: Day, familyLeaves: false),           // household stays
            Member(StaffCategory.Diplomatic, family: 1, orderIssued: Day.AddDays(1)),                     // order not issued yet
            Member(StaffCategory.AdministrativeTechnical),
        ];

        var side = ParityRules.Side(Facts("RU", "US", members), Day);

        Assert.Equal(new MemberCount(4, 2), side.Members);
        Assert.Equal(new MemberCount(3, 1), side.DiplomaticAgents);
        Assert.Equal(new MemberCount(4, 2), side.Family);
    }

    [Fact]
    public void ZeroMissionsOneWayLeavesTheWholeCountAsTheGapAndTheSummarySaysWhoHoldsMore()
    {
        var aInB = Facts("FR", "NO", [Member(StaffCategory.HeadOfMission), Member(StaffCategory.Diplomatic), Member(StaffCategory.Diplomatic, family: 2)]);
        var bInA = Facts("NO", "FR");

        var parity = ParityRules.Compare(aInB, bInA, Day);

        Assert.Equal((1, 0, 1), (parity.AInB.Missions, parity.BInA.Missions, parity.Gaps.Missions));
        Assert.Equal(new MemberCount(3, 3), parity.Gaps.DiplomaticAgents);
        Assert.Equal(new MemberCount(2, 2), parity.Gaps.Family);
        Assert.Equal("France holds 3 more diplomats in Norway than Norway holds in France (3 against 0).", parity.Summary[0]);
    }

    [Fact]
    public void AsymmetricCapsAreCountedOnTheSideTheyBindAndNamedInTheSummary()
    {
        var banOnUs = new StaffingCap { ReceivingStateCode = "RU", SendingStateCode = "US", Category = StaffCategory.LocallyEngaged, Limit = 0, InForceFrom = new(2021, 8, 1) };
        var capOnUs = new StaffingCap { ReceivingStateCode = "RU", SendingStateCode = "US", Combined = true, Limit = 455, InForceFrom = new(2017, 9, 1) };
        var laterCapOnRu = new StaffingCap { ReceivingStateCode = "US", SendingStateCode = "RU", Limit = 50, InForceFrom = Day.AddDays(1) };
        var otherPair = new StaffingCap { ReceivingStateCode = "RU", SendingStateCode = "FR", Limit = 10, InForceFrom = new(2017, 9, 1) };
        StaffingCap[] caps = [banOnUs, capOnUs, laterCapOnRu, otherPair];

        var parity = ParityRules.Compare(Facts("US", "RU", [Member(StaffCategory.Diplomatic)], caps: caps), Facts("RU", "US", [Member(StaffCategory.Diplomatic)], caps: caps), Day);

        Assert.Equal([capOnUs.Id, banOnUs.Id], parity.AInB.Caps.Select(c => c.Id));
        Assert.True(parity.AInB.Caps[1].HiringBan);
        Assert.Empty(parity.BInA.Caps);
        Assert.Equal(2, parity.Gaps.Caps);
        Assert.Contains(parity.Summary, s => s.StartsWith("Russia limits the United States' missions: ", StringComparison.Ordinal) && s.Contains("at most 0 (hiring ban)", StringComparison.Ordinal));
    }

    [Fact]
    public void MeasuresAnnouncedAfterTheDayOrBeforeTheLookBackAreNotCounted()
    {
        ReciprocalMeasure[] measures =
        [
            Measure("RU", "US", ReciprocalMeasureKind.Expulsion, Day, 10),                          // announced that day: counted
            Measure("RU", "US", ReciprocalMeasureKind.LocalHiringBan, Day.AddDays(1)),              // the day after: not known yet
            Measure("RU", "US", ReciprocalMeasureKind.MissionSizeCap, Day.AddYears(-5), 455),       // exactly five years before: outside
            Measure("RU", "US", ReciprocalMeasureKind.MissionSizeCap, Day.AddYears(-5).AddDays(1), 455),
            Measure("US", "RU", ReciprocalMeasureKind.Sanctions, Day.AddDays(-140)),
            Measure("RU", "FR", ReciprocalMeasureKind.Sanctions, Day.AddDays(-140)),                // another pair
        ];

        var parity = ParityRules.Compare(Facts("US", "RU", measures: measures), Facts("RU", "US", measures: measures), Day);

        Assert.Equal([ReciprocalMeasureKind.MissionSizeCap, ReciprocalMeasureKind.Expulsion], parity.AInB.Measures.Select(m => m.Kind));
        Assert.Equal([new MeasureKindCount(ReciprocalMeasureKind.Expulsion, 1), new MeasureKindCount(ReciprocalMeasureKind.MissionSizeCap, 1)], parity.AInB.MeasuresByKind);
        Assert.Equal(ReciprocalMeasureKind.Sanctions, Assert.Single(parity.BInA.Measures).Kind);
        Assert.Equal(1, parity.Gaps.Measures);
        Assert.Equal("In the last 5 years, the United States took 1 measure against Russia, and Russia took 2 against the United States.", parity.Summary[^1]);
    }

    [Fact]
    public void VisaTreatmentComparesMediansOfEachHostForTheOthersStaffAndSaysHowManyTimesLonger()
    {
        static ResolvedApplication Decided(string issuing, string applicant, int days) =>
            new(Guid.NewGuid(), issuing, applicant, "A-1", Day.AddDays(-days - 10), Day.AddDays(-10), VisaApplicationOutcome.Granted);
        ResolvedApplication[] applications =
        [
            .. new[] { 140, 146, 150 }.Select(d => Decided("US", "RU", d)),
            .. new[] { 40, 47, 60 }.Select(d => Decided("RU", "US", d)),
            new(Guid.NewGuid(), "US", "RU", "A-2", Day.AddDays(-200), null, VisaApplicationOutcome.Pending),
        ];
        var policies = new[] { new HostPolicy { ReceivingStateCode = "US", SendingStateCode = "RU", InForceFrom = new(2020, 1, 1), ReapplyAfterYears = 3, MaxVisaValidityDays = 1095 } };

        var parity = ParityRules.Compare(Facts("US", "RU", applications: applications, policies: policies), Facts("RU", "US", applications: applications, policies: policies), Day);

        Assert.Equal((47, 146, 99), (parity.AInB.Visas.MedianDays, parity.BInA.Visas.MedianDays, -parity.Gaps.MedianVisaDays));
        Assert.Equal((1, 200, 3), (parity.BInA.Visas.Pending, parity.BInA.Visas.OldestPendingDays, parity.BInA.Visas.ReapplyAfterYears));
        Assert.Null(parity.AInB.Visas.ReapplyAfterYears);
        Assert.Contains("The United States' visas for Russia's staff take 3.1x longer than Russia's for the United States' staff (median 146 days against 47).", parity.Summary);
    }

    [Fact]
    public void ParityOfBAndAIsTheMirrorOfParityOfAAndB()
    {
        var member = Gen.Select(Gen.Enum<StaffCategory>(), Gen.Int[-400, 400], Gen.Int[-1, 400], Gen.Int[0, 3], Gen.Int[-1, 60], Gen.Bool)
            .Select((category, start, length, family, order, leaves) => Member(category, Day.AddDays(start), length < 0 ? null : Day.AddDays(start + length), family,
                orderIssued: order < 0 ? null : Day.AddDays(order - 30), familyLeaves: leaves));
        var measure = Gen.Select(Gen.Bool, Gen.Enum<ReciprocalMeasureKind>(), Gen.Int[-2500, 100])
            .Select((byA, kind, day) => Measure(byA ? "DE" : "PL", byA ? "PL" : "DE", kind, Day.AddDays(day), 1));
        var application = Gen.Select(Gen.Bool, Gen.Int[1, 600], Gen.Int[-1, 400], Gen.Bool)
            .Select((byA, filedAgo, days, refused) => new ResolvedApplication(Guid.NewGuid(), byA ? "DE" : "PL", byA ? "PL" : "DE", "D", Day.AddDays(-filedAgo),
                days < 0 ? null : Day.AddDays(-filedAgo + days), days < 0 ? VisaApplicationOutcome.Pending : refused ? VisaApplicationOutcome.Refused : VisaApplicationOutcome.Granted));
        var cap = Gen.Select(Gen.Bool, Gen.Int[0, 20], Gen.Int[-800, 30]).Select((onA, limit, from) =>
            new StaffingCap { ReceivingStateCode = onA ? "PL" : "DE", SendingStateCode = onA ? "DE" : "PL", Limit = limit, InForceFrom = Day.AddDays(from) });

        Gen.Select(member.List[0, 12], member.List[0, 12], measure.List[0, 8], application.List[0, 15], cap.List[0, 3]).Sample((inPl, inDe, measures, applications, caps) =>
        {
            var dePl = Facts("DE", "PL", inPl, caps: caps, applications: applications, measures: measures);
            var plDe = Facts("PL", "DE", inDe, caps: caps, applications: applications, measures: measures);

            var ab = ParityRules.Compare(dePl, plDe, Day);
            var ba = ParityRules.Compare(plDe, dePl, Day);

            Assert.Equal(Json(ab.AInB), Json(ba.BInA));
            Assert.Equal(Json(ab.BInA), Json(ba.AInB));
            Assert.Equal(Json(ab.Gaps), Json(Negated(ba.Gaps)));
            Assert.Equal(ab.Summary, ba.Summary);
        });
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static ParityGaps Negated(ParityGaps g) => new(
        -g.Missions, new(-g.Members.Now, -g.Members.After), new(-g.DiplomaticAgents.Now, -g.DiplomaticAgents.After),
        [.. g.Categories.Select(c => new CategoryGap(c.Category, new(-c.Gap.Now, -c.Gap.After)))], new(-g.Family.Now, -g.Family.After),
        -g.Caps, -g.MedianVisaDays, -g.PendingVisas, -g.Measures);

    [Fact]
    public void MirrorOfAnExpulsionIsAsManyPersonsButNoMoreThanTheActorHoldsThere()
    {
        var expulsion = Measure("RU", "US", ReciprocalMeasureKind.Expulsion, Day, 10);
        var ruInUs = Facts("RU", "US", [.. Enumerable.Range(0, 4).Select(_ => Member(StaffCategory.Diplomatic))]);
        var usInRu = Facts("US", "RU", [.. Enumerable.Range(0, 11).Select(_ => Member(StaffCategory.Diplomatic))]);

        var mirror = MirrorRules.Mirror(expulsion, ParityRules.Compare(ruInUs, usInRu, Day));

        Assert.Equal(("US", "RU", ReciprocalMeasureKind.Expulsion, 4), (mirror.ActingStateCode, mirror.TargetStateCode, mirror.Kind, mirror.Magnitude));
        Assert.Contains("Russia holds only 4 diplomats there", mirror.Basis, StringComparison.Ordinal);
        Assert.Equal("The United States expels 4 of Russia's staff", mirror.Description);
    }

    [Fact]
    public void MirrorOfACapIsTheSameCapWithHowFarTheActorsMissionsAreOverIt()
    {
        var cap = Measure("RU", "US", ReciprocalMeasureKind.MissionSizeCap, Day, 3);
        var ruInUs = Facts("RU", "US", [.. Enumerable.Range(0, 7).Select(_ => Member(StaffCategory.AdministrativeTechnical))]);

        var mirror = MirrorRules.Mirror(cap, ParityRules.Compare(ruInUs, Facts("US", "RU"), Day));

        Assert.Equal(3, mirror.Magnitude);
        Assert.EndsWith("they count 7 members on 2021-09-04, 4 over it.", mirror.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void EscalationChainsPutResponsesAfterWhatTheyAnswerAndLeaveOutMeasuresAfterTheSpan()
    {
        var sanctions = Measure("US", "RU", ReciprocalMeasureKind.Sanctions, new(2021, 4, 15));
        var expulsion = Measure("RU", "US", ReciprocalMeasureKind.Expulsion, new(2021, 4, 16), 10, sanctions.Id);
        var recall = Measure("US", "RU", ReciprocalMeasureKind.AmbassadorRecalled, new(2021, 4, 22), respondsTo: expulsion.Id);
        var ban = Measure("RU", "US", ReciprocalMeasureKind.LocalHiringBan, new(2021, 4, 23), respondsTo: sanctions.Id);
        var later = Measure("US", "RU", ReciprocalMeasureKind.Expulsion, new(2022, 1, 1), 3, ban.Id);
        var old = Measure("RU", "US", ReciprocalMeasureKind.MissionSizeCap, new(2017, 7, 28), 455);

        var chains = TimelineRules.Chains([later, ban, recall, expulsion, sanctions, old], new(2021, 1, 1), new(2021, 12, 31));

        var chain = Assert.Single(chains);
        Assert.Equal([(sanctions.Id, 0), (expulsion.Id, 1), (recall.Id, 2), (ban.Id, 1)], chain.Steps.Select(s => (s.Measure.Id, s.Depth)));
    }

    [Fact]
    public void TimelinePointsAreDailyUpTo400DaysThenWeeklyAndAlwaysEndOnTheLastDay()
    {
        ParityMember[] aInB = [Member(StaffCategory.Diplomatic, start: new(2021, 1, 1), ended: new(2021, 1, 10))];

        var daily = TimelineRules.Points(aInB, [], new(2021, 1, 1), new(2021, 1, 12));
        var weekly = TimelineRules.Points(aInB, [], new(2020, 1, 1), new(2021, 12, 31));

        Assert.Equal(12, daily.Count);
        Assert.Equal([1, 1, 0, 0], daily.Skip(8).Select(p => p.AInB));
        Assert.Equal(new DateOnly(2021, 12, 31), weekly[^1].On);
        Assert.Equal(7, weekly[1].On.DayNumber - weekly[0].On.DayNumber);
    }
}
