using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;

namespace Chancery.Core.Accounts;

/// <summary>
/// One sign-in: a browser's cookie or an API client's bearer and refresh tokens. The cookie and the tokens name it; a
/// request is let in only while it is not revoked, so signing out, disabling the account or changing its password ends
/// it on the server, not only in the client that signed out. For bearer sign-ins it is the family of the refresh tokens:
/// each refresh replaces <see cref="RefreshTokenId"/>, and presenting a replaced one revokes the whole sign-in.
/// </summary>
public sealed class UserSession
{
    /// <summary>The session (and refresh-token family) id, carried in the cookie or token as the claim <see cref="SessionClaims.SessionId"/>.</summary>
    public Guid Id { get; set; } = GuidV7.Create();

    /// <summary>The account.</summary>
    public Guid UserId { get; set; }

    /// <summary><see cref="SessionKinds.Cookie"/> or <see cref="SessionKinds.Bearer"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>For bearer sign-ins: the only refresh token of the family that may still be used.</summary>
    public Guid? RefreshTokenId { get; set; }

    /// <summary>When the user signed in.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a request last used the session (updated at most once per check interval).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When the session was ended on the server, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Why: signed-out, account-changed, password-changed, refresh-token-reused.</summary>
    public string? RevokedReason { get; set; }
}

/// <summary>Kinds of session.</summary>
public static class SessionKinds
{
    /// <summary>A browser's cookie.</summary>
    public const string Cookie = "Cookie";

    /// <summary>An API client's bearer and refresh tokens.</summary>
    public const string Bearer = "Bearer";
}

/// <summary>Claims that tie a cookie or token to its session.</summary>
public static class SessionClaims
{
    /// <summary>The <see cref="UserSession.Id"/>.</summary>
    public const string SessionId = "chancery:sid";

    /// <summary>The refresh token's id within its family (bearer sign-ins).</summary>
    public const string RefreshTokenId = "chancery:rt";
}

/// <summary>What presenting a refresh token found.</summary>
public enum RefreshOutcome
{
    /// <summary>It was the family's current token: replaced by the new one.</summary>
    Rotated,
    /// <summary>It had been replaced already: someone holds a copy, so the whole sign-in is revoked now.</summary>
    Reused,
    /// <summary>Its sign-in is unknown, revoked or of another account.</summary>
    Refused,
}

/// <summary>How long a session's state may be served from memory (<c>Security:AccountCheckCacheSeconds</c>, 30 by default).</summary>
public sealed record SessionSettings(TimeSpan CheckCacheFor);

/// <summary>
/// Starts, checks and revokes sessions. Checks are cached in memory for <see cref="SessionSettings.CheckCacheFor"/>; a
/// revocation removes the entry at once, so it bites on the next request on this instance, and on other instances
/// (sharing the PostgreSQL database) once their entry expires.
/// </summary>
public sealed class SessionService(ChanceryDbContext db, TimeProvider clock, IMemoryCache cache, SessionSettings settings)
{
    /// <summary>Records a new sign-in.</summary>
    public async Task<UserSession> StartAsync(Guid userId, string kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            UserId = userId,
            Kind = kind,
            CreatedAt = now,
            LastSeenAt = now,
            RefreshTokenId = kind == SessionKinds.Bearer ? Guid.NewGuid() : null,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return session;
    }

    /// <summary>Whether session <paramref name="sessionId"/> of <paramref name="userId"/> may still be used.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken ct)
    {
        if (settings.CheckCacheFor <= TimeSpan.Zero) return await LoadAsync(sessionId, userId, ct).ConfigureAwait(false);
        return await cache.GetOrCreateAsync(Key(sessionId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = settings.CheckCacheFor;
            return LoadAsync(sessionId, userId, ct);
        }).ConfigureAwait(false);
    }

    /// <summary>Ends one session (sign-out); false when it was already ended or is not the account's.</summary>
    public async Task<bool> RevokeAsync(Guid sessionId, Guid userId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), ct).ConfigureAwait(false);
        cache.Remove(Key(sessionId));
        return revoked > 0;
    }

    /// <summary>Ends every open session of an account (disabled, password or rights changed); returns how many.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, string reason, CancellationToken ct)
    {
        var open = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null).Select(s => s.Id).ToListAsync(ct).ConfigureAwait(false);
        if (open.Count == 0) return 0;
        var now = clock.GetUtcNow();
        var revoked = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), ct).ConfigureAwait(false);
        foreach (var id in open) cache.Remove(Key(id));
        return revoked;
    }

    /// <summary>
    /// Replaces the family's refresh token <paramref name="presented"/> by <paramref name="next"/> if it is the current one;
    /// if it was replaced already, revokes the family (someone else holds a copy of a token that was used).
    /// </summary>
    public async Task<RefreshOutcome> RotateRefreshAsync(Guid sessionId, Guid userId, Guid presented, Guid next, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // One conditional update: of two requests presenting the same token at once, only one can rotate it.
        var rotated = await db.UserSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.RefreshTokenId == presented)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RefreshTokenId, next).SetProperty(s => s.LastSeenAt, now), ct).ConfigureAwait(false);
        if (rotated == 1) return RefreshOutcome.Rotated;
        var open = await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, ct).ConfigureAwait(false);
        if (!open) return RefreshOutcome.Refused;
        await RevokeAsync(sessionId, userId, "refresh-token-reused", ct).ConfigureAwait(false);
        return RefreshOutcome.Reused;
    }

    private async Task<bool> LoadAsync(Guid sessionId, Guid userId, CancellationToken ct)
    {
        var session = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.RevokedAt, s.LastSeenAt }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (session is null || session.UserId != userId || session.RevokedAt is not null) return false;
        var now = clock.GetUtcNow();
        // Last seen is kept to the minute: a write per session and minute at most, never one per request.
        if (now - session.LastSeenAt >= TimeSpan.FromMinutes(1))
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct).ConfigureAwait(false);
        return true;
    }

    private static string Key(Guid sessionId) => $"session:{sessionId}";
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Kind).HasMaxLength(16);
        b.Property(s => s.RevokedReason).HasMaxLength(32);
        b.HasOne<ChanceryUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}
