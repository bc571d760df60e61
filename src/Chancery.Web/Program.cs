using System.Text.Json.Serialization;
using Chancery.Core.Data;
using Chancery.Core.Demo;
using Chancery.Web.Components;
using Chancery.Web.Features.Missions;
using Chancery.Web.Features.People;
using Chancery.Web.Features.States;
using Chancery.Web.Features.Visas;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var demo = args.Contains("--demo", StringComparer.Ordinal) || builder.Configuration.GetValue<bool>("Demo");

// Data and the Core services (SQLite by default, PostgreSQL when Database:Provider=Postgres).
builder.Services.AddChanceryCore(builder.Configuration);

// API: JSON with strict dates and enum names, problem details for every error, OpenAPI.
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Converters.Add(new StrictDateOnlyConverter());
    o.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
});
// Without this, a malformed body becomes an empty 400; with it, the handler can name the field.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();

// UI: Blazor, rendered on the server (static SSR with enhanced navigation and forms).
builder.Services.AddRazorComponents();
builder.Services.AddAntiforgery();

builder.Services.AddHealthChecks().AddDbContextCheck<ChanceryDbContext>("database", tags: ["ready"]);

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    if (demo)
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAntiforgery();

app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/api/reference", o => o.WithTitle("Chancery API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

app.MapStatesApi();
app.MapMissionsApi();
app.MapPeopleApi();
app.MapAssignmentsApi();
app.MapFamilyMembersApi();
app.MapVisasApi();

app.MapRazorComponents<App>();

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
