using System.Text.Json.Serialization;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Core.Demo;
using Chancery.Web.Components;
using Chancery.Web.Features.Accounts;
using Chancery.Web.Features.Alerts;
using Chancery.Web.Features.Audit;
using Chancery.Web.Features.Calendar;
using Chancery.Web.Features.Departures;
using Chancery.Web.Features.Export;
using Chancery.Web.Features.Forecast;
using Chancery.Web.Features.HostPolicies;
using Chancery.Web.Features.Import;
using Chancery.Web.Features.Missions;
using Chancery.Web.Features.People;
using Chancery.Web.Features.Posts;
using Chancery.Web.Features.Reciprocity;
using Chancery.Web.Features.States;
using Chancery.Web.Features.TravelRisk;
using Chancery.Web.Features.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var demo = args.Contains("--demo", StringComparer.Ordinal) || builder.Configuration.GetValue<bool>("Demo");
// The demo's story happens in 2021: its views open on the reference date unless AsOf:Default says otherwise.
if (demo && string.IsNullOrWhiteSpace(builder.Configuration[Chancery.Core.Common.DefaultAsOf.SettingName]))
    builder.Configuration[Chancery.Core.Common.DefaultAsOf.SettingName] = DemoSeeder.ReferenceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

// Data and the Core services (SQLite by default, PostgreSQL when Database:Provider=Postgres).
builder.Services.AddChanceryCore(builder.Configuration);
builder.Services.AddSingleton(ImportSettings.From(builder.Configuration));
builder.Services.AddSingleton<UploadStore>();
builder.Services.AddSingleton<UploadCleanup>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<UploadCleanup>());
builder.Services.AddHostedService<Chancery.Web.Features.Audit.AuditAnchorJob>();

// Accounts, cookie and bearer sign-in, roles, rate limits, data protection keys in the database.
builder.AddChancerySecurity();
builder.Services.AddCalendarFeeds(builder.Configuration);

// API: JSON with strict dates and enum names, problem details for every error, OpenAPI. A property the request does not
// have, or one given twice, is refused naming it rather than ignored (a typo would otherwise drop a field silently, and
// two parsers could read a duplicate differently).
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Converters.Add(new StrictDateOnlyConverter());
    o.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    o.SerializerOptions.AllowDuplicateProperties = false;
});
// Without this, a malformed body becomes an empty 400; with it, the handler can name the field.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();

// UI: Blazor, rendered on the server (static SSR with enhanced navigation and forms).
builder.Services.AddRazorComponents();
builder.Services.AddCascadingAuthenticationState();

builder.Services.AddHealthChecks().AddDbContextCheck<ChanceryDbContext>("database", tags: ["ready"]);

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    scope.ServiceProvider.GetRequiredService<AccessScopeOverride>().Scope = AccessScope.System;
    try
    {
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
    catch (DatabaseStartupException ex)
    {
        // A database Chancery cannot use safely stops the start with the reason, not a stack trace.
        app.Logger.LogCritical("Chancery cannot start: {Reason}", ex.Message);
        return 1;
    }
    if (demo)
    {
        var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
        db.Actor = new Chancery.Core.Audit.FixedActor("demo");
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }
    try
    {
        await AccountBootstrap.RunAsync(scope.ServiceProvider, app.Configuration, demo, app.Logger);
    }
    catch (StartupRefusedException refused)
    {
        // One line on standard error and a failing exit code, not a stack trace.
        await Console.Error.WriteLineAsync(refused.Message);
        return 1;
    }
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiBodyLimit(app.Configuration);
if (!SecurityHeaders.IsLoopbackOnly(app.Configuration["Urls"]))
{
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseCookiePolicy();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<ActiveAccountMiddleware>();
app.UseMiddleware<CrossSiteRequestGuard>();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/api/reference", o => o.WithTitle("Chancery API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

app.MapAuthApi();
app.MapUsersApi();
app.MapAuditApi();
app.MapStatesApi();
app.MapMissionsApi();
app.MapPeopleApi();
app.MapAssignmentsApi();
app.MapFamilyMembersApi();
app.MapVisasApi();
app.MapVisaApplicationsApi();
app.MapHostPoliciesApi();
app.MapVisaTimelineApi();
app.MapAlertsApi();
app.MapVisaStatisticsApi();
app.MapTravelRiskApi();
app.MapPostsApi();
app.MapDepartureOrdersApi();
app.MapStaffingCapsApi();
app.MapForecastApi();
app.MapWorldParityApi();
app.MapReciprocityApi();
app.MapParityApi();
app.MapImportApi();
app.MapListExportsApi();
app.MapCalendarApi();

app.MapPost("/signout", async (SignInManager<ChanceryUser> signIn, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
{
    await signIn.SignOutAsync();
    return TypedResults.LocalRedirect("/signin");
}).WithName("SignOut").ExcludeFromDescription();

app.MapRazorComponents<App>();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
