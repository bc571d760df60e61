using System.Globalization;

namespace Chancery.Core.Visas;

/// <summary>Why a person who left the receiving state could not come back.</summary>
public enum TravelRiskReason
{
    /// <summary>No visa of the receiving state on record.</summary>
    NoVisa,
    /// <summary>The visa is not valid yet on the date.</summary>
    NotYetValid,
    /// <summary>The visa has expired.</summary>
    Expired,
    /// <summary>The visa has expired; the grace period lets the holder leave, not come back.</summary>
    InGracePeriod,
    /// <summary>The visa was cancelled.</summary>
    Cancelled,
    /// <summary>A single- or double-entry visa whose entries are used.</summary>
    NoEntryLeft,
    /// <summary>The visa (or, for family, the principal's) ends before the planned return.</summary>
    EndsBeforeReturn,
    /// <summary>An application (renewal, extension, new visa) is pending: the passport may be with the ministry.</summary>
    ApplicationPending,
}

/// <summary>One reason a person is at travel risk, with a sentence for the reader.</summary>
public sealed record TravelRiskFinding(TravelRiskReason Reason, string Text);

/// <summary>
/// Pure rules of the travel-risk report: who, having left the receiving state on a date, could not come back by a
/// planned return date. Data and dates in, reasons out.
/// </summary>
public static class TravelRiskRules
{
    /// <summary>Days after the as-of date by which travellers plan to be back, unless told otherwise.</summary>
    public const int DefaultReturnWithinDays = 30;

    /// <summary>The planned return date: the one given, else <see cref="DefaultReturnWithinDays"/> days after <paramref name="date"/>.</summary>
    public static DateOnly ReturnBy(DateOnly date, DateOnly? returnBy) => returnBy ?? date.AddDays(DefaultReturnWithinDays);

    /// <summary>Whether the visa has an entry left: single needs none used, double fewer than two, multiple always.</summary>
    public static bool HasEntryLeft(Visa visa)
    {
        ArgumentNullException.ThrowIfNull(visa);
        return visa.Entries switch
        {
            VisaEntries.Single => visa.EntriesUsed < 1,
            VisaEntries.Double => visa.EntriesUsed < 2,
            _ => true,
        };
    }

    /// <summary>
    /// A visa lets its holder re-enter on <paramref name="date"/> only if it is valid that day, not cancelled,
    /// and has an entry left.
    /// </summary>
    public static bool AllowsReentry(Visa visa, DateOnly date) =>
        VisaRules.StatusOn(visa, date) is VisaStatus.Valid or VisaStatus.Expiring && HasEntryLeft(visa);

    /// <summary>The visa's last usable day: valid-until, or the day before its cancellation when that comes first.</summary>
    public static DateOnly LastDay(Visa visa)
    {
        ArgumentNullException.ThrowIfNull(visa);
        return visa.CancelledOn is { } c && c <= visa.ValidUntil ? c.AddDays(-1) : visa.ValidUntil;
    }

    /// <summary>Whether an application filed on <paramref name="filedOn"/> is undecided on <paramref name="date"/>.</summary>
    public static bool IsPendingOn(DateOnly filedOn, DateOnly? decidedOn, VisaApplicationOutcome outcome, DateOnly date) =>
        filedOn <= date && (decidedOn is { } decided ? decided > date : outcome == VisaApplicationOutcome.Pending);

    /// <summary>
    /// Every reason the holder of <paramref name="visa"/> (the current visa of the receiving state, or null) could
    /// not leave on <paramref name="date"/> and come back by <paramref name="returnBy"/>; empty when they could.
    /// <paramref name="principalLastDay"/> is the principal's visa's last day when the host policy makes family visas
    /// end with the principal's; <paramref name="graceDays"/> is the policy's grace period (it lets a holder leave, not return).
    /// </summary>
    public static IReadOnlyList<TravelRiskFinding> Assess(
        Visa? visa, DateOnly date, DateOnly returnBy, bool applicationPending, DateOnly? principalLastDay = null, int graceDays = 0)
    {
        var findings = new List<TravelRiskFinding>();
        if (visa is null)
        {
            findings.Add(new(TravelRiskReason.NoVisa, "No visa of the receiving state is on record."));
        }
        else
        {
            var status = VisaRules.StatusOn(visa, date, graceDays: graceDays);
            switch (status)
            {
                case VisaStatus.NotYetValid:
                    findings.Add(new(TravelRiskReason.NotYetValid, $"The visa is valid only from {D(visa.ValidFrom)}."));
                    break;
                case VisaStatus.Expired:
                    findings.Add(new(TravelRiskReason.Expired, $"The visa expired after {D(visa.ValidUntil)}."));
                    break;
                case VisaStatus.InGracePeriod:
                    findings.Add(new(TravelRiskReason.InGracePeriod, $"The visa expired after {D(visa.ValidUntil)}; the grace period allows leaving, not coming back."));
                    break;
                case VisaStatus.Cancelled:
                    findings.Add(new(TravelRiskReason.Cancelled, $"The visa was cancelled on {D(visa.CancelledOn!.Value)}."));
                    break;
                default:
                    if (principalLastDay is { } p && p < returnBy && p < visa.ValidUntil)
                        findings.Add(new(TravelRiskReason.EndsBeforeReturn, $"The visa ends with the principal's on {D(p)}, before the return by {D(returnBy)}."));
                    else if (visa.ValidUntil < returnBy)
                        findings.Add(new(TravelRiskReason.EndsBeforeReturn, $"The visa ends on {D(visa.ValidUntil)}, before the return by {D(returnBy)}."));
                    break;
            }
            if (!HasEntryLeft(visa))
                findings.Add(new(TravelRiskReason.NoEntryLeft, $"The {visa.Entries.ToString().ToLowerInvariant()}-entry visa has no entry left ({visa.EntriesUsed} used)."));
        }
        if (applicationPending)
            findings.Add(new(TravelRiskReason.ApplicationPending, "A visa application is pending: the passport may be with the ministry, and the outcome is unknown."));
        return findings;
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
