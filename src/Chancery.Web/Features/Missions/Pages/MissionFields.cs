using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Web.Components.Shared;

namespace Chancery.Web.Features.Missions.Pages;

/// <summary>The mission form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class MissionFields
{
    /// <summary>Sending state code.</summary>
    public string? SendingStateCode { get; set; }
    /// <summary>Receiving state code.</summary>
    public string? ReceivingStateCode { get; set; }
    /// <summary>Kind.</summary>
    public MissionKind? Kind { get; set; }
    /// <summary>City.</summary>
    public string? City { get; set; }
    /// <summary>Status.</summary>
    public MissionStatus? Status { get; set; }
    /// <summary>Opened on.</summary>
    public string? OpenedOn { get; set; }
    /// <summary>Closed on.</summary>
    public string? ClosedOn { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored mission.</summary>
    public static MissionFields From(MissionDto m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new()
        {
            SendingStateCode = m.SendingStateCode,
            ReceivingStateCode = m.ReceivingStateCode,
            Kind = m.Kind,
            City = m.City,
            Status = m.Status,
            OpenedOn = IsoDate.Format(m.OpenedOn),
            ClosedOn = IsoDate.Format(m.ClosedOn),
            Version = m.Version,
        };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public MissionInput ToInput()
    {
        var errors = new Validator();
        var input = new MissionInput(
            SendingStateCode, ReceivingStateCode, Kind, City, Status,
            IsoDate.Read(errors, "openedOn", OpenedOn), IsoDate.Read(errors, "closedOn", ClosedOn), Version);
        errors.ThrowIfAny();
        return input;
    }
}
