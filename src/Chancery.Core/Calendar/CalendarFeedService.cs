using System.Security.Cryptography;
using System.Text;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Calendar;

/// <summary>A calendar feed as its owner sees it (never with its token, which is shown once).</summary>
public sealed record CalendarFeedDto(Guid Id, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A feed just created, with the token its address is made of: the only time the token is told.</summary>
public sealed record CreatedCalendarFeed(CalendarFeedDto Feed, string Token);

/// <summary>What a client sends to create a feed.</summary>
public sealed record CalendarFeedInput(string? Name = null);

/// <summary>Reminder settings of calendar feeds (<c>Calendar:ReminderDays</c>, 7 by default).</summary>
public sealed record CalendarSettings(int ReminderDays)
{
    /// <summary>The configuration key.</summary>
    public const string SettingName = "Calendar:ReminderDays";

    /// <summary>From configuration; a missing, non-numeric or out-of-range value (0 to 90) is the default, 7.</summary>
    public static CalendarSettings Parse(string? value) =>
        new(int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= 90 ? days : 7);
}

/// <summary>The signed-in account's own calendar feeds: create (the token shown once), list, revoke.</summary>
public sealed class CalendarFeedService(ChanceryDbContext db, ScopedData data, TimeProvider clock)
{
    /// <summary>The caller's feeds, newest first.</summary>
    public async Task<IReadOnlyList<CalendarFeedDto>> ListAsync(CancellationToken ct)
    {
        var user = Owner();
        var feeds = await db.Set<CalendarFeed>().AsNoTracking().Where(f => f.UserId == user)
            .Select(f => new CalendarFeedDto(f.Id, f.Name, f.CreatedAt, f.RevokedAt)).ToListAsync(ct).ConfigureAwait(false);
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        return [.. feeds.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)];
    }

    /// <summary>Creates a feed for the caller; the token in the answer is not stored and cannot be shown again.</summary>
    public async Task<CreatedCalendarFeed> CreateAsync(CalendarFeedInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = Owner();
        if (data.Scope.ReadsOnly)
            throw new ForbiddenException("Your role only reads: it keeps no calendar address (a feed is a standing credential to the deadlines it shows).");
        var v = new Validator();
        var name = v.OptionalName("name", input.Name);
        v.ThrowIfAny();
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var feed = new CalendarFeed { UserId = user, TokenHash = Hash(token), Name = name, CreatedAt = clock.GetUtcNow() };
        db.Add(feed);
        await db.InTransactionAsync(c => db.SaveChangesAsync(c), ct).ConfigureAwait(false);
        return new(new(feed.Id, feed.Name, feed.CreatedAt, null), token);
    }

    /// <summary>Revokes one of the caller's feeds; another account's feed is not found.</summary>
    public async Task RevokeAsync(Guid id, CancellationToken ct)
    {
        var user = Owner();
        var feed = await db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.Id == id && f.UserId == user, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Calendar feed", id);
        if (feed.RevokedAt is not null) return;
        feed.RevokedAt = clock.GetUtcNow();
        await db.InTransactionAsync(c => db.SaveChangesAsync(c), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The scope of the account a token belongs to, or null when the token is unknown, revoked, its account disabled, or
    /// its account's roles only read (an auditor's feed from before feeds were refused to them): the feed then answers 404.
    /// Reads the account's roles, missions and protocol state now, so a change bites at once.
    /// </summary>
    public static async Task<AccessScope?> ScopeOfTokenAsync(ChanceryDbContext db, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        var owner = await (
                from f in db.Set<CalendarFeed>().AsNoTracking()
                join u in db.Users.AsNoTracking() on f.UserId equals u.Id
                where f.TokenHash == hash && f.RevokedAt == null && !u.IsDisabled
                select new { u.Id, u.ProtocolStateCode, Missions = u.Missions.Select(m => m.MissionId).ToList() })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (owner is null) return null;
        var roles = await (from ur in db.UserRoles.AsNoTracking() join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id where ur.UserId == owner.Id select r.Name)
            .ToListAsync(ct).ConfigureAwait(false);
        var scope = AccessScope.For(owner.Id, roles.OfType<string>(), owner.Missions, owner.ProtocolStateCode);
        return scope.ReadsOnly ? null : scope;
    }

    private Guid Owner() => data.Scope.UserId
        ?? throw new ForbiddenException("Calendar feeds belong to a signed-in account; the command line and anonymous callers have none.");

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
