using Chancery.Core.People;
using Chancery.Core.States;

namespace Chancery.Core.Reciprocity;

/// <summary>What a measure's magnitude counts.</summary>
public enum MagnitudeUnit
{
    /// <summary>The kind has no magnitude.</summary>
    None,
    /// <summary>Persons (an expulsion).</summary>
    Persons,
    /// <summary>The most persons allowed (a cap).</summary>
    Cap,
    /// <summary>Days (processing time, validity).</summary>
    Days,
    /// <summary>Years in post.</summary>
    Years,
    /// <summary>Kilometres (a travel radius).</summary>
    Kilometres,
}

/// <summary>Pure rules about reciprocal measures: what they count, whether they are in force, how they read.</summary>
public static class ReciprocityRules
{
    /// <summary>What <paramref name="kind"/>'s magnitude counts.</summary>
    public static MagnitudeUnit UnitOf(ReciprocalMeasureKind kind) => kind switch
    {
        ReciprocalMeasureKind.Expulsion => MagnitudeUnit.Persons,
        ReciprocalMeasureKind.MissionSizeCap or ReciprocalMeasureKind.CategoryCap => MagnitudeUnit.Cap,
        ReciprocalMeasureKind.VisaSlowdown or ReciprocalMeasureKind.VisaValidityLimit => MagnitudeUnit.Days,
        ReciprocalMeasureKind.VisaReapplicationRule => MagnitudeUnit.Years,
        ReciprocalMeasureKind.TravelNotificationRule => MagnitudeUnit.Kilometres,
        _ => MagnitudeUnit.None,
    };

    /// <summary>Whether the kind cannot be recorded without its magnitude (a slowdown and a travel rule may be recorded without).</summary>
    public static bool MagnitudeRequired(ReciprocalMeasureKind kind) => kind is ReciprocalMeasureKind.Expulsion or ReciprocalMeasureKind.MissionSizeCap
        or ReciprocalMeasureKind.CategoryCap or ReciprocalMeasureKind.VisaValidityLimit or ReciprocalMeasureKind.VisaReapplicationRule;

    /// <summary>Whether the measure is in force on <paramref name="date"/>: from its first day to the day it ended, both included.</summary>
    public static bool IsInForce(ReciprocalMeasure measure, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.InForceFrom <= date && (measure.EndedOn is not { } ended || date <= ended);
    }

    /// <summary>
    /// Whether the measure counts in a look-back of <paramref name="years"/> years ending on <paramref name="date"/>: announced in
    /// (date − years, date]. A measure announced after the date is not known yet on it, so it never counts.
    /// </summary>
    public static bool AnnouncedWithin(ReciprocalMeasure measure, DateOnly date, int years)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.AnnouncedOn <= date && measure.AnnouncedOn > date.AddYears(-years);
    }

    /// <summary>The kind as words: "expulsion", "local hiring ban".</summary>
    public static string KindLabel(ReciprocalMeasureKind kind) => kind switch
    {
        ReciprocalMeasureKind.Expulsion => "expulsion",
        ReciprocalMeasureKind.MissionSizeCap => "cap on mission size",
        ReciprocalMeasureKind.CategoryCap => "cap on a staff category",
        ReciprocalMeasureKind.LocalHiringBan => "local hiring ban",
        ReciprocalMeasureKind.VisaSlowdown => "slower visa issuance",
        ReciprocalMeasureKind.VisaValidityLimit => "shorter visa validity",
        ReciprocalMeasureKind.VisaReapplicationRule => "visa reapplication rule",
        ReciprocalMeasureKind.TravelNotificationRule => "travel-notification rule",
        ReciprocalMeasureKind.MissionClosure => "mission closure",
        ReciprocalMeasureKind.AmbassadorRecalled => "ambassador recalled",
        ReciprocalMeasureKind.Sanctions => "sanctions",
        _ => kind.ToString(),
    };

    /// <summary>"Russia expels 10 of the United States' staff": the measure in one plain sentence, without its dates.</summary>
    public static string Describe(ReciprocalMeasure m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var actor = StateNames.Subject(m.ActingStateCode);
        var target = StateNames.Subject(m.TargetStateCode);
        var targets = StateNames.Possessive(m.TargetStateCode);
        var n = m.Magnitude;
        return m.Kind switch
        {
            ReciprocalMeasureKind.Expulsion => $"{actor} expels {n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} of {targets} staff",
            ReciprocalMeasureKind.MissionSizeCap => $"{actor} caps {targets} missions at {Count(n, "member", "members")}",
            ReciprocalMeasureKind.CategoryCap => $"{actor} caps {Category(m.Category)} of {targets} missions at {n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}",
            ReciprocalMeasureKind.LocalHiringBan => $"{actor} bans {targets} missions from hiring local staff",
            ReciprocalMeasureKind.VisaSlowdown => $"{actor} slows visas for {targets} staff{(n is { } d ? $" (to about {d} days)" : "")}",
            ReciprocalMeasureKind.VisaValidityLimit => $"{actor} limits visas of {targets} staff to {Count(n, "day", "days")}",
            ReciprocalMeasureKind.VisaReapplicationRule => $"{actor} makes {targets} staff reapply for a visa after {Count(n, "year", "years")} in post",
            ReciprocalMeasureKind.TravelNotificationRule => $"{actor} requires {targets} staff to notify travel" +
                (n is { } km ? $" beyond {km} km" : "") + (m.NoticeDays is { } days ? $", {Count(days, "day", "days")} ahead" : ""),
            ReciprocalMeasureKind.MissionClosure => $"{actor} closes a mission of {target}",
            ReciprocalMeasureKind.AmbassadorRecalled => $"{actor} recalls its ambassador to {target} for consultations",
            ReciprocalMeasureKind.Sanctions => $"{actor} imposes sanctions on {target}",
            _ => $"{actor}: {m.Kind} against {target}",
        };
    }

    /// <summary>"10 persons", "1 person"; "?" when unknown.</summary>
    public static string Count(int? n, string one, string many) => n is { } v ? $"{v} {(v == 1 ? one : many)}" : $"? {many}";

    private static string Category(StaffCategory? c) => c switch
    {
        StaffCategory.HeadOfMission => "heads of mission",
        StaffCategory.Diplomatic => "diplomatic staff",
        StaffCategory.AdministrativeTechnical => "administrative and technical staff",
        StaffCategory.Service => "service staff",
        StaffCategory.LocallyEngaged => "locally engaged staff",
        StaffCategory.PrivateServant => "private servants",
        _ => "a staff category",
    };
}

/// <summary>State names as a sentence needs them: "the United States", "Russia's", "the Netherlands'".</summary>
public static class StateNames
{
    private static readonly HashSet<string> WithArticle = new(StringComparer.Ordinal)
    {
        "US", "GB", "NL", "PH", "BS", "GM", "AE", "CZ", "DO", "CF", "KM", "MV", "MH", "SB", "VA", "CD", "CG",
    };

    /// <summary>The name as the subject of a sentence: "the United States", "Russia".</summary>
    public static string Subject(string code) => (WithArticle.Contains(code) ? "the " : "") + StateCodes.NameOf(code);

    /// <summary>The possessive: "the United States'", "Russia's".</summary>
    public static string Possessive(string code)
    {
        var name = Subject(code);
        return name.EndsWith('s') ? name + "'" : name + "'s";
    }

    /// <summary>The subject with a capital letter, to start a sentence.</summary>
    public static string Capitalised(string text) => string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
