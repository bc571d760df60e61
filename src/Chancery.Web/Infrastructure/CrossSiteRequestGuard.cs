using Microsoft.AspNetCore.Antiforgery;

namespace Chancery.Web.Infrastructure;

/// <summary>
/// Refuses API changes (POST, PUT, PATCH, DELETE under /api) that ride on the sign-in cookie but come from another site:
/// a page elsewhere could otherwise make the browser send them with the cookie attached (cross-site request forgery;
/// SameSite=Strict alone is not enough for older browsers and same-site subdomains). The browser's
/// <c>Sec-Fetch-Site</c> must say <c>same-origin</c>; a browser that does not send it must send an <c>Origin</c> naming
/// this host; a client that sends neither must send an antiforgery token. Requests with a bearer token carry no ambient
/// credential and pass untouched.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next)
{
    /// <summary>Checks the request, then continues or answers 403.</summary>
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var request = context.Request;
        if (IsUnsafe(request.Method) && request.Path.StartsWithSegments("/api")
            && context.User.Identity?.IsAuthenticated == true && request.Headers.Authorization.Count == 0
            && !await FromThisSiteAsync(context, antiforgery).ConfigureAwait(false))
        {
            await TypedResults.Problem(
                detail: "A change made with the sign-in cookie must come from Chancery's own pages; this request came from another site " +
                        $"(Origin: {Shown(request.Headers.Origin)}, Sec-Fetch-Site: {Shown(request.Headers["Sec-Fetch-Site"])}). API clients sign in for a bearer token instead.",
                statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private static async Task<bool> FromThisSiteAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var request = context.Request;
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
            return site == "same-origin";
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
                && uri.Port == (request.Host.Port ?? uri.Port);
        return await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static string Shown(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? "none" : value.ToString();
}
