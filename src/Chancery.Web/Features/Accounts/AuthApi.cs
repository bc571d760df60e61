using System.Security.Claims;
using Chancery.Core.Accounts;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chancery.Web.Features.Accounts;

/// <summary>Sign-in request for API clients.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null);

/// <summary>Refresh request.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>
/// /api/v1/auth: bearer tokens for API clients (login, refresh, logout). Rate limited; lockout after repeated failures.
/// Each login is a server-side session; each refresh replaces the refresh token, and presenting a replaced one again
/// revokes the whole sign-in (someone else holds a copy).
/// </summary>
public static class AuthApi
{
    /// <summary>Maps the token endpoints.</summary>
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Authentication").AllowAnonymous().RequireRateLimiting(Policies.SignInLimit);
        api.MapPost("/login", Login).WithName("Login").WithSummary("Exchange e-mail and password (and a TOTP code when two-factor is on) for a bearer token");
        api.MapPost("/refresh", Refresh).WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new bearer token and a new refresh token; the old one is spent, and presenting it again revokes the sign-in");
        // Outside the anonymous group: ending a session takes one.
        app.MapPost("/api/v1/auth/logout", Logout).WithTags("Authentication").WithName("Logout")
            .WithSummary("End this sign-in on the server: its bearer and refresh tokens (or cookie) open nothing any more");
        return api;
    }

    static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(LoginRequest request, SignInManager<ChanceryUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(request.TwoFactorCode))
                return TypedResults.Problem("This account uses two-factor sign-in: send twoFactorCode from the authenticator app.", statusCode: 401, title: "Two-factor code required");
            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        }
        if (result.IsLockedOut)
            return TypedResults.Problem($"Too many failed attempts; the account is locked for {PasswordPolicy.LockoutDuration.TotalMinutes} minutes.", statusCode: 401, title: "Locked out");
        if (!result.Succeeded)
            return TypedResults.Problem("The e-mail or password is wrong, or the account is disabled.", statusCode: 401, title: "Sign-in failed");
        // The bearer handler has written the token response.
        return TypedResults.Empty;
    }

    static async Task<Results<SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest request, SignInManager<ChanceryUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock,
        SessionService sessions, SignInAudit audit, HttpContext http)
    {
        var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || ChancerySignInManager.SessionOf(ticket.Principal) is not { } session
            || !Guid.TryParse(ticket.Principal.FindFirstValue(SessionClaims.RefreshTokenId), out var presented)
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || !await signIn.CanSignInAsync(user))
            return TypedResults.Challenge();
        var next = Guid.NewGuid();
        var outcome = await sessions.RotateRefreshAsync(session, user.Id, presented, next, http.RequestAborted);
        if (outcome == RefreshOutcome.Reused)
            await audit.RecordAsync(SignInActions.TokenReused, user.Email ?? "", user.Id, "api", http.Connection.RemoteIpAddress?.ToString(),
                "a spent refresh token was presented again: the sign-in and all its tokens are revoked", session, http.RequestAborted);
        if (outcome != RefreshOutcome.Rotated)
            return TypedResults.Challenge();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaims.SessionId, session.ToString()));
        identity.AddClaim(new Claim(SessionClaims.RefreshTokenId, next.ToString()));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    static async Task<NoContent> Logout(HttpContext http, SignInManager<ChanceryUser> signIn)
    {
        await ((ChancerySignInManager)signIn).EndSessionAsync(http);
        if (http.Request.Headers.Authorization.Count == 0)
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }
}
