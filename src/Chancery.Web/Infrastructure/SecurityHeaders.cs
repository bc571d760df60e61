namespace Chancery.Web.Infrastructure;

/// <summary>
/// Headers every response carries (OWASP ASVS 5.0 level 2): a Content-Security-Policy without inline scripts and with
/// <c>base-uri 'none'</c> (pages use absolute paths, so no &lt;base&gt; element can redirect them), no MIME sniffing,
/// no referrer leaking record ids, no framing; and no caching of anything but static assets, since pages
/// and API responses carry personal data.
/// </summary>
public static class SecurityHeaders
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page (Scalar) is a single-page app that injects its own inline script and styles.
    private const string ReferenceCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] StaticPrefixes = ["/css/", "/js/", "/lib/", "/_framework/", "/favicon"];

    /// <summary>Adds the headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path.Value ?? "";
            headers.ContentSecurityPolicy = path.StartsWith("/api/reference", StringComparison.Ordinal) || path.StartsWith("/scalar", StringComparison.Ordinal) ? ReferenceCsp : Csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!StaticPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next(context).ConfigureAwait(false);
    });

    /// <summary>Whether every address the app listens on is a loopback address (the local demo): then no HTTPS redirection or HSTS.</summary>
    public static bool IsLoopbackOnly(string? urls) =>
        string.IsNullOrWhiteSpace(urls) || urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(u =>
            Uri.TryCreate(u.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || uri.Host == "localhost"));
}
