using Chancery.Core.Common;

namespace Chancery.Core.Missions;

/// <summary>Kinds of diplomatic and consular post.</summary>
public enum MissionKind
{
    /// <summary>Embassy (VCDR).</summary>
    Embassy,
    /// <summary>Consulate-general (VCCR).</summary>
    ConsulateGeneral,
    /// <summary>Consulate (VCCR).</summary>
    Consulate,
    /// <summary>Permanent mission to an international organisation.</summary>
    PermanentMission,
    /// <summary>Any other office (liaison office, interests section, honorary consulate...).</summary>
    Other,
}

/// <summary>Whether a mission is operating.</summary>
public enum MissionStatus
{
    /// <summary>Open and operating.</summary>
    Open,
    /// <summary>Operations suspended (e.g. staff withdrawn) but not closed.</summary>
    Suspended,
    /// <summary>Closed.</summary>
    Closed,
}

/// <summary>A mission of a sending state in a receiving state.</summary>
public sealed class Mission : Entity
{
    /// <summary>ISO code of the state that sends the mission.</summary>
    public required string SendingStateCode { get; set; }

    /// <summary>ISO code of the state that receives it.</summary>
    public required string ReceivingStateCode { get; set; }

    /// <summary>Embassy, consulate...</summary>
    public MissionKind Kind { get; set; }

    /// <summary>City where the mission sits.</summary>
    public required string City { get; set; }

    /// <summary>Open, suspended, closed.</summary>
    public MissionStatus Status { get; set; }

    /// <summary>Date the mission opened, when known.</summary>
    public DateOnly? OpenedOn { get; set; }

    /// <summary>Date it closed, when it has.</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>Persons assigned to it, past and present.</summary>
    public List<People.Assignment> Assignments { get; set; } = [];
}
