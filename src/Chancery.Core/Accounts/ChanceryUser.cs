using Microsoft.AspNetCore.Identity;

namespace Chancery.Core.Accounts;

/// <summary>An account. Roles come from Identity; mission scope from <see cref="UserMission"/>.</summary>
public sealed class ChanceryUser : IdentityUser<Guid>
{
    /// <summary>Name shown in the UI and the audit trail.</summary>
    public string? DisplayName { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>For protocol officers: the receiving state whose foreign missions they oversee.</summary>
    public string? ProtocolStateCode { get; set; }

    /// <summary>Missions a mission administrator may see and change.</summary>
    public List<UserMission> Missions { get; set; } = [];
}

/// <summary>A mission assigned to an account.</summary>
public sealed class UserMission
{
    /// <summary>The account.</summary>
    public Guid UserId { get; set; }

    /// <summary>The mission.</summary>
    public Guid MissionId { get; set; }
}

/// <summary>The four roles and what each may do.</summary>
public static class Roles
{
    /// <summary>Users, roles, settings; read-only elsewhere unless also given another role.</summary>
    public const string Administrator = "Administrator";
    /// <summary>Host ministry: all foreign missions in its receiving state; orders, policies, caps, measures.</summary>
    public const string ProtocolOfficer = "ProtocolOfficer";
    /// <summary>Embassy administrative section: only the missions assigned to the account.</summary>
    public const string MissionAdministrator = "MissionAdministrator";
    /// <summary>Read-only everywhere, including the audit trail.</summary>
    public const string Auditor = "Auditor";

    /// <summary>All roles.</summary>
    public static readonly string[] All = [Administrator, ProtocolOfficer, MissionAdministrator, Auditor];

    /// <summary>
    /// Roles that do more than read (comma-separated, for role checks): an account with none of them (an auditor) writes
    /// nothing, not even a calendar feed, and runs no forecast.
    /// </summary>
    public const string Writers = Administrator + "," + ProtocolOfficer + "," + MissionAdministrator;
}
