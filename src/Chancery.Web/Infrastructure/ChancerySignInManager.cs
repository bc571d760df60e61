using System.Security.Claims;
using Chancery.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chancery.Web.Infrastructure;

/// <summary>
/// Identity's sign-in, with a server-side session for every sign-in (its id in the cookie or token, see
/// <see cref="SessionService"/>) and every attempt, its outcome and every sign-out in the audit trail.
/// </summary>
public sealed class ChancerySignInManager(
    UserManager<ChanceryUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<ChanceryUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<ChanceryUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ChanceryUser> confirmation, SessionService sessions, SignInAudit audit)
    : SignInManager<ChanceryUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private string Channel => AuthenticationScheme == IdentityConstants.BearerScheme ? "api" : "web";

    private string? Address => Context.Connection.RemoteIpAddress?.ToString();

    /// <inheritdoc />
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName).ConfigureAwait(false);
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure).ConfigureAwait(false);
        var (action, reason) = result switch
        {
            { Succeeded: true } => (SignInActions.Succeeded, "password"),
            { RequiresTwoFactor: true } => (SignInActions.NeedsCode, "password right; two-factor code awaited"),
            { IsLockedOut: true } => (SignInActions.LockedOut, "account locked"),
            { IsNotAllowed: true } => (SignInActions.Failed, "account disabled"),
            _ => (SignInActions.Failed, user is null ? "no such account" : "wrong password"),
        };
        await audit.RecordAsync(action, userName, user?.Id, Channel, Address, reason, SessionOf(Context.User), Context.RequestAborted).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false);
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient).ConfigureAwait(false);
        var (action, reason) = result switch
        {
            { Succeeded: true } => (SignInActions.Succeeded, "password and two-factor code"),
            { IsLockedOut: true } => (SignInActions.LockedOut, "account locked"),
            _ => (SignInActions.Failed, user is null ? "no password step before the code" : "wrong two-factor code"),
        };
        await audit.RecordAsync(action, user?.Email ?? "", user?.Id, Channel, Address, reason, SessionOf(Context.User), Context.RequestAborted).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Every sign-in (password, two-factor, refresh of the cookie) ends here: it gets its session. Refreshing a cookie
    /// (a new security stamp after a change of two-factor settings) keeps the session it had.
    /// </summary>
    public override async Task SignInWithClaimsAsync(ChanceryUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = additionalClaims.Where(c => c.Type is not (SessionClaims.SessionId or SessionClaims.RefreshTokenId)).ToList();
        var bearer = AuthenticationScheme == IdentityConstants.BearerScheme;
        if (!bearer && SessionOf(Context.User) is { } current && UserOf(Context.User) == user.Id
            && await sessions.IsActiveAsync(current, user.Id, Context.RequestAborted).ConfigureAwait(false))
        {
            claims.Add(new Claim(SessionClaims.SessionId, current.ToString()));
        }
        else
        {
            var session = await sessions.StartAsync(user.Id, bearer ? SessionKinds.Bearer : SessionKinds.Cookie, Context.RequestAborted).ConfigureAwait(false);
            claims.Add(new Claim(SessionClaims.SessionId, session.Id.ToString()));
            if (session.RefreshTokenId is { } refresh) claims.Add(new Claim(SessionClaims.RefreshTokenId, refresh.ToString()));
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims).ConfigureAwait(false);
    }

    /// <summary>Signs out of the cookie and ends its session on the server, so a copy of the cookie opens nothing any more.</summary>
    public override async Task SignOutAsync()
    {
        await EndSessionAsync(Context).ConfigureAwait(false);
        await base.SignOutAsync().ConfigureAwait(false);
    }

    /// <summary>Ends the session of the request's principal (cookie or bearer) and records the sign-out.</summary>
    public async Task EndSessionAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SessionOf(context.User) is not { } session || UserOf(context.User) is not { } userId) return;
        if (await sessions.RevokeAsync(session, userId, "signed-out", context.RequestAborted).ConfigureAwait(false))
            await audit.RecordAsync(SignInActions.SignedOut, context.User.FindFirstValue(ClaimTypes.Email) ?? context.User.Identity?.Name ?? "", userId,
                context.Request.Headers.Authorization.Count > 0 ? "api" : "web", context.Connection.RemoteIpAddress?.ToString(), null, session, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The session a principal carries, if any.</summary>
    public static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaims.SessionId), out var id) ? id : null;

    /// <summary>The account a principal is, if any.</summary>
    public static Guid? UserOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
