using System.Threading.RateLimiting;
using Chancery.Core.Accounts;
using Chancery.Core.Calendar;
using Chancery.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace Chancery.Web.Features.Calendar;

/// <summary>
/// /api/v1/calendar-feeds (an account's own secret calendar addresses) and the feeds themselves, /calendar/{token}.ics
/// and /calendar/{token}/missions/{id}.ics: besides sign-in, the only endpoints open without an account. The token is
/// the credential, so they are rate limited per client address, never cached, and answer 404 for every failure.
/// </summary>
public static class CalendarApi
{
    /// <summary>Rate-limit policy of the feed endpoints.</summary>
    public const string FeedLimit = "calendar-feed";

    /// <summary>Registers the feeds' rate limit (<c>Calendar:RequestsPerMinute</c>, 60 by default, per client address).</summary>
    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Calendar:RequestsPerMinute", 60);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(FeedLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
            ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }

    /// <summary>Maps the feed management API and the feeds.</summary>
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/calendar-feeds").WithTags("Calendar");
        api.MapGet("/", ListFeeds).WithName("ListCalendarFeeds").WithSummary("The signed-in account's calendar feeds (without their tokens)");
        // An auditor only reads: it may revoke a feed it still has, never create one (the service says why).
        api.MapPost("/", CreateFeed).WithName("CreateCalendarFeed").WithSummary("A new secret calendar address; its token is in this answer only")
            .RequireAuthorization(p => p.RequireRole(Roles.Writers.Split(',')));
        api.MapDelete("/{id:guid}", RevokeFeed).WithName("RevokeCalendarFeed").WithSummary("Revoke one of the account's calendar feeds: its address answers 404 from now on");

        var feeds = app.MapGroup("/calendar").WithTags("Calendar").AllowAnonymous().RequireRateLimiting(FeedLimit);
        feeds.MapGet("/{token}.ics", UserFeed).WithName("GetCalendarFeed")
            .WithSummary("iCalendar of the deadlines at every mission the feed's owner sees: visa expiries, renewal lead dates, reapplication and leave-by dates");
        feeds.MapGet("/{token}/missions/{id:guid}.ics", MissionFeed).WithName("GetMissionCalendarFeed")
            .WithSummary("iCalendar of one mission's deadlines, if the feed's owner sees the mission");
        return app;
    }

    static async Task<Ok<IReadOnlyList<CalendarFeedDto>>> ListFeeds(CalendarFeedService feeds, CancellationToken ct) =>
        TypedResults.Ok(await feeds.ListAsync(ct));

    static async Task<Created<CalendarFeedCreated>> CreateFeed(CalendarFeedInput? input, CalendarFeedService feeds, HttpContext http, CancellationToken ct)
    {
        var created = await feeds.CreateAsync(input ?? new(), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/calendar-feeds/{created.Feed.Id}", CalendarFeedCreated.From(created, http.Request));
    }

    static async Task<NoContent> RevokeFeed(Guid id, CalendarFeedService feeds, CancellationToken ct)
    {
        await feeds.RevokeAsync(id, ct);
        return TypedResults.NoContent();
    }

    static Task<Results<ContentHttpResult, NotFound>> UserFeed(string token, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        FeedAsync(token, null, http, scopes, ct);

    static Task<Results<ContentHttpResult, NotFound>> MissionFeed(string token, Guid id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        FeedAsync(token, id, http, scopes, ct);

    // The feed is read in a scope of its own whose access scope is the token owner's, set before any service reads it.
    private static async Task<Results<ContentHttpResult, NotFound>> FeedAsync(string token, Guid? missionId, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store, private";
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var owner = await CalendarFeedService.ScopeOfTokenAsync(services.GetRequiredService<ChanceryDbContext>(), token, ct);
        if (owner is null) return TypedResults.NotFound();
        services.GetRequiredService<AccessScopeOverride>().Scope = owner;
        DeadlineCalendar calendar;
        try
        {
            calendar = await services.GetRequiredService<DeadlineService>().GetAsync(missionId, ct);
        }
        catch (Chancery.Core.Common.NotFoundException)
        {
            return TypedResults.NotFound();
        }
        var text = CalendarWriter.Write(calendar.Name, calendar.Deadlines, services.GetRequiredService<TimeProvider>().GetUtcNow(),
            services.GetRequiredService<CalendarSettings>().ReminderDays);
        return TypedResults.Text(text, CalendarWriter.ContentType);
    }
}

/// <summary>A feed just created: the feed, its token and its addresses (shown once).</summary>
public sealed record CalendarFeedCreated(CalendarFeedDto Feed, string Token, string Url, string MissionUrlTemplate)
{
    /// <summary>The answer for <paramref name="created"/>, with absolute addresses on this host.</summary>
    public static CalendarFeedCreated From(CreatedCalendarFeed created, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(request);
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}/calendar/{created.Token}";
        return new(created.Feed, created.Token, root + ".ics", root + "/missions/{missionId}.ics");
    }
}
