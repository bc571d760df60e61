using System.Linq.Expressions;
using Chancery.Core.Missions;

namespace Chancery.Core.Accounts;

/// <summary>
/// What the caller may see and change, derived from their roles. Services apply it to every query,
/// so a record outside the scope is simply not found (404, not 403: its existence does not leak).
/// </summary>
public sealed class AccessScope
{
    private AccessScope(Guid? userId, IReadOnlySet<string> roles, IReadOnlySet<Guid> missionIds, string? protocolState, bool system)
    {
        UserId = userId;
        Roles = roles;
        MissionIds = missionIds;
        ProtocolStateCode = protocolState;
        IsSystem = system;
    }

    /// <summary>The command line, start-up work and background jobs: everything.</summary>
    public static AccessScope System { get; } = new(null, new HashSet<string>(), new HashSet<Guid>(), null, system: true);

    /// <summary>A signed-in account's scope.</summary>
    public static AccessScope For(Guid userId, IEnumerable<string> roles, IEnumerable<Guid> missionIds, string? protocolStateCode) =>
        new(userId, roles.ToHashSet(StringComparer.Ordinal), missionIds.ToHashSet(), string.IsNullOrWhiteSpace(protocolStateCode) ? null : protocolStateCode.ToUpperInvariant(), system: false);

    /// <summary>Nobody: an anonymous caller sees nothing.</summary>
    public static AccessScope None { get; } = new(null, new HashSet<string>(), new HashSet<Guid>(), null, system: false);

    /// <summary>The signed-in account, if any.</summary>
    public Guid? UserId { get; }

    /// <summary>Roles of the caller.</summary>
    public IReadOnlySet<string> Roles { get; }
    /// <summary>Missions assigned to a mission administrator.</summary>
    public IReadOnlySet<Guid> MissionIds { get; }
    /// <summary>A protocol officer's receiving state.</summary>
    public string? ProtocolStateCode { get; }
    /// <summary>Whether this is the system itself (CLI, start-up).</summary>
    public bool IsSystem { get; }

    /// <summary>Administrators and auditors read everything; so does the system.</summary>
    public bool SeesAllMissions => IsSystem || Roles.Contains(Accounts.Roles.Administrator) || Roles.Contains(Accounts.Roles.Auditor);

    private string? OfficerState => Roles.Contains(Accounts.Roles.ProtocolOfficer) ? ProtocolStateCode : null;
    private IReadOnlySet<Guid> AdministeredMissions => Roles.Contains(Accounts.Roles.MissionAdministrator) ? MissionIds : new HashSet<Guid>();

    /// <summary>Whether the caller only reads (an auditor, or nobody): it keeps no calendar feed and runs no forecast.</summary>
    public bool ReadsOnly => !IsSystem && !Roles.Contains(Accounts.Roles.Administrator) && !Roles.Contains(Accounts.Roles.ProtocolOfficer)
        && !Roles.Contains(Accounts.Roles.MissionAdministrator);

    /// <summary>Whether full passport numbers may be shown on a single record (mission administrators and protocol officers need them for visa work).</summary>
    public bool SeesPassports => IsSystem || Roles.Contains(Accounts.Roles.MissionAdministrator) || Roles.Contains(Accounts.Roles.ProtocolOfficer);

    /// <summary>Whether the caller may change people, assignments, families and visas (of missions in scope).</summary>
    public bool EditsRegistry => IsSystem || Roles.Contains(Accounts.Roles.MissionAdministrator);

    /// <summary>Whether the caller may record and change missions (of its receiving state).</summary>
    public bool EditsMissions => IsSystem || Roles.Contains(Accounts.Roles.ProtocolOfficer);

    /// <summary>Missions the caller may see.</summary>
    public Expression<Func<Mission, bool>> MissionFilter()
    {
        if (SeesAllMissions) return m => true;
        var state = OfficerState;
        var ids = AdministeredMissions.ToList();
        return m => m.ReceivingStateCode == state || ids.Contains(m.Id);
    }

    /// <summary>Whether the caller may change people, visas, assignments and families of this mission.</summary>
    public bool CanEditRegistryOf(Guid missionId) => IsSystem || AdministeredMissions.Contains(missionId);

    /// <summary>Whether the caller may create or change a mission received by <paramref name="receivingStateCode"/>.</summary>
    public bool CanEditMissionIn(string receivingStateCode) => IsSystem || (OfficerState is { } s && s == receivingStateCode);

    /// <summary>Mission ids a scoped caller administers (empty for others).</summary>
    public IReadOnlyCollection<Guid> EditableMissionIds => AdministeredMissions.ToList();

    /// <summary>The character that stands for each hidden character of a masked passport number.</summary>
    public const char MaskCharacter = '•';

    /// <summary>A passport number as a list shows it: the last three characters only.</summary>
    public static string? Mask(string? passportNumber) =>
        passportNumber is null ? null : passportNumber.Length <= 3 ? new string(MaskCharacter, passportNumber.Length) : new string(MaskCharacter, passportNumber.Length - 3) + passportNumber[^3..];
}

/// <summary>
/// Lets code outside a request (start-up work, background jobs, test set-up) state explicitly whose
/// scope it runs in, usually <see cref="AccessScope.System"/>. A web request without it gets the
/// signed-in account's scope, or none.
/// </summary>
public sealed class AccessScopeOverride
{
    /// <summary>The scope to use instead of the request's, if set.</summary>
    public AccessScope? Scope { get; set; }
}
