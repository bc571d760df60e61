using Chancery.Core.Common;
using Chancery.Core.Departures;
using Chancery.Core.Policies;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Departures;

/// <summary>/api/v1/departure-orders and /api/v1/staffing-caps.</summary>
public static class DeparturesApi
{
    /// <summary>Maps the departure order endpoints.</summary>
    public static RouteGroupBuilder MapDepartureOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/departure-orders").WithTags("Departure orders").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListDepartureOrders).WithName("ListDepartureOrders").WithSummary("Departure orders by mission, kind or receiving state, with their progress on a date");
        api.MapGet("/{id:guid}", GetDepartureOrder).WithName("GetDepartureOrder").WithSummary("One order with every named person and where they stand on a date");
        api.MapPost("/", CreateDepartureOrder).WithName("CreateDepartureOrder").WithSummary("Issue an order naming one or many persons of a mission").RequireAuthorization(Policies.EditMissions);
        api.MapPut("/{id:guid}", UpdateDepartureOrder).WithName("UpdateDepartureOrder").WithSummary("Change an order and its named persons; send the version you read").RequireAuthorization(Policies.EditMissions);
        api.MapDelete("/{id:guid}", DeleteDepartureOrder).WithName("DeleteDepartureOrder").WithSummary("Delete an order entered by mistake").RequireAuthorization(Policies.EditMissions);
        api.MapPost("/{id:guid}/departures", RecordDepartures).WithName("RecordDepartures").WithSummary("Record that the listed persons left on a date (ends their assignments and households)").RequireAuthorization(Policies.RecordDepartures);
        api.MapPost("/{id:guid}/departures/{personId:guid}/reverse", ReverseDeparture).WithName("ReverseDeparture").WithSummary("Undo a recorded departure (restores the assignment and household)").RequireAuthorization(Policies.RecordDepartures);
        api.MapPost("/{id:guid}/rescind", RescindDepartureOrder).WithName("RescindDepartureOrder").WithSummary("Release listed persons from the order, or every pending one").RequireAuthorization(Policies.EditMissions);
        return api;
    }

    /// <summary>Maps the staffing cap endpoints.</summary>
    public static RouteGroupBuilder MapStaffingCapsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/staffing-caps").WithTags("Staffing caps").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListStaffingCaps).WithName("ListStaffingCaps").WithSummary("Caps and hiring bans by receiving state, sending state, mission, or in force on a date");
        api.MapGet("/counts", GetStaffingCapCounts).WithName("GetStaffingCapCounts").WithSummary("Counts against every cap in force on a date");
        api.MapGet("/breaches", GetStaffingCapBreaches).WithName("GetStaffingCapBreaches").WithSummary("Missions over a cap in force on a date, with the cap's deadline");
        api.MapGet("/{id:guid}", GetStaffingCap).WithName("GetStaffingCap").WithSummary("One cap");
        api.MapPost("/", CreateStaffingCap).WithName("CreateStaffingCap").WithSummary("Record a cap or hiring ban").RequireAuthorization(Policies.EditMissions);
        api.MapPut("/{id:guid}", UpdateStaffingCap).WithName("UpdateStaffingCap").WithSummary("Change a cap (e.g. give its end date); send the version you read").RequireAuthorization(Policies.EditMissions);
        api.MapDelete("/{id:guid}", DeleteStaffingCap).WithName("DeleteStaffingCap").WithSummary("Delete a cap entered by mistake").RequireAuthorization(Policies.EditMissions);
        return api;
    }

    static Task<Page<DepartureOrderSummaryDto>> ListDepartureOrders(Guid? missionId, DepartureOrderKind? kind, string? receivingState, DateOnly? asOf, [AsParameters] Paging paging, DepartureService orders, CancellationToken ct) =>
        orders.ListAsync(new DepartureOrderQuery(missionId, kind, receivingState, asOf), paging.ToRequest(), ct);

    static async Task<Ok<DepartureOrderDto>> GetDepartureOrder(Guid id, DateOnly? asOf, DepartureService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.GetAsync(id, asOf, ct));

    static async Task<Created<DepartureOrderDto>> CreateDepartureOrder(DepartureOrderInput input, DepartureService orders, CancellationToken ct)
    {
        var created = await orders.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/departure-orders/{created.Id}", created);
    }

    static async Task<Ok<DepartureOrderDto>> UpdateDepartureOrder(Guid id, DepartureOrderInput input, DepartureService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteDepartureOrder(Guid id, int? version, DepartureService orders, CancellationToken ct)
    {
        await orders.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<DepartureOrderDto>> RecordDepartures(Guid id, DeparturesInput input, DepartureService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.RecordDeparturesAsync(id, input, ct));

    static async Task<Ok<DepartureOrderDto>> ReverseDeparture(Guid id, Guid personId, DepartureService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.ReverseDepartureAsync(id, personId, ct));

    static async Task<Ok<DepartureOrderDto>> RescindDepartureOrder(Guid id, RescindInput input, DepartureService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.RescindAsync(id, input, ct));

    static Task<Page<StaffingCapDto>> ListStaffingCaps(string? receivingState, string? sendingState, Guid? missionId, DateOnly? inForceOn, [AsParameters] Paging paging, StaffingCapService caps, CancellationToken ct) =>
        caps.ListAsync(new StaffingCapQuery(receivingState, sendingState, missionId, inForceOn), paging.ToRequest(), ct);

    static Task<IReadOnlyList<CapCountDto>> GetStaffingCapCounts(string? receivingState, DateOnly? asOf, StaffingCapService caps, CancellationToken ct) =>
        caps.CountsAsync(receivingState, asOf, breachesOnly: false, ct);

    static Task<IReadOnlyList<CapCountDto>> GetStaffingCapBreaches(string? receivingState, DateOnly? asOf, StaffingCapService caps, CancellationToken ct) =>
        caps.CountsAsync(receivingState, asOf, breachesOnly: true, ct);

    static async Task<Ok<StaffingCapDto>> GetStaffingCap(Guid id, StaffingCapService caps, CancellationToken ct) => TypedResults.Ok(await caps.GetAsync(id, ct));

    static async Task<Created<StaffingCapDto>> CreateStaffingCap(StaffingCapInput input, StaffingCapService caps, CancellationToken ct)
    {
        var created = await caps.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/staffing-caps/{created.Id}", created);
    }

    static async Task<Ok<StaffingCapDto>> UpdateStaffingCap(Guid id, StaffingCapInput input, StaffingCapService caps, CancellationToken ct) =>
        TypedResults.Ok(await caps.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteStaffingCap(Guid id, int? version, StaffingCapService caps, CancellationToken ct)
    {
        await caps.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }
}
