using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.States;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Accounts;

/// <summary>An account as administrators see it (never the password hash or keys).</summary>
public sealed record UserDto(
    Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> MissionIds, string? ProtocolStateCode,
    bool IsDisabled, bool TwoFactorEnabled, DateTimeOffset? LockedOutUntil);

/// <summary>A new account.</summary>
public sealed record NewUserInput(string? Email, string? Password, IReadOnlyList<string>? Roles, IReadOnlyList<Guid>? MissionIds = null, string? ProtocolStateCode = null, string? DisplayName = null);

/// <summary>Changes to an account; null leaves a field as it is.</summary>
public sealed record UserUpdateInput(IReadOnlyList<string>? Roles = null, IReadOnlyList<Guid>? MissionIds = null, string? ProtocolStateCode = null, bool? IsDisabled = null, string? DisplayName = null);

/// <summary>Creates and changes accounts. Changing roles, missions or disabling renews the security stamp, so open sessions lose the old rights within a minute.</summary>
public sealed class UserService(UserManager<ChanceryUser> users, RoleManager<IdentityRole<Guid>> roles, ChanceryDbContext db, TimeProvider clock, SessionService sessions)
{
    /// <summary>Creates the four roles when missing.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)).ConfigureAwait(false), "roles");
    }

    /// <summary>Every account, by e-mail.</summary>
    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().Include(u => u.Missions).OrderBy(u => u.Email).ToListAsync(ct).ConfigureAwait(false);
        var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct).ConfigureAwait(false);
        var byUser = roleNames.ToLookup(r => r.UserId, r => r.Name!);
        return [.. all.Select(u => ToDto(u, [.. byUser[u.Id].Order(StringComparer.Ordinal)]))];
    }

    /// <summary>One account.</summary>
    public async Task<UserDto> GetAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Missions).FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("User", id);
        return ToDto(user, [.. (await users.GetRolesAsync(user).ConfigureAwait(false)).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Creates an account with its roles and scope, in one transaction.</summary>
    public async Task<UserDto> CreateAsync(NewUserInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var v = new Validator();
        var email = v.Required("email", input.Email, 256);
        if (email.Length > 0 && !IsEmail(email)) v.Add("email", $"email '{email}' is not an e-mail address.");
        if (string.IsNullOrEmpty(input.Password)) v.Add("password", $"password is required: at least {PasswordPolicy.MinimumLength} characters.");
        var (roleList, missions, state) = await CheckScopeAsync(v, input.Roles ?? [], input.MissionIds ?? [], input.ProtocolStateCode, ct).ConfigureAwait(false);
        var display = v.OptionalName("displayName", input.DisplayName);
        v.ThrowIfAny();
        if (await users.FindByEmailAsync(email).ConfigureAwait(false) is not null)
            throw new ConflictException($"An account for {email} already exists.");
        await EnsureRolesAsync().ConfigureAwait(false);
        var user = new ChanceryUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = display,
            ProtocolStateCode = state,
            Missions = [.. missions.Select(m => new UserMission { MissionId = m })],
        };
        return await db.InTransactionAsync(async token =>
        {
            Check(await users.CreateAsync(user, input.Password!).ConfigureAwait(false), "password");
            Check(await users.AddToRolesAsync(user, roleList).ConfigureAwait(false), "roles");
            return await GetAsync(user.Id, token).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Changes roles, missions, state, display name or disabled flag.</summary>
    public async Task<UserDto> UpdateAsync(Guid id, UserUpdateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await db.Users.Include(u => u.Missions).FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("User", id);
        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        var v = new Validator();
        var (roleList, missions, state) = await CheckScopeAsync(v, input.Roles ?? [.. current],
            input.MissionIds ?? [.. user.Missions.Select(m => m.MissionId)], input.ProtocolStateCode ?? user.ProtocolStateCode, ct).ConfigureAwait(false);
        var display = input.DisplayName is null ? user.DisplayName : v.OptionalName("displayName", input.DisplayName);
        v.ThrowIfAny();
        return await db.InTransactionAsync(async token =>
        {
            user.DisplayName = display;
            user.ProtocolStateCode = state;
            if (input.IsDisabled is { } disabled) user.IsDisabled = disabled;
            user.Missions.RemoveAll(m => !missions.Contains(m.MissionId));
            foreach (var m in missions.Where(m => user.Missions.All(x => x.MissionId != m)))
                user.Missions.Add(new UserMission { UserId = user.Id, MissionId = m });
            Check(await users.RemoveFromRolesAsync(user, current.Except(roleList)).ConfigureAwait(false), "roles");
            Check(await users.AddToRolesAsync(user, roleList.Except(current)).ConfigureAwait(false), "roles");
            // Open sessions and tokens carry the old rights: end them (at once on this instance, within the check interval on others).
            Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false), "user");
            await sessions.RevokeAllAsync(user.Id, user.IsDisabled ? "account-disabled" : "account-changed", token).ConfigureAwait(false);
            return await GetAsync(user.Id, token).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Sets a new password (administrator, CLI, demo), ending open sessions. Policy failures change nothing.</summary>
    public async Task ResetPasswordAsync(Guid id, string password, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString()).ConfigureAwait(false) ?? throw new NotFoundException("User", id);
        await db.InTransactionAsync(async token =>
        {
            Check(await users.RemovePasswordAsync(user).ConfigureAwait(false), "password");
            Check(await users.AddPasswordAsync(user, password).ConfigureAwait(false), "password");
            await sessions.RevokeAllAsync(user.Id, "password-changed", token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Whether any administrator exists (for the first-administrator bootstrap).</summary>
    public async Task<bool> AnyAdministratorAsync() => (await users.GetUsersInRoleAsync(Roles.Administrator).ConfigureAwait(false)).Count > 0;

    private async Task<(List<string> Roles, List<Guid> Missions, string? State)> CheckScopeAsync(
        Validator v, IReadOnlyList<string> roleInput, IReadOnlyList<Guid> missionInput, string? stateInput, CancellationToken ct)
    {
        var roleList = new List<string>();
        foreach (var r in roleInput)
        {
            var known = Roles.All.FirstOrDefault(k => string.Equals(k, r?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null) v.Add("roles", $"role '{r}' is not known; use {string.Join(", ", Roles.All)}.");
            else if (!roleList.Contains(known)) roleList.Add(known);
        }
        if (roleList.Count == 0) v.Add("roles", $"at least one role is required: {string.Join(", ", Roles.All)}.");
        var state = StateCodes.Check(v, "protocolStateCode", stateInput, required: roleList.Contains(Roles.ProtocolOfficer));
        var missions = missionInput.Distinct().ToList();
        if (missions.Count > 0)
        {
            var found = await db.Missions.Where(m => missions.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
            foreach (var missing in missions.Except(found)) v.Add("missionIds", $"mission {missing} does not exist.");
        }
        return (roleList, missions, state);
    }

    private static bool IsEmail(string email) => System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = [.. result.Errors.Select(e => e.Description)] });
    }

    private UserDto ToDto(ChanceryUser u, IReadOnlyList<string> roleNames) => new(
        u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, roleNames, [.. u.Missions.Select(m => m.MissionId)], u.ProtocolStateCode,
        u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : null);
}
