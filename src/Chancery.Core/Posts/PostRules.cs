using Chancery.Core.Visas;

namespace Chancery.Core.Posts;

/// <summary>A nomination as a report shows it on a date: its derived status and how long its visa has been pending.</summary>
public sealed record NominationView(
    Guid Id, Guid NomineeId, string NomineeName, DateOnly NominatedOn, NominationStatus Status, int? DaysPending,
    DateOnly? ExpectedArrivalOn, Guid? VisaApplicationId, string Replacement);

/// <summary>Pure rules about posts and nominations: data and a date in, an answer out.</summary>
public static class PostRules
{
    /// <summary>
    /// The nomination's status on <paramref name="date"/>. Withdrawn and Arrived as recorded stand; otherwise, with a
    /// linked application, the visa decides: pending until decided, then refused or granted, and a granted nominee
    /// counts as arrived from the expected arrival day.
    /// </summary>
    public static NominationStatus StatusOn(NominationFacts nomination, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        if (nomination.Recorded is NominationStatus.Withdrawn or NominationStatus.Arrived) return nomination.Recorded;
        return nomination.Application?.OutcomeOn(date) switch
        {
            VisaApplicationOutcome.Pending => NominationStatus.VisaPending,
            VisaApplicationOutcome.Refused => NominationStatus.VisaRefused,
            VisaApplicationOutcome.Granted => nomination.ExpectedArrivalOn is { } arrival && arrival <= date ? NominationStatus.Arrived : NominationStatus.VisaGranted,
            _ => NominationStatus.Proposed,
        };
    }

    /// <summary>Days the linked application has been pending on <paramref name="date"/> (filed day counts as 0); null unless pending.</summary>
    public static int? DaysPending(NominationFacts nomination, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        return nomination.Application is { } a && a.OutcomeOn(date) == VisaApplicationOutcome.Pending && StatusOn(nomination, date) == NominationStatus.VisaPending
            ? date.DayNumber - a.FiledOn.DayNumber
            : null;
    }

    /// <summary>The nomination on <paramref name="date"/> with its replacement status in words.</summary>
    public static NominationView View(NominationFacts nomination, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        var status = StatusOn(nomination, date);
        var days = DaysPending(nomination, date);
        var arrival = nomination.ExpectedArrivalOn is { } a ? a.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
        var words = status switch
        {
            NominationStatus.VisaPending => $"nominee, visa pending {days} {(days == 1 ? "day" : "days")}",
            NominationStatus.VisaRefused => "nominee's visa refused",
            NominationStatus.VisaGranted => arrival is null ? "nominee's visa granted, arrival not set" : $"arrives {arrival}",
            NominationStatus.Arrived => arrival is null ? "nominee arrived" : $"arrived {arrival}",
            NominationStatus.Withdrawn => "nomination withdrawn",
            _ => "nominee proposed, no visa application yet",
        };
        return new(nomination.Id, nomination.NomineeId, nomination.NomineeName, nomination.NominatedOn, status, days,
            nomination.ExpectedArrivalOn, nomination.Application?.Id, words);
    }

    /// <summary>
    /// The nomination that speaks for a post on <paramref name="date"/>: made by then and not withdrawn, the most
    /// advanced first (arrived, granted, pending, proposed, refused), then the latest. Null when there is none.
    /// </summary>
    public static NominationFacts? Leading(IEnumerable<NominationFacts> nominations, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(nominations);
        return nominations
            .Where(n => n.NominatedOn <= date && StatusOn(n, date) != NominationStatus.Withdrawn)
            .OrderBy(n => Rank(StatusOn(n, date))).ThenByDescending(n => n.NominatedOn).ThenBy(n => n.Id)
            .FirstOrDefault();
    }

    private static int Rank(NominationStatus status) => status switch
    {
        NominationStatus.Arrived => 0,
        NominationStatus.VisaGranted => 1,
        NominationStatus.VisaPending => 2,
        NominationStatus.Proposed => 3,
        _ => 4,
    };

    /// <summary>The holder of a post on <paramref name="date"/>: a linked assignment at post that day (the latest started), or null.</summary>
    public static StaffFacts? HolderOn(IEnumerable<StaffFacts> holders, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(holders);
        return holders.Where(h => h.AtPostOn(date)).OrderByDescending(h => h.StartOn).FirstOrDefault();
    }
}
