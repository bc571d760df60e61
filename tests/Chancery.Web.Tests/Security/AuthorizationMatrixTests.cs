using System.Net.Http.Json;
using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Web.Tests.Security;

/// <summary>
/// Every endpoint the app maps, called by a visitor who has not signed in and by an account of each role, each with
/// a valid request about records in its scope, so that a 2xx is really reached where the role allows it. An endpoint
/// without a row here fails the test: a new endpoint gets its rights decided, not inherited by accident.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    // Expected answers. A refused page visitor is redirected; an API caller is told with a status.
    private const string Ok = "200", Created = "201", NoContent = "204", BadRequest = "400", Unauthorized = "401", Forbidden = "403";
    private const string ToSignIn = "302 /signin", ToForbidden = "302 /forbidden", ToReference = "302 reference/";
    // An import refused row by row: 200 with a report that writes nothing and names the refusal.
    private const string OutOfScope = "200 refused as out of scope";

    /// <summary>Callers, in the order of the table's columns: anonymous, then one account per role.</summary>
    private static readonly TestAccount?[] Callers =
        [null, TestAccount.Administrator, TestAccount.ProtocolOfficer, TestAccount.MissionAdministrator("matrix-mission-admin"), TestAccount.Auditor];

    private static string Name(TestAccount? caller) => caller?.Roles.Single() ?? "Anonymous";

    // Keyed by "METHOD pattern" as the endpoint data source spells it; ANY for endpoints that answer every method. A second
    // row for an endpoint adds " · " and what it calls the endpoint with.
    // Columns: anonymous, Administrator, ProtocolOfficer (United States), MissionAdministrator (of the world's mission), Auditor.
    private static readonly Dictionary<string, Row> Table = WithFormPosts(new(StringComparer.Ordinal)
    {
        ["ANY /health"] = Api(c => c.Get("/health"), Ok, Ok, Ok, Ok, Ok),
        ["ANY /health/ready"] = Api(c => c.Get("/health/ready"), Ok, Ok, Ok, Ok, Ok),
        ["GET /openapi/{documentName}.json"] = Api(c => c.Get("/openapi/v1.json"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/reference/{documentName?}"] = Api(c => c.Get("/api/reference"), Unauthorized, ToReference, ToReference, ToReference, ToReference),
        // The reference page's own script and icon hold no data: Scalar serves them to anyone.
        ["GET /api/reference/scalar.js"] = Api(c => c.Get("/api/reference/scalar.js"), Ok, Ok, Ok, Ok, Ok),
        ["GET /api/reference/scalar.aspnetcore.js"] = Api(c => c.Get("/api/reference/scalar.aspnetcore.js"), Ok, Ok, Ok, Ok, Ok),
        ["GET /api/reference/favicon.svg"] = Api(c => c.Get("/api/reference/favicon.svg"), Ok, Ok, Ok, Ok, Ok),

        // Sign-in is open to all (and rate limited); the refresh token belongs to a separate account.
        ["POST /api/v1/auth/login"] = Api(c => c.Login(), Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/auth/refresh"] = Api(c => c.Refresh(), Ok, Ok, Ok, Ok, Ok),
        // Ending a sign-in takes one: each caller ends a sign-in of its own (so the other rows keep their token).
        ["POST /api/v1/auth/logout"] = Api(c => c.Logout(), Unauthorized, NoContent, NoContent, NoContent, NoContent),

        ["GET /api/v1/users/"] = Api(c => c.Get("/api/v1/users"), Unauthorized, Ok, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/users/{id:guid}"] = Api(c => c.Get($"/api/v1/users/{c.World.AuditorId}"), Unauthorized, Ok, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/users/"] = Api(c => c.CreateUser(), Unauthorized, Created, Forbidden, Forbidden, Forbidden),
        ["PUT /api/v1/users/{id:guid}"] = Api(c => c.UpdateUser(), Unauthorized, Ok, Forbidden, Forbidden, Forbidden),

        ["GET /api/v1/audit/"] = Api(c => c.Get("/api/v1/audit"), Unauthorized, Ok, Forbidden, Forbidden, Ok),
        ["GET /api/v1/audit/verify"] = Api(c => c.Get("/api/v1/audit/verify"), Unauthorized, Ok, Forbidden, Forbidden, Ok),

        ["GET /api/v1/states/"] = Api(c => c.Get("/api/v1/states"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/states/{code}"] = Api(c => c.Get("/api/v1/states/US"), Unauthorized, Ok, Ok, Ok, Ok),

        // Missions: read by all in scope, written by protocol officers of the receiving state.
        ["GET /api/v1/missions/"] = Api(c => c.Get("/api/v1/missions"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}/roster"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/roster"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/missions/"] = Api(c => c.Post("/api/v1/missions", A.Mission()), Unauthorized, Forbidden, Created, Forbidden, Forbidden),
        ["PUT /api/v1/missions/{id:guid}"] = Api(c => c.UpdateMission(), Unauthorized, Forbidden, Ok, Forbidden, Forbidden),
        ["DELETE /api/v1/missions/{id:guid}"] = Api(c => c.DeleteMission(), Unauthorized, Forbidden, NoContent, Forbidden, Forbidden),

        // The registry: read by all in scope, written by mission administrators at their missions.
        ["GET /api/v1/people/"] = Api(c => c.Get($"/api/v1/people?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/people/{id:guid}"] = Api(c => c.Get($"/api/v1/people/{c.World.Person.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/people/{id:guid}/profile"] = Api(c => c.Get($"/api/v1/people/{c.World.Person.Id}/profile"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/people/{id:guid}/visa-timeline"] = Api(c => c.Get($"/api/v1/people/{c.World.Person.Id}/visa-timeline"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/people/"] = Api(c => c.Post("/api/v1/people", A.Person()), Unauthorized, Forbidden, Forbidden, Created, Forbidden),
        ["PUT /api/v1/people/{id:guid}"] = Api(c => c.UpdatePerson(), Unauthorized, Forbidden, Forbidden, Ok, Forbidden),
        ["DELETE /api/v1/people/{id:guid}"] = Api(c => c.DeletePerson(), Unauthorized, Forbidden, Forbidden, NoContent, Forbidden),

        ["GET /api/v1/assignments/"] = Api(c => c.Get($"/api/v1/assignments?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/assignments/{id:guid}"] = Api(c => c.Get($"/api/v1/assignments/{c.World.Assignment.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/assignments/"] = Api(c => c.CreateAssignment(), Unauthorized, Forbidden, Forbidden, Created, Forbidden),
        ["PUT /api/v1/assignments/{id:guid}"] = Api(c => c.UpdateAssignment(), Unauthorized, Forbidden, Forbidden, Ok, Forbidden),
        ["DELETE /api/v1/assignments/{id:guid}"] = Api(c => c.DeleteAssignment(), Unauthorized, Forbidden, Forbidden, NoContent, Forbidden),

        ["GET /api/v1/family-members/"] = Api(c => c.Get($"/api/v1/family-members?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/family-members/{id:guid}"] = Api(c => c.Get($"/api/v1/family-members/{c.World.FamilyMember.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/family-members/"] = Api(c => c.CreateFamilyMember(), Unauthorized, Forbidden, Forbidden, Created, Forbidden),
        ["PUT /api/v1/family-members/{id:guid}"] = Api(c => c.UpdateFamilyMember(), Unauthorized, Forbidden, Forbidden, Ok, Forbidden),
        ["DELETE /api/v1/family-members/{id:guid}"] = Api(c => c.DeleteFamilyMember(), Unauthorized, Forbidden, Forbidden, NoContent, Forbidden),

        ["GET /api/v1/visas/"] = Api(c => c.Get($"/api/v1/visas?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/visas/{id:guid}"] = Api(c => c.Get($"/api/v1/visas/{c.World.Visa.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/visas/"] = Api(c => c.CreateVisa(), Unauthorized, Forbidden, Forbidden, Created, Forbidden),
        ["PUT /api/v1/visas/{id:guid}"] = Api(c => c.UpdateVisa(), Unauthorized, Forbidden, Forbidden, Ok, Forbidden),
        ["DELETE /api/v1/visas/{id:guid}"] = Api(c => c.DeleteVisa(), Unauthorized, Forbidden, Forbidden, NoContent, Forbidden),

        ["GET /api/v1/visa-applications/"] = Api(c => c.Get($"/api/v1/visa-applications?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/visa-applications/{id:guid}"] = Api(c => c.Get($"/api/v1/visa-applications/{c.World.VisaApplication.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/visa-applications/"] = Api(c => c.CreateVisaApplication(), Unauthorized, Forbidden, Forbidden, Created, Forbidden),
        ["PUT /api/v1/visa-applications/{id:guid}"] = Api(c => c.UpdateVisaApplication(), Unauthorized, Forbidden, Forbidden, Ok, Forbidden),
        ["DELETE /api/v1/visa-applications/{id:guid}"] = Api(c => c.DeleteVisaApplication(), Unauthorized, Forbidden, Forbidden, NoContent, Forbidden),

        // Host policies: the receiving state's published rules, read by every account, written by its protocol officers.
        ["GET /api/v1/host-policies/"] = Api(c => c.Get("/api/v1/host-policies?receivingState=US"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/host-policies/{id:guid}"] = Api(c => c.Get($"/api/v1/host-policies/{c.World.HostPolicy.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/host-policies/"] = Api(c => c.Post("/api/v1/host-policies", A.HostPolicy()), Unauthorized, Forbidden, Created, Forbidden, Forbidden),
        ["PUT /api/v1/host-policies/{id:guid}"] = Api(c => c.UpdateHostPolicy(), Unauthorized, Forbidden, Ok, Forbidden, Forbidden),
        ["DELETE /api/v1/host-policies/{id:guid}"] = Api(c => c.DeleteHostPolicy(), Unauthorized, Forbidden, NoContent, Forbidden, Forbidden),

        // Alerts and processing-time statistics: derived reads, in the caller's scope.
        ["GET /api/v1/alerts/"] = Api(c => c.Get($"/api/v1/alerts?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/visa-statistics/"] = Api(c => c.Get("/api/v1/visa-statistics?issuingState=US"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/travel-risk/"] = Api(c => c.Get($"/api/v1/travel-risk?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        // World parity: counts only, within the caller's scope, read by every role.
        ["GET /api/v1/parity/world/"] = Api(c => c.Get("/api/v1/parity/world?state=US&asOf=2021-09-04"), Unauthorized, Ok, Ok, Ok, Ok),
        // Posts, nominations, headcount and vacancies: read by all in scope, written by mission administrators at their missions.
        ["GET /api/v1/posts/"] = Api(c => c.Get($"/api/v1/posts?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/posts/{id:guid}"] = Api(c => c.Get($"/api/v1/posts/{c.World.Post.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/posts/"] = Api(c => c.Post("/api/v1/posts", A.Post(c.World.Mission.Id)), Unauthorized, Forbidden, Forbidden, Created, Forbidden),
        ["PUT /api/v1/posts/{id:guid}"] = Api(c => c.UpdatePost(), Unauthorized, Forbidden, Forbidden, Ok, Forbidden),
        ["DELETE /api/v1/posts/{id:guid}"] = Api(c => c.DeletePost(), Unauthorized, Forbidden, Forbidden, NoContent, Forbidden),
        ["GET /api/v1/nominations/"] = Api(c => c.Get($"/api/v1/nominations?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/nominations/{id:guid}"] = Api(c => c.Get($"/api/v1/nominations/{c.World.Nomination.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/nominations/"] = Api(c => c.CreateNomination(), Unauthorized, Forbidden, Forbidden, Created, Forbidden),
        ["PUT /api/v1/nominations/{id:guid}"] = Api(c => c.UpdateNomination(), Unauthorized, Forbidden, Forbidden, Ok, Forbidden),
        ["DELETE /api/v1/nominations/{id:guid}"] = Api(c => c.DeleteNomination(), Unauthorized, Forbidden, Forbidden, NoContent, Forbidden),
        ["GET /api/v1/missions/{id:guid}/headcount"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/headcount?on=2021-09-04"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}/headcount/timeline"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/headcount/timeline?from=2021-01-01&to=2021-12-31"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}/vacancies"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/vacancies?on=2021-08-15"), Unauthorized, Ok, Ok, Ok, Ok),
        // Forecast: read by all in scope; minimum staffing set by the mission's administrators and its host's protocol officers.
        // A forecast run is a computation for planning staff, not a record: the auditor, who only reads, runs none (issue 15).
        ["GET /api/v1/missions/{id:guid}/forecast"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/forecast?from=2021-08-15&days=30&runs=20&stopIssuing=true"), Unauthorized, Ok, Ok, Ok, Forbidden),
        ["POST /api/v1/missions/{id:guid}/forecast"] = Api(c => c.Post($"/api/v1/missions/{c.World.Mission.Id}/forecast", new Core.Forecast.ForecastRequest(new DateOnly(2021, 8, 15), 30, 20)), Unauthorized, Ok, Ok, Ok, Forbidden),
        ["GET /api/v1/missions/{id:guid}/staffing-minimums"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/staffing-minimums"), Unauthorized, Ok, Ok, Ok, Ok),
        ["PUT /api/v1/missions/{id:guid}/staffing-minimums"] = Api(c => c.SetMinimums(), Unauthorized, Forbidden, Ok, Ok, Forbidden),
        // Departure orders: read in scope; issued, changed and rescinded by the receiving state's protocol officers;
        // departures recorded and reversed by them or by the mission's own administrators.
        ["GET /api/v1/departure-orders/"] = Api(c => c.Get($"/api/v1/departure-orders?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/departure-orders/{id:guid}"] = Api(c => c.GetDepartureOrder(), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/departure-orders/"] = Api(c => c.CreateDepartureOrder(), Unauthorized, Forbidden, Created, Forbidden, Forbidden),
        ["PUT /api/v1/departure-orders/{id:guid}"] = Api(c => c.UpdateDepartureOrder(), Unauthorized, Forbidden, Ok, Forbidden, Forbidden),
        ["DELETE /api/v1/departure-orders/{id:guid}"] = Api(c => c.DeleteDepartureOrder(), Unauthorized, Forbidden, NoContent, Forbidden, Forbidden),
        ["POST /api/v1/departure-orders/{id:guid}/departures"] = Api(c => c.RecordDeparture(), Unauthorized, Forbidden, Ok, Ok, Forbidden),
        ["POST /api/v1/departure-orders/{id:guid}/departures/{personId:guid}/reverse"] = Api(c => c.ReverseDeparture(), Unauthorized, Forbidden, Ok, Ok, Forbidden),
        ["POST /api/v1/departure-orders/{id:guid}/rescind"] = Api(c => c.RescindDepartureOrder(), Unauthorized, Forbidden, Ok, Forbidden, Forbidden),

        // Staffing caps: published host rules, read by all; written by the receiving state's protocol officers.
        ["GET /api/v1/staffing-caps/"] = Api(c => c.Get("/api/v1/staffing-caps?receivingState=US"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/staffing-caps/counts"] = Api(c => c.Get("/api/v1/staffing-caps/counts?receivingState=US"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/staffing-caps/breaches"] = Api(c => c.Get("/api/v1/staffing-caps/breaches?asOf=2021-08-15"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/staffing-caps/{id:guid}"] = Api(c => c.GetStaffingCap(), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/staffing-caps/"] = Api(c => c.CreateStaffingCap(), Unauthorized, Forbidden, Created, Forbidden, Forbidden),
        ["PUT /api/v1/staffing-caps/{id:guid}"] = Api(c => c.UpdateStaffingCap(), Unauthorized, Forbidden, Ok, Forbidden, Forbidden),
        ["DELETE /api/v1/staffing-caps/{id:guid}"] = Api(c => c.DeleteStaffingCap(), Unauthorized, Forbidden, NoContent, Forbidden, Forbidden),

        // Reciprocity and parity: counts and acts of states, read by every account; measures written by protocol officers
        // (of a state the measure is taken by or against) and administrators.
        ["GET /api/v1/reciprocity/measures/"] = Api(c => c.Get("/api/v1/reciprocity/measures?a=US&b=RU"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/reciprocity/measures/{id:guid}"] = Api(c => c.Get($"/api/v1/reciprocity/measures/{c.World.MeasureId}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/reciprocity/measures/{id:guid}/mirror"] = Api(c => c.Get($"/api/v1/reciprocity/measures/{c.World.MeasureId}/mirror"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/reciprocity/measures/"] = Api(c => c.Post("/api/v1/reciprocity/measures", MatrixMeasure()), Unauthorized, Created, Created, Forbidden, Forbidden),
        ["PUT /api/v1/reciprocity/measures/{id:guid}"] = Api(c => c.UpdateMeasure(), Unauthorized, Ok, Ok, Forbidden, Forbidden),
        ["DELETE /api/v1/reciprocity/measures/{id:guid}"] = Api(c => c.DeleteMeasure(), Unauthorized, NoContent, NoContent, Forbidden, Forbidden),
        ["GET /api/v1/parity/"] = Api(c => c.Get("/api/v1/parity?a=US&b=RU&asOf=2021-09-04"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/parity/timeline"] = Api(c => c.Get("/api/v1/parity/timeline?a=US&b=RU&from=2021-01-01&to=2021-12-31"), Unauthorized, Ok, Ok, Ok, Ok),
        // Import: people by mission administrators, missions by protocol officers (the service checks the target); mappings
        // are saved by either; exports are reads (scope-filtered, passports masked for roles that do not see them).
        ["POST /api/v1/imports/"] = Api(c => c.ImportMissions(), Unauthorized, Forbidden, Ok, Forbidden, Forbidden),
        // A person of another mission named by passport, issuing state and names, with an assignment at the caller's own
        // mission: refused like any record outside the scope, never attached (issue 15).
        ["POST /api/v1/imports/ · people of another mission"] = new(c => c.ImportAnotherMissionsPerson(), [Unauthorized, Forbidden, Forbidden, OutOfScope, Forbidden], Describe: DescribeImport),
        ["GET /api/v1/import-mappings/"] = Api(c => c.Get("/api/v1/import-mappings"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/import-mappings/{id:guid}"] = Api(c => c.GetImportMapping(), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/import-mappings/"] = Api(c => c.CreateImportMapping(), Unauthorized, Forbidden, Created, Created, Forbidden),
        // A saved mapping belongs to the account that saved it: the importers change and delete their own, administrators
        // any; nobody changes another importer's (issue 15). The people export in the own format goes only to roles that see
        // whole passport numbers: with masked ones it could not be imported back.
        ["PUT /api/v1/import-mappings/{id:guid}"] = Api(c => c.UpdateImportMapping(own: true), Unauthorized, Ok, Ok, Ok, Forbidden),
        ["DELETE /api/v1/import-mappings/{id:guid}"] = Api(c => c.DeleteImportMapping(own: true), Unauthorized, NoContent, NoContent, NoContent, Forbidden),
        ["PUT /api/v1/import-mappings/{id:guid} · another account's mapping"] = Api(c => c.UpdateImportMapping(own: false), Unauthorized, Ok, Forbidden, Forbidden, Forbidden),
        ["DELETE /api/v1/import-mappings/{id:guid} · another account's mapping"] = Api(c => c.DeleteImportMapping(own: false), Unauthorized, NoContent, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/export/people"] = Api(c => c.Get("/api/v1/export/people?format=csv"), Unauthorized, Forbidden, Ok, Ok, Forbidden),
        ["GET /api/v1/export/missions"] = Api(c => c.Get("/api/v1/export/missions?format=xlsx"), Unauthorized, Ok, Ok, Ok, Ok),

        // Exports of the lists: the list's own read, in the caller's scope, as a file.
        ["GET /api/v1/missions/export"] = Api(c => c.Get("/api/v1/missions/export?format=xlsx"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}/roster/export"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/roster/export"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/alerts/export"] = Api(c => c.Get($"/api/v1/alerts/export?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/travel-risk/export"] = Api(c => c.Get($"/api/v1/travel-risk/export?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/travel-risk/people/export"] = Api(c => c.Get($"/api/v1/travel-risk/people/export?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}/vacancies/export"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/vacancies/export?on=2021-08-15"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}/headcount/export"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/headcount/export?on=2021-09-04"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/missions/{id:guid}/headcount/timeline/export"] = Api(c => c.Get($"/api/v1/missions/{c.World.Mission.Id}/headcount/timeline/export?from=2021-01-01&to=2021-12-31"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/visa-statistics/export"] = Api(c => c.Get("/api/v1/visa-statistics/export?issuingState=US&format=xlsx"), Unauthorized, Ok, Ok, Ok, Ok),
        ["GET /api/v1/departure-orders/export"] = Api(c => c.Get($"/api/v1/departure-orders/export?missionId={c.World.Mission.Id}"), Unauthorized, Ok, Ok, Ok, Ok),

        // Calendar feeds: each account manages its own; the feeds themselves are opened by their secret token alone. A feed
        // is a standing credential, so the auditor, who only reads, creates none; it may still revoke one it had (issue 15).
        ["GET /api/v1/calendar-feeds/"] = Api(c => c.Get("/api/v1/calendar-feeds"), Unauthorized, Ok, Ok, Ok, Ok),
        ["POST /api/v1/calendar-feeds/"] = Api(c => c.Post("/api/v1/calendar-feeds", new { name = "matrix" }), Unauthorized, Created, Created, Created, Forbidden),
        ["DELETE /api/v1/calendar-feeds/{id:guid}"] = Api(c => c.RevokeCalendarFeed(), Unauthorized, NoContent, NoContent, NoContent, NoContent),
        ["GET /calendar/{token}.ics"] = Api(c => c.CalendarFeed(f => $"/calendar/{f.Token}.ics"), Ok, Ok, Ok, Ok, Ok),
        ["GET /calendar/{token}/missions/{id:guid}.ics"] = Api(c => c.CalendarFeed(f => $"/calendar/{f.Token}/missions/{f.Mission}.ics"), Ok, Ok, Ok, Ok, Ok),

        // Signing out ends a browser session of its own (so the other rows keep theirs).
        ["POST /signout"] = Api(c => c.SignOut(), ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn),
        ["GET /_framework/opaque-redirect"] = Api(c => c.Browser.Client.GetAsync("/_framework/opaque-redirect"), ToSignIn, BadRequest, BadRequest, BadRequest, BadRequest),

        // Pages, opened in a browser signed in through the form.
        ["GET /"] = Page(w => "/", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /signin"] = Page(w => "/signin", Ok, Ok, Ok, Ok, Ok),
        ["GET /forbidden"] = Page(w => "/forbidden", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /not-found"] = Page(w => "/not-found", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /search"] = Page(w => "/search", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /visa-statistics"] = Page(w => "/visa-statistics", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /account/two-factor"] = Page(w => "/account/two-factor", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions"] = Page(w => "/missions", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/{Id:guid}"] = Page(w => $"/missions/{w.Mission.Id}", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/new"] = Page(w => "/missions/new", ToSignIn, ToForbidden, Ok, ToForbidden, ToForbidden),
        ["GET /missions/{Id:guid}/edit"] = Page(w => $"/missions/{w.Mission.Id}/edit", ToSignIn, ToForbidden, Ok, ToForbidden, ToForbidden),
        ["GET /people"] = Page(w => "/people", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /people/{Id:guid}"] = Page(w => $"/people/{w.Person.Id}", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /people/new"] = Page(w => "/people/new", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /people/{Id:guid}/edit"] = Page(w => $"/people/{w.Person.Id}/edit", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /people/{HolderId:guid}/visas/new"] = Page(w => $"/people/{w.Person.Id}/visas/new", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /visas/{Id:guid}/edit"] = Page(w => $"/visas/{w.Visa.Id}/edit", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /assignments/new"] = Page(w => $"/assignments/new?personId={w.Person.Id}", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /assignments/{Id:guid}/edit"] = Page(w => $"/assignments/{w.Assignment.Id}/edit", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /assignments/{AssignmentId:guid}/family/new"] = Page(w => $"/assignments/{w.Assignment.Id}/family/new", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /family-members/{Id:guid}/edit"] = Page(w => $"/family-members/{w.FamilyMember.Id}/edit", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /travel-risk"] = Page(w => "/travel-risk", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /parity/world"] = Page(w => "/parity/world?state=US&asOf=2021-09-04", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/{Id:guid}/travel-risk"] = Page(w => $"/missions/{w.Mission.Id}/travel-risk", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/{Id:guid}/posts"] = Page(w => $"/missions/{w.Mission.Id}/posts", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/{Id:guid}/vacancies"] = Page(w => $"/missions/{w.Mission.Id}/vacancies", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/{Id:guid}/forecast"] = Page(w => $"/missions/{w.Mission.Id}/forecast?from=2021-08-15&days=30&runs=20", ToSignIn, Ok, Ok, Ok, ToForbidden),
        ["GET /missions/{Id:guid}/headcount"] = Page(w => $"/missions/{w.Mission.Id}/headcount", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/{MissionId:guid}/posts/new"] = Page(w => $"/missions/{w.Mission.Id}/posts/new", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /posts/{Id:guid}/edit"] = Page(w => $"/posts/{w.Post.Id}/edit", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /posts/{PostId:guid}/nominations/new"] = Page(w => $"/posts/{w.Post.Id}/nominations/new", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /nominations/{Id:guid}/edit"] = Page(w => $"/nominations/{w.Nomination.Id}/edit", ToSignIn, ToForbidden, ToForbidden, Ok, ToForbidden),
        ["GET /departure-orders"] = Page(w => "/departure-orders", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /departure-orders/{Id:guid}"] = Page(w => $"/departure-orders/{w.DepartureOrderId}", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /missions/{MissionId:guid}/departure-orders/new"] = Page(w => $"/missions/{w.Mission.Id}/departure-orders/new", ToSignIn, ToForbidden, Ok, ToForbidden, ToForbidden),
        ["GET /staffing-caps"] = Page(w => "/staffing-caps", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /account/calendar"] = Page(w => "/account/calendar", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /admin/users"] = Page(w => "/admin/users", ToSignIn, Ok, ToForbidden, ToForbidden, ToForbidden),
        ["GET /audit"] = Page(w => "/audit", ToSignIn, Ok, ToForbidden, ToForbidden, Ok),
        ["GET /import"] = Page(w => "/import", ToSignIn, ToForbidden, Ok, Ok, ToForbidden),
        // Host policies: published rules read by all; the editor pages carry the API's write policy (protocol officers).
        ["GET /host-policies"] = Page(w => "/host-policies", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /host-policies/new"] = Page(w => "/host-policies/new", ToSignIn, ToForbidden, Ok, ToForbidden, ToForbidden),
        ["GET /host-policies/{Id:guid}/edit"] = Page(w => $"/host-policies/{w.HostPolicy.Id}/edit", ToSignIn, ToForbidden, Ok, ToForbidden, ToForbidden),
        ["GET /host-policies/{Id:guid}/end"] = Page(w => $"/host-policies/{w.HostPolicy.Id}/end", ToSignIn, ToForbidden, Ok, ToForbidden, ToForbidden),
        ["GET /host-policies/{Id:guid}/delete"] = Page(w => $"/host-policies/{w.HostPolicy.Id}/delete", ToSignIn, ToForbidden, Ok, ToForbidden, ToForbidden),
        // Parity and the measures ledger: read by all; the editor pages carry the API's write policy.
        ["GET /parity"] = Page(w => "/parity?a=US&b=RU&asOf=2021-09-04", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /reciprocity/measures"] = Page(w => "/reciprocity/measures?a=US&b=RU", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /reciprocity/measures/{Id:guid}"] = Page(w => $"/reciprocity/measures/{w.MeasureId}", ToSignIn, Ok, Ok, Ok, Ok),
        ["GET /reciprocity/measures/new"] = Page(w => "/reciprocity/measures/new", ToSignIn, Ok, Ok, ToForbidden, ToForbidden),
        ["GET /reciprocity/measures/{Id:guid}/edit"] = Page(w => $"/reciprocity/measures/{w.MeasureId}/edit", ToSignIn, Ok, Ok, ToForbidden, ToForbidden),
        ["GET /reciprocity/measures/{Id:guid}/delete"] = Page(w => $"/reciprocity/measures/{w.MeasureId}/delete", ToSignIn, Ok, Ok, ToForbidden, ToForbidden),
    });

    [Fact]
    public void EveryEndpointHasARowAndEveryRowAnEndpoint()
    {
        var mapped = MappedEndpoints(Fixture.App(DatabaseProvider.Sqlite));

        var missing = mapped.Except(Table.Keys.Select(EndpointOf), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stale = Table.Keys.Where(k => !mapped.Contains(EndpointOf(k))).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"Endpoints without a row in the authorization table (decide who may call them): {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"Rows of the authorization table with no such endpoint: {string.Join(", ", stale)}");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EachRoleGetsExactlyTheAnswersTheTableGives(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        var cell = await Cell.CreateAsync(app, Callers[3]!);

        // One caller per column, the columns side by side; each caller's rows in order.
        var answers = await Task.WhenAll(Callers.Select(async (caller, column) =>
        {
            var callerCell = await cell.ForAsync(caller);
            var differences = new List<string>();
            foreach (var (key, row) in Table.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                using var response = await row.Send(callerCell);
                var actual = row.Describe is null ? Describe(response) : await row.Describe(response);
                if (actual != row.Expected[column])
                    differences.Add($"{key} as {Name(caller)}: expected {row.Expected[column]}, got {actual} {Excerpt(await response.Content.ReadAsStringAsync())}");
            }
            return differences;
        }));
        var wrong = answers.SelectMany(a => a).ToList();

        Assert.True(wrong.Count == 0, $"{wrong.Count} answers differ from the table:\n{string.Join('\n', wrong)}");
    }

    private static HashSet<string> MappedEndpoints(ChanceryAppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);

    private static string Describe(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location) return status;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        return $"{status} {path}";
    }

    private static string EndpointOf(string key) => key.Split(" · ")[0];

    /// <summary>An import's answer: its status, and for a 200 whether the file was written or refused as out of scope.</summary>
    private static async Task<string> DescribeImport(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.OK) return Describe(response);
        var report = await response.Content.ReadFromJsonAsync<Core.Import.ImportReport>(Infrastructure.Api.Json);
        return report switch
        {
            { Committed: true } => "200 written",
            { Rejected: > 0 } when report.Results.All(r => r.Reason?.StartsWith("Passport ", StringComparison.Ordinal) == true && r.Reason.Contains("already on record", StringComparison.Ordinal)) => OutOfScope,
            _ => $"200 not written: {string.Join("; ", report?.Results.Select(r => r.Reason) ?? [])}",
        };
    }

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + "…";

    /// <summary>A row whose request the cell makes itself (API calls, and browser calls that need more than a path).</summary>
    private static Row Api(Func<Cell, Task<HttpResponseMessage>> send, params string[] expected) => new(send, expected);

    private static Row Page(Func<World, string> path, params string[] expected) => new(c => c.Browser.Client.GetAsync(path(c.World)), expected, path);

    /// <summary>
    /// Adds each page's POST (a form submission) with the answers of its GET, but 400 where the GET is 200: the POST
    /// carries a valid antiforgery token and names no form, so a caller the page admits has nothing to submit. What
    /// matters is who gets past authorization and who does not.
    /// </summary>
    private static Dictionary<string, Row> WithFormPosts(Dictionary<string, Row> table)
    {
        foreach (var (key, row) in table.Where(r => r.Value.PagePath is not null).ToList())
            table.Add("POST " + key["GET ".Length..], new(c => c.PostPage(row.PagePath!(c.World)), [.. row.Expected.Select(e => e == Ok ? BadRequest : e)]));
        return table;
    }

    private sealed record Row(Func<Cell, Task<HttpResponseMessage>> Send, string[] Expected, Func<World, string>? PagePath = null,
        Func<HttpResponseMessage, Task<string>>? Describe = null);

    /// <summary>Records every caller can see: a mission received by the United States and administered by the mission administrator, staffed.</summary>
    private sealed record World(
        MissionDto Mission, PersonDto Person, AssignmentDto Assignment, FamilyMemberDto FamilyMember, VisaDto Visa,
        VisaApplicationDto VisaApplication, HostPolicyDto HostPolicy, Guid AuditorId, PostDto Post, NominationDto Nomination, Guid DepartureOrderId,
        Guid MeasureId, PersonDto Stranger);

    /// <summary>A measure of the United States against Russia, which its protocol officer may record.</summary>
    private static Chancery.Core.Reciprocity.ReciprocalMeasureInput MatrixMeasure() =>
        new("US", "RU", Chancery.Core.Reciprocity.ReciprocalMeasureKind.Expulsion, new DateOnly(2021, 7, 15), Magnitude: 2, Source: "matrix");

    /// <summary>
    /// One caller's means of calling (a bearer-token client for the API, a signed-in browser for pages) and fresh
    /// records for the calls that use them up or change them.
    /// </summary>
    private sealed class Cell
    {
        private static readonly TestAccount LoginProbe = new("matrix-login@test.example", [Roles.Auditor]);

        private readonly ChanceryAppFactory _app;
        private readonly TestAccount _missionAdmin;
        private readonly HttpClient _registrar;
        private readonly HttpClient _registryEditor;
        private readonly HttpClient _administrator;
        private readonly TestAccount? _caller;
        private string? _pageToken;

        private Cell(ChanceryAppFactory app, TestAccount missionAdmin, World world, TestAccount? caller, HttpClient api, BrowserSession browser)
        {
            _app = app;
            _missionAdmin = missionAdmin;
            _registrar = app.Accounts.Client(TestAccount.Registrar);
            _registryEditor = app.Accounts.Client(missionAdmin);
            _administrator = app.Accounts.Client(TestAccount.Administrator);
            _caller = caller;
            World = world;
            Api = api;
            Browser = browser;
        }

        public World World { get; }

        /// <summary>The caller's API client (bearer token; anonymous: none); does not follow redirects.</summary>
        public HttpClient Api { get; }

        /// <summary>The caller's browser, signed in through the form (anonymous: not signed in).</summary>
        public BrowserSession Browser { get; }

        public static async Task<Cell> CreateAsync(ChanceryAppFactory app, TestAccount missionAdmin)
        {
            var registrar = app.Accounts.Client(TestAccount.Registrar);
            var (mission, person, assignment) = await Create.Posting(registrar);
            await app.Accounts.GrantMissionAsync(missionAdmin, mission.Id);
            var spouse = await Create.Person(registrar);
            var family = await Create.FamilyMember(registrar, A.FamilyMember(spouse.Id, assignment.Id));
            var visa = await Create.Visa(registrar, A.Visa(person.Id));
            var application = await Create.VisaApplication(registrar, A.VisaApplication(person.Id));
            var policy = await Create.HostPolicy(registrar);
            var post = await Create.Post(registrar, A.Post(mission.Id));
            // The nominee is recorded by the mission's administrator, who nominates them: both see the person.
            var editor = app.Accounts.Client(missionAdmin);
            var nomination = await Create.Nomination(editor, A.Nomination(post.Id, (await Create.Person(editor)).Id));
            var order = await Create.DepartureOrder(registrar, A.DepartureOrder(mission.Id, [person.Id]));
            var measure = await (await registrar.PostJson("/api/v1/reciprocity/measures", MatrixMeasure())).Read<Chancery.Core.Reciprocity.ReciprocalMeasureDto>(System.Net.HttpStatusCode.Created);
            // A member of a mission the mission administrator does not administer, with the whole passport number.
            var (_, stranger, _) = await Create.Posting(registrar);
            stranger = await registrar.Get<PersonDto>($"/api/v1/people/{stranger.Id}");
            var world = new World(mission, person, assignment, family, visa, application, policy, await app.Accounts.EnsureAsync(TestAccount.Auditor), post, nomination, order.Id, measure.Id,
                stranger);
            return new Cell(app, missionAdmin, world, null, app.Accounts.PageClient(null), BrowserSession.Anonymous(app));
        }

        public async Task<Cell> ForAsync(TestAccount? caller) => new(
            _app, _missionAdmin, World, caller, _app.Accounts.PageClient(caller),
            caller is null ? BrowserSession.Anonymous(_app) : await BrowserSession.SignInAsync(_app, caller));

        public Task<HttpResponseMessage> Get(string url) => Api.GetAsync(url);

        public Task<HttpResponseMessage> ImportMissions()
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"sendingState,receivingState,city,kind\nRU,US,Matrix {Unique.Word()},Consulate\n"));
            return Api.PostAsync("/api/v1/imports?target=missions&dryRun=true", new MultipartFormDataContent { { file, "file", "missions.csv" } });
        }

        public Task<HttpResponseMessage> ImportAnotherMissionsPerson()
        {
            var p = World.Stranger;
            var m = World.Mission;
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(
                "familyName,givenNames,dateOfBirth,nationality,passportNumber,passportIssuingState,missionSendingState,missionReceivingState,missionCity,missionKind,category,title,startOn\n"
                + $"{p.FamilyName},{p.GivenNames},{p.DateOfBirth:yyyy-MM-dd},{p.NationalityCode},{p.PassportNumber},{p.PassportIssuingStateCode},{m.SendingStateCode},{m.ReceivingStateCode},{m.City},{m.Kind},Diplomatic,Attaché,2021-03-01\n"));
            return Api.PostAsync("/api/v1/imports?target=people", new MultipartFormDataContent { { file, "file", "people.csv" } });
        }

        private async Task<Core.Import.ImportMappingDto> NewImportMapping() =>
            await (await _registrar.PostJson("/api/v1/import-mappings", ImportMappingInput())).Read<Core.Import.ImportMappingDto>(System.Net.HttpStatusCode.Created);

        private static Core.Import.ImportMappingInput ImportMappingInput(int? version = null) => new(
            "matrix-" + Unique.Word(), Core.Import.ImportTarget.Missions,
            new Core.Import.MappingDefinition(new Dictionary<string, string> { ["city"] = "Town" }), version);

        public async Task<HttpResponseMessage> GetImportMapping() => await Api.GetAsync($"/api/v1/import-mappings/{(await NewImportMapping()).Id}");

        public Task<HttpResponseMessage> CreateImportMapping() => Api.PostJson("/api/v1/import-mappings", ImportMappingInput());

        /// <summary>
        /// A mapping saved by the caller itself when <paramref name="own"/> and its role may save one (the others' own mapping
        /// is then the registrar's, the only kind there is for them), else by the registrar, another account.
        /// </summary>
        private async Task<Core.Import.ImportMappingDto> MappingToChange(bool own)
        {
            if (own && _caller is not null)
            {
                using var created = await Api.PostJson("/api/v1/import-mappings", ImportMappingInput());
                if (created.StatusCode == System.Net.HttpStatusCode.Created) return await created.Read<Core.Import.ImportMappingDto>(System.Net.HttpStatusCode.Created);
            }
            return await NewImportMapping();
        }

        public async Task<HttpResponseMessage> UpdateImportMapping(bool own)
        {
            var mapping = await MappingToChange(own);
            return await Api.PutJson($"/api/v1/import-mappings/{mapping.Id}", ImportMappingInput(mapping.Version));
        }

        public async Task<HttpResponseMessage> DeleteImportMapping(bool own) => await Api.DeleteAsync($"/api/v1/import-mappings/{(await MappingToChange(own)).Id}");

        public Task<HttpResponseMessage> Post(string url, object body) => Api.PostJson(url, body);

        public async Task<HttpResponseMessage> PostPage(string path)
        {
            _pageToken ??= await Browser.AntiforgeryTokenAsync(_caller is null ? "/signin" : "/");
            return await Browser.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = _pageToken }));
        }

        public async Task<HttpResponseMessage> SignOut()
        {
            var browser = _caller is null ? Browser : await BrowserSession.SignInAsync(_app, _caller);
            if (_caller is null)
                return await browser.Client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
            return await browser.PostFormAsync("/signout", new() { ["returnUrl"] = "/" }, tokenFrom: "/");
        }

        public async Task<HttpResponseMessage> Login()
        {
            await _app.Accounts.EnsureAsync(LoginProbe);
            return await Api.PostJson("/api/v1/auth/login", new { email = LoginProbe.Email, password = TestAccount.Password });
        }

        public async Task<HttpResponseMessage> Logout()
        {
            if (_caller is null) return await Api.PostAsync("/api/v1/auth/logout", null);
            await _app.Accounts.EnsureAsync(_caller);
            using var anonymous = _app.Accounts.PageClient(null);
            using var login = await anonymous.PostJson("/api/v1/auth/login", new { email = _caller.Email, password = TestAccount.Password });
            var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
            return await anonymous.SendAsync(request);
        }

        public async Task<HttpResponseMessage> Refresh()
        {
            using var login = await Login();
            var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
            return await Api.PostJson("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        }

        public Task<HttpResponseMessage> CreateUser() =>
            Api.PostJson("/api/v1/users", new NewUserInput($"{Unique.Word()}@test.example", TestAccount.Password, [Roles.Auditor]));

        public async Task<HttpResponseMessage> UpdateUser()
        {
            var user = await (await _administrator.PostJson("/api/v1/users", new NewUserInput($"{Unique.Word()}@test.example", TestAccount.Password, [Roles.Auditor])))
                .Read<UserDto>(System.Net.HttpStatusCode.Created);
            return await Api.PutJson($"/api/v1/users/{user.Id}", new UserUpdateInput(DisplayName: "Renamed"));
        }

        public async Task<HttpResponseMessage> SetMinimums()
        {
            // The roles' calls run at once, so another role may set the minimum between this read and this write: that
            // answers 400/409 (version missing or stale), not a refusal, so read again and retry.
            var url = $"/api/v1/missions/{World.Mission.Id}/staffing-minimums";
            for (var attempt = 1; ; attempt++)
            {
                var current = await _registrar.Get<Core.Forecast.MissionStaffingMinimums>(url);
                var response = await Api.PutJson(url, new Core.Forecast.StaffingMinimumsInput([new(StaffCategory.Service, 2, current.For(StaffCategory.Service)?.Version)]));
                if (attempt == 5 || response.StatusCode is not (System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Conflict)) return response;
                response.Dispose();
            }
        }

        public async Task<HttpResponseMessage> RevokeCalendarFeed()
        {
            if (_caller is null) return await Api.DeleteAsync($"/api/v1/calendar-feeds/{Guid.NewGuid()}");
            using var created = await Api.PostJson("/api/v1/calendar-feeds", new { name = "matrix" });
            if (created.IsSuccessStatusCode)
                return await Api.DeleteAsync($"/api/v1/calendar-feeds/{(await created.Read<Chancery.Web.Features.Calendar.CalendarFeedCreated>(System.Net.HttpStatusCode.Created)).Feed.Id}");
            // A role that may not create one revokes one it had from before (written straight into the database).
            var id = await _app.Accounts.EnsureAsync(_caller);
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            var feed = new Core.Calendar.CalendarFeed { UserId = id, TokenHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), CreatedAt = _app.Clock.GetUtcNow() };
            db.Add(feed);
            await db.SaveChangesAsync();
            return await Api.DeleteAsync($"/api/v1/calendar-feeds/{feed.Id}");
        }

        /// <summary>A feed of the mission administrator, opened by the caller's client (the token is the credential).</summary>
        public async Task<HttpResponseMessage> CalendarFeed(Func<(string Token, Guid Mission), string> path)
        {
            var feed = await (await _registryEditor.PostJson("/api/v1/calendar-feeds", new { name = "matrix" }))
                .Read<Chancery.Web.Features.Calendar.CalendarFeedCreated>(System.Net.HttpStatusCode.Created);
            return await Api.GetAsync(path((feed.Token, World.Mission.Id)));
        }

        public async Task<HttpResponseMessage> UpdateMission()
        {
            var mission = await Create.Mission(_registrar);
            return await Api.PutJson($"/api/v1/missions/{mission.Id}", A.Mission() with { Version = mission.Version });
        }

        public async Task<HttpResponseMessage> DeleteMission() => await Api.DeleteAsync($"/api/v1/missions/{(await Create.Mission(_registrar)).Id}");

        /// <summary>A person at the world's mission (so in the mission administrator's scope), with nothing else on record.</summary>
        private Task<PersonDto> NewPerson() => Create.Person(_registryEditor);

        private async Task<AssignmentDto> NewAssignment() => await Create.Assignment(_registryEditor, A.Assignment((await NewPerson()).Id, World.Mission.Id));

        private async Task<FamilyMemberDto> NewFamilyMember() =>
            await Create.FamilyMember(_registryEditor, A.FamilyMember((await NewPerson()).Id, (await NewAssignment()).Id));

        private async Task<VisaDto> NewVisa() => await Create.Visa(_registryEditor, A.Visa((await NewAssignment()).PersonId));

        public async Task<HttpResponseMessage> UpdatePerson()
        {
            var person = (await NewAssignment()).PersonId;
            var version = (await _registryEditor.Get<PersonDto>($"/api/v1/people/{person}")).Version;
            return await Api.PutJson($"/api/v1/people/{person}", A.Person() with { Version = version });
        }

        public async Task<HttpResponseMessage> DeletePerson() => await Api.DeleteAsync($"/api/v1/people/{(await NewPerson()).Id}");

        public async Task<HttpResponseMessage> CreateAssignment() => await Api.PostJson("/api/v1/assignments", A.Assignment((await NewPerson()).Id, World.Mission.Id));

        public async Task<HttpResponseMessage> UpdateAssignment()
        {
            var assignment = await NewAssignment();
            return await Api.PutJson($"/api/v1/assignments/{assignment.Id}",
                A.Assignment(assignment.PersonId, assignment.MissionId) with { Title = "Counsellor", Version = assignment.Version });
        }

        public async Task<HttpResponseMessage> DeleteAssignment() => await Api.DeleteAsync($"/api/v1/assignments/{(await NewAssignment()).Id}");

        public async Task<HttpResponseMessage> CreateFamilyMember() =>
            await Api.PostJson("/api/v1/family-members", A.FamilyMember((await NewPerson()).Id, (await NewAssignment()).Id));

        public async Task<HttpResponseMessage> UpdateFamilyMember()
        {
            var link = await NewFamilyMember();
            return await Api.PutJson($"/api/v1/family-members/{link.Id}",
                A.FamilyMember(link.PersonId, link.PrincipalAssignmentId) with { StartOn = new DateOnly(2019, 10, 1), Version = link.Version });
        }

        public async Task<HttpResponseMessage> DeleteFamilyMember() => await Api.DeleteAsync($"/api/v1/family-members/{(await NewFamilyMember()).Id}");

        public async Task<HttpResponseMessage> CreateVisa() => await Api.PostJson("/api/v1/visas", A.Visa((await NewAssignment()).PersonId));

        public async Task<HttpResponseMessage> UpdateVisa()
        {
            var visa = await NewVisa();
            return await Api.PutJson($"/api/v1/visas/{visa.Id}", A.Visa(visa.HolderId) with { CategoryCode = "A-2", Version = visa.Version });
        }

        public async Task<HttpResponseMessage> DeleteVisa() => await Api.DeleteAsync($"/api/v1/visas/{(await NewVisa()).Id}");

        private async Task<VisaApplicationDto> NewVisaApplication() =>
            await Create.VisaApplication(_registryEditor, A.VisaApplication((await NewAssignment()).PersonId));

        public async Task<HttpResponseMessage> CreateVisaApplication() =>
            await Api.PostJson("/api/v1/visa-applications", A.VisaApplication((await NewAssignment()).PersonId));

        public async Task<HttpResponseMessage> UpdateVisaApplication()
        {
            var application = await NewVisaApplication();
            return await Api.PutJson($"/api/v1/visa-applications/{application.Id}", A.VisaApplication(application.ApplicantId) with
            {
                Outcome = VisaApplicationOutcome.Refused,
                DecidedOn = new DateOnly(2021, 8, 1),
                Version = application.Version,
            });
        }

        public async Task<HttpResponseMessage> DeleteVisaApplication() => await Api.DeleteAsync($"/api/v1/visa-applications/{(await NewVisaApplication()).Id}");

        private async Task<PostDto> NewPost() => await Create.Post(_registryEditor, A.Post(World.Mission.Id));

        public async Task<HttpResponseMessage> UpdatePost()
        {
            var post = await NewPost();
            return await Api.PutJson($"/api/v1/posts/{post.Id}", A.Post(World.Mission.Id) with { Title = "Counsellor", Version = post.Version });
        }

        public async Task<HttpResponseMessage> DeletePost() => await Api.DeleteAsync($"/api/v1/posts/{(await NewPost()).Id}");

        private async Task<NominationDto> NewNomination() => await Create.Nomination(_registryEditor, A.Nomination(World.Post.Id, (await NewPerson()).Id));

        public async Task<HttpResponseMessage> CreateNomination() => await Api.PostJson("/api/v1/nominations", A.Nomination(World.Post.Id, (await NewPerson()).Id));

        public async Task<HttpResponseMessage> UpdateNomination()
        {
            var nomination = await NewNomination();
            return await Api.PutJson($"/api/v1/nominations/{nomination.Id}",
                A.Nomination(World.Post.Id, nomination.NomineeId) with { Status = NominationStatus.Withdrawn, Version = nomination.Version });
        }

        public async Task<HttpResponseMessage> DeleteNomination() => await Api.DeleteAsync($"/api/v1/nominations/{(await NewNomination()).Id}");

        public async Task<HttpResponseMessage> UpdateHostPolicy()
        {
            var policy = await Create.HostPolicy(_registrar);
            return await Api.PutJson($"/api/v1/host-policies/{policy.Id}", A.HostPolicy() with { GraceDays = 10, Version = policy.Version });
        }

        private async Task<Chancery.Core.Reciprocity.ReciprocalMeasureDto> NewMeasure() =>
            await (await _administrator.PostJson("/api/v1/reciprocity/measures", MatrixMeasure())).Read<Chancery.Core.Reciprocity.ReciprocalMeasureDto>(System.Net.HttpStatusCode.Created);

        public async Task<HttpResponseMessage> UpdateMeasure()
        {
            var measure = await NewMeasure();
            return await Api.PutJson($"/api/v1/reciprocity/measures/{measure.Id}", MatrixMeasure() with { Magnitude = 3, Version = measure.Version });
        }

        public async Task<HttpResponseMessage> DeleteMeasure() => await Api.DeleteAsync($"/api/v1/reciprocity/measures/{(await NewMeasure()).Id}");

        public async Task<HttpResponseMessage> DeleteHostPolicy() => await Api.DeleteAsync($"/api/v1/host-policies/{(await Create.HostPolicy(_registrar)).Id}");

        /// <summary>An order naming a fresh member of the world's mission.</summary>
        private async Task<Chancery.Core.Departures.DepartureOrderDto> NewDepartureOrder() =>
            await Create.DepartureOrder(_registrar, A.DepartureOrder(World.Mission.Id, [(await NewAssignment()).PersonId]));

        public async Task<HttpResponseMessage> GetDepartureOrder() => await Api.GetAsync($"/api/v1/departure-orders/{World.DepartureOrderId}");

        public async Task<HttpResponseMessage> CreateDepartureOrder() =>
            await Api.PostJson("/api/v1/departure-orders", A.DepartureOrder(World.Mission.Id, [(await NewAssignment()).PersonId]));

        public async Task<HttpResponseMessage> UpdateDepartureOrder()
        {
            var order = await NewDepartureOrder();
            return await Api.PutJson($"/api/v1/departure-orders/{order.Id}",
                A.DepartureOrder(World.Mission.Id, order.Persons.Select(p => p.PersonId)) with { Basis = "changed", Version = order.Version });
        }

        public async Task<HttpResponseMessage> DeleteDepartureOrder() => await Api.DeleteAsync($"/api/v1/departure-orders/{(await NewDepartureOrder()).Id}");

        public async Task<HttpResponseMessage> RecordDeparture()
        {
            var order = await NewDepartureOrder();
            return await Api.PostJson($"/api/v1/departure-orders/{order.Id}/departures",
                new Chancery.Core.Departures.DeparturesInput(new DateOnly(2021, 9, 1), [order.Persons[0].PersonId]));
        }

        public async Task<HttpResponseMessage> ReverseDeparture()
        {
            var order = await NewDepartureOrder();
            var person = order.Persons[0].PersonId;
            using var departed = await _registrar.PostJson($"/api/v1/departure-orders/{order.Id}/departures",
                new Chancery.Core.Departures.DeparturesInput(new DateOnly(2021, 9, 1), [person]));
            return await Api.PostJson($"/api/v1/departure-orders/{order.Id}/departures/{person}/reverse", new { });
        }

        public async Task<HttpResponseMessage> RescindDepartureOrder() =>
            await Api.PostJson($"/api/v1/departure-orders/{(await NewDepartureOrder()).Id}/rescind", new Chancery.Core.Departures.RescindInput(new DateOnly(2021, 8, 1)));

        private Task<StaffingCapDto> NewStaffingCap() => Create.StaffingCap(_registrar, A.StaffingCap(World.Mission.Id, 10_000));

        public async Task<HttpResponseMessage> GetStaffingCap() => await Api.GetAsync($"/api/v1/staffing-caps/{(await NewStaffingCap()).Id}");

        public async Task<HttpResponseMessage> CreateStaffingCap() => await Api.PostJson("/api/v1/staffing-caps", A.StaffingCap(World.Mission.Id, 10_000));

        public async Task<HttpResponseMessage> UpdateStaffingCap()
        {
            var cap = await NewStaffingCap();
            return await Api.PutJson($"/api/v1/staffing-caps/{cap.Id}", A.StaffingCap(World.Mission.Id, 9_000) with { Version = cap.Version });
        }

        public async Task<HttpResponseMessage> DeleteStaffingCap() => await Api.DeleteAsync($"/api/v1/staffing-caps/{(await NewStaffingCap()).Id}");
    }
}
