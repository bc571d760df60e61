using Microsoft.AspNetCore.Http.Features;

namespace Chancery.Web.Infrastructure;

/// <summary>
/// Request bodies of the JSON API are limited to <c>Api:MaxBodyBytes</c> (1 MB by default): no record needs more, and
/// Kestrel's own default (30 MB) lets one request hold that much memory while it is parsed. The import keeps its own
/// limit (<c>Import:MaxUploadBytes</c>), set by its handler.
/// </summary>
public static class ApiBodyLimit
{
    /// <summary>The default limit, 1 MB.</summary>
    public const long DefaultBytes = 1024 * 1024;

    /// <summary>Applies the limit to requests under /api, except the import.</summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var limit = configuration.GetValue<long?>("Api:MaxBodyBytes") ?? DefaultBytes;
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v1/imports"))
            {
                // A declared length over the limit is refused before a byte is read; a chunked body is cut off by the server
                // when it passes the limit (BadHttpRequestException 413, mapped to a problem like this one).
                if (context.Request.ContentLength > limit)
                {
                    await TooLarge(limit).ExecuteAsync(context).ConfigureAwait(false);
                    return;
                }
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                    size.MaxRequestBodySize = limit;
            }
            await next(context).ConfigureAwait(false);
        });
    }

    /// <summary>The answer to a body over the limit.</summary>
    public static IResult TooLarge(long limit) => TypedResults.Problem(
        title: "Request body too large",
        detail: $"The request body is larger than the API's limit of {Describe(limit)} (Api:MaxBodyBytes); send less at once.",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string Describe(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes:N0} bytes";
}
