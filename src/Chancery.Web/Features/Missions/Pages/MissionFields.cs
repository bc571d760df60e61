using Chancery.Core.Missions;

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
    public DateOnly? OpenedOn { get; set; }
    /// <summary>Closed on.</summary>
    public DateOnly? ClosedOn { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored mission.</summary>
    public static MissionFields From(MissionDto m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new()
        {
            SendingStateCode = m.SendingStateCode, ReceivingStateCode = m.ReceivingStateCode, Kind = m.Kind, City = m.City,
            Status = m.Status, OpenedOn = m.OpenedOn, ClosedOn = m.ClosedOn, Version = m.Version,
        };
    }

    /// <summary>What the service takes.</summary>
    public MissionInput ToInput() => new(SendingStateCode, ReceivingStateCode, Kind, City, Status, OpenedOn, ClosedOn, Version);
}
