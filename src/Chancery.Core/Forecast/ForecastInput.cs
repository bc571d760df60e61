using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;

namespace Chancery.Core.Forecast;

/// <summary>
/// A visa request still undecided on the forecast's start day: who issues it, for which applicant state and category
/// (the key of the processing-time statistics, as <see cref="ResolvedApplication"/> carries it), and when it was filed.
/// </summary>
public sealed record VisaRequest(string IssuingStateCode, string ApplicantStateCode, string CategoryCode, DateOnly FiledOn);

/// <summary>
/// A pending renewal (or extension) of the visa that keeps <paramref name="PersonId"/> at post: a staff member
/// (<see cref="StaffFacts.PersonId"/>) or a household member (<see cref="FamilyFacts.PersonId"/>).
/// <para>
/// Granted on a day before the person's cover lapses (their <c>VisaLapsesOn</c> in the staff facts: the extended visa's
/// valid-until plus grace, plus one), the person's cover moves to <paramref name="LapsesOnIfGranted"/> (null: covered to
/// the end of the forecast). Refused, decided on or after the lapse day, or never decided (the host stopped issuing),
/// the person lapses on their <c>VisaLapsesOn</c>, as <see cref="HeadcountRules"/> counts them, and does not come back
/// within the forecast. A renewal for a person without a lapse day, or not among the staff and households, has no effect.
/// </para>
/// </summary>
/// <param name="ApplicationId">The pending application.</param>
/// <param name="PersonId">The holder whose cover it would extend.</param>
/// <param name="Request">Issuing state, applicant state, category and filing day: which statistics decide it.</param>
/// <param name="ExtendsVisaUntil">Valid-until of the visa it would extend (shown; the lapse day comes from the facts).</param>
/// <param name="LapsesOnIfGranted">
/// First uncovered day if granted (e.g. the new visa's expected valid-until plus grace plus one, or the planned end of
/// the tour plus grace); null when a grant covers the holder past the forecast.
/// </param>
public sealed record PendingRenewal(Guid ApplicationId, Guid PersonId, VisaRequest Request, DateOnly? ExtendsVisaUntil, DateOnly? LapsesOnIfGranted);

/// <summary>
/// A nominee whose visa is still undecided: if granted, they arrive on
/// max(<paramref name="ExpectedArrivalOn"/>, decision day + <paramref name="ArrivalLagDays"/>) (with no expected
/// arrival: decision day + lag), like <see cref="MissionStaff.Arrivals"/> counts granted nominees (lag 0); refused or
/// never decided, they do not arrive. A nomination without a filed application is given with the day it is expected to
/// be filed (the loader's choice, e.g. the nomination day or the start day).
/// </summary>
public sealed record PendingNomination(
    Guid NominationId, Guid NomineeId, StaffCategory Category, VisaRequest Request, DateOnly? ExpectedArrivalOn, int ArrivalLagDays = 0);

/// <summary>
/// When too few decisions are observed for a request's key, the statistics widen in this order: (issuing state,
/// applicant state, category) → (issuing state, applicant state) → (issuing state) → this default. A level is used when
/// it holds at least <paramref name="MinObservations"/> decisions (granted or refused). The default is a fixed
/// processing time of <paramref name="DefaultDays"/> and a refusal rate of <paramref name="DefaultRefusalRate"/>.
/// </summary>
public sealed record ProcessingFallback(int MinObservations = ProcessingFallback.DefaultMinObservations, int DefaultDays = ProcessingFallback.DefaultProcessingDays, double DefaultRefusalRate = 0)
{
    /// <summary>Fewest decisions a level needs to be used.</summary>
    public const int DefaultMinObservations = 5;

    /// <summary>Processing days assumed when nothing at all is observed for the issuing state.</summary>
    public const int DefaultProcessingDays = 60;

    /// <summary>The usual fallback.</summary>
    public static readonly ProcessingFallback Default = new();
}

/// <summary>
/// One mission's data for a forecast, as the headcount rules see it, plus what is uncertain.
/// </summary>
/// <param name="Staff">The mission's assignments with households, as <see cref="MissionStaffLoader"/> builds them.</param>
/// <param name="Arrivals">Nominees already granted (certain arrivals), as <see cref="MissionStaff.Arrivals"/> gives them.</param>
/// <param name="Renewals">Pending renewals of staff and household members' visas.</param>
/// <param name="Nominations">Nominees whose visa is pending.</param>
/// <param name="History">
/// Past applications of the issuing state(s) concerned; decided ones (granted or refused, with a decision day) give the
/// empirical processing-time and refusal distributions. Others are ignored.
/// </param>
/// <param name="Minimums">Minimum staffing per category (absent: no minimum for that category).</param>
/// <param name="Fallback">How statistics widen when too few decisions are observed (null: <see cref="ProcessingFallback.Default"/>).</param>
public sealed record ForecastInput(
    IReadOnlyList<StaffFacts> Staff,
    IReadOnlyList<ArrivalFacts> Arrivals,
    IReadOnlyList<PendingRenewal> Renewals,
    IReadOnlyList<PendingNomination> Nominations,
    IReadOnlyList<ResolvedApplication> History,
    IReadOnlyDictionary<StaffCategory, int> Minimums,
    ProcessingFallback? Fallback = null);

/// <summary>
/// N more members leave by <paramref name="LeaveBy"/> (counted out from the next day, like a departure order's
/// leave-by), with their households. Which ones: drawn at random in each run, uniformly among the members of
/// <paramref name="Category"/> at post on <paramref name="LeaveBy"/> in that run (arrived nominees included; those
/// already leaving by then excluded); all of them when fewer are there.
/// </summary>
public sealed record ForecastExpulsion(DateOnly LeaveBy, int Count, StaffCategory Category = StaffCategory.Diplomatic);

/// <summary>
/// A new staffing cap from <paramref name="InForceFrom"/>, counted like <see cref="Policies.CapRules.Counts"/>: the
/// members of <paramref name="Category"/>, or with no category all members other than locally engaged staff and
/// private servants. On <paramref name="InForceFrom"/> the members counted beyond <paramref name="Limit"/> are out
/// (with their households), the most recently started first (last in, first out; on a tie, the later in the input);
/// after it, an arrival that would take the count beyond the limit does not happen within the forecast.
/// </summary>
public sealed record ForecastCap(DateOnly InForceFrom, int Limit, StaffCategory? Category = null);

/// <summary>
/// What-if changes applied on top of the data. The default scenario (<see cref="Baseline"/>) changes nothing.
/// </summary>
/// <param name="StopIssuingFrom">The host decides no visa application on or after this day (granted or refused): renewals lapse, nominees do not arrive. Null: issuing goes on.</param>
/// <param name="ProcessingTimeFactor">Multiplies every drawn processing time (rounded up to whole days); 1 leaves them as observed.</param>
/// <param name="RefusalRate">Replaces every observed refusal rate (0 to 1); null keeps them.</param>
/// <param name="Expulsions">More members made to leave.</param>
/// <param name="Caps">New caps.</param>
public sealed record ForecastScenario(
    DateOnly? StopIssuingFrom = null,
    double ProcessingTimeFactor = 1,
    double? RefusalRate = null,
    IReadOnlyList<ForecastExpulsion>? Expulsions = null,
    IReadOnlyList<ForecastCap>? Caps = null)
{
    /// <summary>No change to the data.</summary>
    public static readonly ForecastScenario Baseline = new();

    /// <summary>Whether the scenario changes nothing.</summary>
    public bool IsBaseline => StopIssuingFrom is null && ProcessingTimeFactor == 1 && RefusalRate is null
        && (Expulsions is null || Expulsions.Count == 0) && (Caps is null || Caps.Count == 0);
}

/// <summary>
/// How a forecast runs: <paramref name="Days"/> days from <paramref name="From"/> (both the first day and
/// <see cref="To"/> included), <paramref name="Runs"/> runs, each drawing from its own random stream derived from
/// <paramref name="Seed"/> and its run index (so the result depends on neither the degree of parallelism nor the
/// order runs are done in), on up to <paramref name="DegreeOfParallelism"/> threads.
/// </summary>
public sealed record ForecastOptions(DateOnly From, int Days = ForecastOptions.DefaultDays, int Runs = ForecastOptions.DefaultRuns, ulong Seed = ForecastOptions.DefaultSeed, int DegreeOfParallelism = 1)
{
    /// <summary>Days projected unless told otherwise.</summary>
    public const int DefaultDays = 365;

    /// <summary>Longest forecast, in days.</summary>
    public const int MaxDays = 730;

    /// <summary>Runs unless told otherwise.</summary>
    public const int DefaultRuns = 2000;

    /// <summary>Most runs.</summary>
    public const int MaxRuns = 100_000;

    /// <summary>Seed unless told otherwise.</summary>
    public const ulong DefaultSeed = 20210815;

    /// <summary>The last day of the forecast.</summary>
    public DateOnly To => From.AddDays(Days - 1);
}
