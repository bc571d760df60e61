using Chancery.Core.Accounts;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chancery.Web.Features.Accounts;

/// <summary>Sign-in request for API clients.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null);

/// <summary>Refresh request.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>/api/v1/auth: bearer tokens for API clients (login, refresh). Rate limited; lockout after repeated failures.</summary>
public static class AuthApi
{
    /// <summary>Maps the token endpoints.</summary>
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Authentication").AllowAnonymous().RequireRateLimiting(Policies.SignInLimit);
        api.MapPost("/login", Login).WithName("Login").WithSummary("Exchange e-mail and password (and a TOTP code when two-factor is on) for a bearer token");
        api.MapPost("/refresh", Refresh).WithName("RefreshToken").WithSummary("Exchange a refresh token for a new bearer token");
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
        RefreshRequest request, SignInManager<ChanceryUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock)
    {
        var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || !await signIn.CanSignInAsync(user))
            return TypedResults.Challenge();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
