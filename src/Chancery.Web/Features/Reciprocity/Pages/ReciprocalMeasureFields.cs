using Chancery.Core.Common;
using Chancery.Core.People;
using Chancery.Core.Reciprocity;
using Chancery.Web.Components.Shared;

namespace Chancery.Web.Features.Reciprocity.Pages;

/// <summary>The measure form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class ReciprocalMeasureFields
{
    /// <summary>Acting state.</summary>
    public string? ActingStateCode { get; set; }
    /// <summary>Target state.</summary>
    public string? TargetStateCode { get; set; }
    /// <summary>Kind.</summary>
    public ReciprocalMeasureKind? Kind { get; set; }
    /// <summary>Day announced.</summary>
    public string? AnnouncedOn { get; set; }
    /// <summary>First day in force; blank: the day announced.</summary>
    public string? InForceFrom { get; set; }
    /// <summary>Day it ended; blank while it lasts.</summary>
    public string? EndedOn { get; set; }
    /// <summary>Persons, cap, days, years or km.</summary>
    public int? Magnitude { get; set; }
    /// <summary>Days of notice (travel-notification rule).</summary>
    public int? NoticeDays { get; set; }
    /// <summary>Staff category (category cap).</summary>
    public StaffCategory? Category { get; set; }
    /// <summary>Source.</summary>
    public string? Source { get; set; }
    /// <summary>The earlier measure this one answers.</summary>
    public Guid? InResponseToId { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored measure.</summary>
    public static ReciprocalMeasureFields From(ReciprocalMeasureDto m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new()
        {
            ActingStateCode = m.ActingStateCode,
            TargetStateCode = m.TargetStateCode,
            Kind = m.Kind,
            AnnouncedOn = IsoDate.Format(m.AnnouncedOn),
            InForceFrom = IsoDate.Format(m.InForceFrom),
            EndedOn = IsoDate.Format(m.EndedOn),
            Magnitude = m.Magnitude,
            NoticeDays = m.NoticeDays,
            Category = m.Category,
            Source = m.Source,
            InResponseToId = m.InResponseToId,
            Version = m.Version,
        };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public ReciprocalMeasureInput ToInput()
    {
        var errors = new Validator();
        var input = new ReciprocalMeasureInput(
            ActingStateCode, TargetStateCode, Kind, IsoDate.Read(errors, "announcedOn", AnnouncedOn), IsoDate.Read(errors, "inForceFrom", InForceFrom),
            IsoDate.Read(errors, "endedOn", EndedOn), Magnitude, NoticeDays, Category, Source, InResponseToId, Version);
        errors.ThrowIfAny();
        return input;
    }

    /// <summary>The kind as the form's options show it.</summary>
    public static string KindLabel(ReciprocalMeasureKind kind) => StateNames.Capitalised(ReciprocityRules.KindLabel(kind));
}

/// <summary>The delete form: the version read.</summary>
public sealed class MeasureDeleteFields
{
    /// <summary>Version read.</summary>
    public int? Version { get; set; }
}
