using System.Globalization;
using Chancery.Core.People;

namespace Chancery.Core.Posts;

/// <summary>A post on a date: who holds it, since when it is vacant, when it will be, and the replacement on its way.</summary>
public sealed record PostState(
    StaffFacts? Holder, DateOnly? VacantSince, DateOnly? VacatesOn, string? Reason, NominationView? Nominee)
{
    /// <summary>Whether nobody holds the post on the date.</summary>
    public bool Vacant => Holder is null;

    /// <summary>The replacement status in words: "no nominee", "nominee, visa pending 143 days", "arrives 2021-10-01".</summary>
    public string Replacement => Nominee?.Replacement ?? "no nominee";
}

/// <summary>A post vacant on a date, or about to be.</summary>
public sealed record Vacancy(
    Guid PostId, string Title, StaffCategory Category, bool Vacant, DateOnly VacantFrom, string Reason,
    Guid? HolderAssignmentId, Guid? HolderPersonId, string? HolderName, NominationView? Nominee, string Replacement);

/// <summary>Pure rules about vacancies: which posts are empty on a date, which will be within N days, and who replaces them.</summary>
public static class VacancyRules
{
    /// <summary>Most days ahead a vacancy report may look.</summary>
    public const int MaxWithinDays = 366;

    /// <summary>Days ahead a vacancy report looks unless told otherwise.</summary>
    public const int DefaultWithinDays = 30;

    /// <summary>
    /// The first day <paramref name="holder"/> is no longer at post for a reason already on record: the day after the
    /// assignment ended, the day after a pending order's leave-by, or the day the visa cover lapses; the earliest wins.
    /// </summary>
    public static (DateOnly On, string Reason)? Leaves(StaffFacts holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        (DateOnly On, string Reason)? first = null;
        void Consider(DateOnly? on, string reason)
        {
            if (on is { } d && (first is null || d < first.Value.On)) first = (d, reason);
        }
        Consider(holder.EndedOn?.AddDays(1), $"assignment ended {Iso(holder.EndedOn)}");
        Consider(holder.LeaveBy?.AddDays(1), $"departure order, leave by {Iso(holder.LeaveBy)}");
        Consider(holder.VisaLapsesOn, $"visa lapses, not covered from {Iso(holder.VisaLapsesOn)}");
        return first;
    }

    /// <summary>Like <see cref="Leaves"/>, and the planned end of tour too: the day the holder is expected to go.</summary>
    public static (DateOnly On, string Reason)? ExpectedToLeave(StaffFacts holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var leaves = Leaves(holder);
        if (holder.PlannedEndOn is { } planned && (leaves is null || planned.AddDays(1) < leaves.Value.On))
            return (planned.AddDays(1), $"planned end of tour {Iso(planned)}");
        return leaves;
    }

    /// <summary>
    /// The state of <paramref name="post"/> on <paramref name="date"/>, given the assignments linked to it and its
    /// nominations. A post is vacant from the day after its holder leaves, or from its establishment if never filled.
    /// </summary>
    public static PostState StateOn(Post post, IReadOnlyCollection<StaffFacts> holders, IEnumerable<NominationFacts> nominations, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(holders);
        var nominee = PostRules.Leading(nominations, date) is { } n ? PostRules.View(n, date) : null;
        var holder = PostRules.HolderOn(holders, date);
        if (holder is null)
        {
            var last = holders.Where(h => h.StartOn <= date).Select(Leaves).Where(l => l is { } x && x.On <= date)
                .OrderByDescending(l => l!.Value.On).FirstOrDefault();
            return last is { } l
                ? new PostState(null, l.On, null, l.Reason, nominee)
                : new PostState(null, post.EstablishedOn, null, "never filled", nominee);
        }
        if (ExpectedToLeave(holder) is not { } expected) return new PostState(holder, null, null, null, nominee);
        // A successor already linked to the post and starting by then fills it: no vacancy ahead.
        var successor = holders.Any(h => h.AssignmentId != holder.AssignmentId && h.StartOn > holder.StartOn && h.StartOn <= expected.On);
        return successor
            ? new PostState(holder, null, null, null, nominee)
            : new PostState(holder, null, expected.On, expected.Reason, nominee);
    }

    /// <summary>
    /// Posts of a mission vacant on <paramref name="date"/> or to be vacant within <paramref name="withinDays"/> days,
    /// vacant ones first, then by the day they empty.
    /// </summary>
    public static IReadOnlyList<Vacancy> VacanciesOn(
        IEnumerable<Post> posts, ILookup<Guid, StaffFacts> holdersByPost, ILookup<Guid, NominationFacts> nominationsByPost, DateOnly date, int withinDays)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(holdersByPost);
        ArgumentNullException.ThrowIfNull(nominationsByPost);
        var horizon = date.AddDays(withinDays);
        var result = new List<Vacancy>();
        foreach (var post in posts.Where(p => p.ExistsOn(date)))
        {
            var state = StateOn(post, [.. holdersByPost[post.Id]], nominationsByPost[post.Id], date);
            var from = state.VacantSince ?? state.VacatesOn;
            if (from is not { } f || (!state.Vacant && f > horizon)) continue;
            var holder = state.Holder ?? holdersByPost[post.Id].Where(h => h.StartOn <= date).OrderByDescending(h => h.StartOn).FirstOrDefault();
            result.Add(new Vacancy(post.Id, post.Title, post.Category, state.Vacant, f, state.Reason!,
                holder?.AssignmentId, holder?.PersonId, holder?.Name, state.Nominee, state.Replacement));
        }
        return [.. result.OrderByDescending(v => v.Vacant).ThenBy(v => v.VacantFrom).ThenBy(v => v.Category).ThenBy(v => v.Title, StringComparer.Ordinal)];
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
