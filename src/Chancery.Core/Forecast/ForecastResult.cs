using Chancery.Core.People;

namespace Chancery.Core.Forecast;

/// <summary>
/// One day's spread of a count over the runs, by nearest rank (as <see cref="Visas.VisaStatisticsRules.NearestRank"/>):
/// the 10th percentile, the median and the 90th percentile, and the mean.
/// </summary>
public sealed record ForecastBand(DateOnly On, int P10, int Median, int P90, double Mean);

/// <summary>The chance that a category has fallen below its minimum on or before <paramref name="On"/> (cumulative).</summary>
public sealed record ForecastProbability(DateOnly On, double Probability);

/// <summary>
/// How a category fares against its minimum staffing: per day, the share of runs in which the count has been below
/// <paramref name="Minimum"/> on some day up to that one; the median first day below (null when fewer than half the runs
/// fall below within the forecast); the mean first day below among the runs that do (null when none does).
/// </summary>
public sealed record ForecastRisk(
    int Minimum, IReadOnlyList<ForecastProbability> BelowBy, double ProbabilityBelowByEnd, DateOnly? MedianFirstBelowOn, DateOnly? MeanFirstBelowOn);

/// <summary>One staff category's daily bands, and its risk when the mission has a minimum for it.</summary>
public sealed record ForecastCategory(StaffCategory Category, IReadOnlyList<ForecastBand> Days, ForecastRisk? Risk);

/// <summary>Which statistics decided a request key, after the fallback (<see cref="ProcessingFallback"/>).</summary>
public enum ForecastBasisLevel
{
    /// <summary>Issuing state, applicant state and category.</summary>
    Category,
    /// <summary>Issuing state and applicant state, all categories.</summary>
    ApplicantState,
    /// <summary>Issuing state, all applicant states and categories.</summary>
    IssuingState,
    /// <summary>Too few decisions anywhere: the configured default.</summary>
    Default,
}

/// <summary>
/// The distribution used for one request key (issuing state, applicant state, category): the level it came from, how
/// many decisions it holds, their median processing days (nearest rank) and refusal rate (before any scenario).
/// </summary>
public sealed record ForecastBasis(
    string IssuingStateCode, string ApplicantStateCode, string CategoryCode, ForecastBasisLevel Level, int Observations, int MedianDays, double RefusalRate);

/// <summary>
/// A forecast: per day, the bands of each staff category (members by VCDR art. 1 category, locally engaged included,
/// as <see cref="Posts.HeadcountRules"/> counts them), of all members, of family members and of private servants; the
/// risk per category with a minimum; the statistics used.
/// </summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Runs">Runs made.</param>
/// <param name="Seed">Seed used.</param>
/// <param name="Categories">Categories with anybody in the forecast or with a minimum, private servants apart, in category order.</param>
/// <param name="Members">All members (private servants not included).</param>
/// <param name="Family">Family members.</param>
/// <param name="PrivateServants">Private servants (not members, VCDR art. 1(h)).</param>
/// <param name="Basis">The statistics each pending request was drawn from, by key.</param>
public sealed record ForecastResult(
    DateOnly From, DateOnly To, int Runs, ulong Seed,
    IReadOnlyList<ForecastCategory> Categories,
    IReadOnlyList<ForecastBand> Members,
    IReadOnlyList<ForecastBand> Family,
    IReadOnlyList<ForecastBand> PrivateServants,
    IReadOnlyList<ForecastBasis> Basis);
