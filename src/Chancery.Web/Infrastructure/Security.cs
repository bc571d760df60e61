using System.Security.Claims;
using System.Threading.RateLimiting;
using Chancery.Core.Accounts;
using Chancery.Core.Audit;
using Chancery.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Chancery.Web.Infrastructure;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Change people, assignments, families, visas (mission administrators, within their missions).</summary>
    public const string EditRegistry = "EditRegistry";
    /// <summary>Record and change missions (protocol officers, within their receiving state).</summary>
    public const string EditMissions = "EditMissions";
    /// <summary>Record and reverse departures under an order (protocol officers of the receiving state, or the mission's administrators).</summary>
    public const string RecordDepartures = "RecordDepartures";
    /// <summary>Set a mission's minimum staffing levels (its administrators, or protocol officers of its receiving state).</summary>
    public const string SetStaffingMinimums = "SetStaffingMinimums";
    /// <summary>Record and change reciprocal measures (protocol officers, for their own state's measures, and administrators).</summary>
    public const string EditReciprocity = "EditReciprocity";
    /// <summary>Manage accounts (administrators).</summary>
    public const string ManageUsers = "ManageUsers";
    /// <summary>Read the audit trail (auditors and administrators).</summary>
    public const string ReadAudit = "ReadAudit";
    /// <summary>Rate-limited sign-in and token endpoints.</summary>
    public const string SignInLimit = "sign-in";
}

/// <summary>Accounts, sign-in, tokens, authorization and the browser-facing hardening.</summary>
public static class SecuritySetup
{
    /// <summary>Cookie or bearer, chosen per request.</summary>
    public const string SmartScheme = "Cookie-or-Bearer";

    /// <summary>Registers Identity (cookie for the UI, bearer tokens for the API), policies, rate limits and data protection.</summary>
    public static void AddChancerySecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var https = (builder.Configuration["Urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase);

        services.AddChanceryIdentityCore()
            .AddSignInManager<ChancerySignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ChanceryClaimsFactory>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(15);
                o.RefreshTokenExpiration = TimeSpan.FromHours(12);
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            // __Host- requires Secure; on the plain-HTTP loopback demo the browser would drop it, so only with HTTPS.
            o.Cookie.Name = https ? "__Host-Chancery" : "Chancery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/forbidden";
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        // Every cookie (antiforgery, two-factor, sign-in) is Secure over HTTPS; the antiforgery cookie is also __Host- and Strict.
        services.Configure<CookiePolicyOptions>(o => o.Secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = https ? "__Host-Chancery.Antiforgery" : "Chancery.Antiforgery";
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });
        // ASVS 5.0 L2: a year, subdomains included (sent only over HTTPS, and only when the app is not on loopback).
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        // Disabling an account or changing its roles must bite within a minute, not Identity's default 30.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The renewed cookie keeps the session it belongs to (the principal is otherwise rebuilt from the account alone).
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.CurrentPrincipal?.FindFirst(SessionClaims.SessionId) is { } session && ctx.NewPrincipal?.Identity is ClaimsIdentity identity)
                    identity.AddClaim(new Claim(session.Type, session.Value));
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.EditRegistry, p => p.RequireRole(Roles.MissionAdministrator))
            .AddPolicy(Policies.EditMissions, p => p.RequireRole(Roles.ProtocolOfficer))
            .AddPolicy(Policies.RecordDepartures, p => p.RequireRole(Roles.ProtocolOfficer, Roles.MissionAdministrator))
            .AddPolicy(Policies.SetStaffingMinimums, p => p.RequireRole(Roles.ProtocolOfficer, Roles.MissionAdministrator))
            .AddPolicy(Policies.EditReciprocity, p => p.RequireRole(Roles.ProtocolOfficer, Roles.Administrator))
            .AddPolicy(Policies.ManageUsers, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ReadAudit, p => p.RequireRole(Roles.Auditor, Roles.Administrator));

        services.AddRateLimiter(o =>
        {
            // The middleware answers 503 unless told otherwise; a client that is throttled should see 429 and when to retry.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            var permits = builder.Configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
            // Only attempts count: showing the sign-in page is free, posting credentials is limited per client address.
            o.AddPolicy(Policies.SignInLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        // Keys in the database, so every instance decrypts every cookie and they survive restarts.
        services.AddDataProtection().PersistKeysToDbContext<ChanceryDbContext>().SetApplicationName("Chancery");

        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddScoped(ScopeFromRequest);
        services.AddScoped<IAuditActor>(sp => ActorFromRequest(sp.GetRequiredService<IHttpContextAccessor>().HttpContext));
        services.AddSingleton<DemoAccounts>();
    }

    private static Task ApiOrRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    // Roles come from the sign-in (a change of roles renews the security stamp and ends the session);
    // missions and the protocol state are read per request, so assigning a mission takes effect at once.
    private static AccessScope ScopeFromRequest(IServiceProvider sp)
    {
        if (sp.GetRequiredService<AccessScopeOverride>().Scope is { } explicitScope) return explicitScope;
        var user = sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id))
            return AccessScope.None;
        var db = sp.GetRequiredService<ChanceryDbContext>();
        var account = db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.ProtocolStateCode, Missions = u.Missions.Select(m => m.MissionId).ToList() })
            .FirstOrDefault();
        return account is null
            ? AccessScope.None
            : AccessScope.For(id, user.FindAll(ClaimTypes.Role).Select(c => c.Value), account.Missions, account.ProtocolStateCode);
    }

    private static FixedActor ActorFromRequest(HttpContext? http)
    {
        var user = http?.User;
        if (user?.Identity?.IsAuthenticated != true) return FixedActor.System;
        return new FixedActor(user.FindFirst(ClaimTypes.Email)?.Value ?? user.Identity.Name ?? "unknown", user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
    }
}

/// <summary>Adds the display name to the principal (roles and the security stamp come from Identity).</summary>
public sealed class ChanceryClaimsFactory(UserManager<ChanceryUser> users, RoleManager<IdentityRole<Guid>> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ChanceryUser, IdentityRole<Guid>>(users, roles, options)
{
    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ChanceryUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        if (user.DisplayName is { } name) identity.AddClaim(new Claim("chancery:display-name", name));
        return identity;
    }
}

/// <summary>
/// Rejects requests from accounts that were disabled or whose rights changed (new security stamp), and requests whose
/// session was ended on the server (sign-out, disabled account, changed password, reused refresh token), for cookies and
/// bearer tokens alike. The account's stamp and the session's state are cached for <c>Security:AccountCheckCacheSeconds</c>
/// (30 s); a revocation clears the session's entry on the instance that made it, so there it bites on the next request.
/// </summary>
public sealed class ActiveAccountMiddleware(RequestDelegate next, IMemoryCache cache, IConfiguration configuration)
{
    private readonly TimeSpan _cacheFor = TimeSpan.FromSeconds(configuration.GetValue("Security:AccountCheckCacheSeconds", 30));

    /// <summary>Checks the signed-in account and its session, then continues.</summary>
    public async Task InvokeAsync(HttpContext context, ChanceryDbContext db, SessionService sessions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        var user = context.User;
        if (ChancerySignInManager.UserOf(user) is { } id)
        {
            var current = _cacheFor <= TimeSpan.Zero
                ? await LoadAsync(db, id).ConfigureAwait(false)
                : await cache.GetOrCreateAsync($"account:{id}", entry =>
                {
                    entry.AbsoluteExpirationRelativeToNow = _cacheFor;
                    return LoadAsync(db, id);
                }).ConfigureAwait(false);
            var stamp = user.FindFirst("AspNet.Identity.SecurityStamp")?.Value;
            // A cookie or token without a session (made before sessions existed) is refused like an ended one.
            var session = ChancerySignInManager.SessionOf(user);
            if (current is null || current.IsDisabled || (stamp is not null && stamp != current.SecurityStamp)
                || session is null || !await sessions.IsActiveAsync(session.Value, id, context.RequestAborted).ConfigureAwait(false))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next(context).ConfigureAwait(false);
    }

    private static Task<AccountState?> LoadAsync(ChanceryDbContext db, Guid id) =>
        db.Users.Where(u => u.Id == id).Select(u => new AccountState(u.SecurityStamp, u.IsDisabled)).FirstOrDefaultAsync();

    private sealed record AccountState(string? SecurityStamp, bool IsDisabled);
}

/// <summary>Demo accounts, one per role, with passwords made at start (never stored in the repository).</summary>
public sealed class DemoAccounts
{
    /// <summary>Accounts created for this demo run: e-mail, password, role.</summary>
    public IReadOnlyList<(string Email, string Password, string Role)> Accounts { get; private set; } = [];

    /// <summary>Whether the app runs the demo.</summary>
    public bool Enabled => Accounts.Count > 0;

    internal void Set(IReadOnlyList<(string, string, string)> accounts) => Accounts = accounts;
}
