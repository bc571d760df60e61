using Chancery.Core.Common;
using Chancery.Core.Missions;

namespace Chancery.Core.Posts;

/// <summary>A mission's headcount on a date.</summary>
public sealed record MissionHeadcount(MissionDto Mission, Headcount Headcount);

/// <summary>A mission's daily headcount over a span of dates.</summary>
public sealed record MissionHeadcountTimeline(MissionDto Mission, DateOnly From, DateOnly To, IReadOnlyList<HeadcountPoint> Days);

/// <summary>A mission's vacancy report: posts vacant on a date or to be vacant within N days, with their replacements.</summary>
public sealed record MissionVacancies(MissionDto Mission, DateOnly On, int Within, IReadOnlyList<Vacancy> Vacancies)
{
    /// <summary>How many of the vacancies have nobody on the way (no nominee, or only a refused one).</summary>
    public int WithoutReplacement => Vacancies.Count(v => v.Nominee is null || v.Nominee.Status == NominationStatus.VisaRefused);
}

/// <summary>Headcount, timeline and vacancies of a mission: one load, then the pure rules.</summary>
public sealed class HeadcountService(MissionStaffLoader loader, DefaultAsOf defaultAsOf)
{
    /// <summary>The headcount of <paramref name="missionId"/> on <paramref name="on"/> (the default as-of date when null).</summary>
    public async Task<MissionHeadcount> OnAsync(Guid missionId, DateOnly? on, CancellationToken ct)
    {
        var date = defaultAsOf.Resolve(on);
        var staff = await loader.LoadAsync(missionId, ct).ConfigureAwait(false);
        return new MissionHeadcount(staff.Mission, HeadcountRules.On(staff.Staff, staff.Arrivals(), date));
    }

    /// <summary>The daily headcount from <paramref name="from"/> to <paramref name="to"/> (both required, at most five years apart).</summary>
    public async Task<MissionHeadcountTimeline> TimelineAsync(Guid missionId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var v = new Validator();
        if (from is null) v.Add("from", "from is required, as YYYY-MM-DD.");
        if (to is null) v.Add("to", "to is required, as YYYY-MM-DD.");
        v.NotBefore("to", to, "from", from);
        if (from is { } f && to is { } t && t > f.AddYears(HeadcountRules.MaxTimelineYears))
            v.Add("to", $"to {t:yyyy-MM-dd} is more than {HeadcountRules.MaxTimelineYears} years after from {f:yyyy-MM-dd}; ask for {HeadcountRules.MaxTimelineYears} years at most (to {f.AddYears(HeadcountRules.MaxTimelineYears):yyyy-MM-dd}).");
        v.ThrowIfAny();
        var staff = await loader.LoadAsync(missionId, ct).ConfigureAwait(false);
        return new MissionHeadcountTimeline(staff.Mission, from!.Value, to!.Value, HeadcountRules.Timeline(staff.Staff, staff.Arrivals(), from.Value, to.Value));
    }

    /// <summary>Posts vacant on <paramref name="on"/> or to be vacant within <paramref name="within"/> days (30 by default).</summary>
    public async Task<MissionVacancies> VacanciesAsync(Guid missionId, DateOnly? on, int? within, CancellationToken ct)
    {
        var days = within ?? VacancyRules.DefaultWithinDays;
        if (days is < 0 or > VacancyRules.MaxWithinDays)
            throw ValidationFailedException.For("within", $"within {days} is out of range; use 0 to {VacancyRules.MaxWithinDays} days.");
        var date = defaultAsOf.Resolve(on);
        var staff = await loader.LoadAsync(missionId, ct).ConfigureAwait(false);
        return new MissionVacancies(staff.Mission, date, days, VacancyRules.VacanciesOn(staff.Posts, staff.HoldersByPost, staff.NominationsByPost, date, days));
    }
}
