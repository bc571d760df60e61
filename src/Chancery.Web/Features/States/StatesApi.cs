using Chancery.Core.Common;
using Chancery.Core.States;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.States;

/// <summary>/api/v1/states: ISO 3166-1 reference list, read-only.</summary>
public static class StatesApi
{
    /// <summary>Maps the state endpoints.</summary>
    public static RouteGroupBuilder MapStatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/states").WithTags("States").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        api.MapGet("/", ListStates).WithName("ListStates").WithSummary("ISO 3166-1 states, searchable by code or name");
        api.MapGet("/{code}", GetState).WithName("GetState").WithSummary("One state by alpha-2 code");
        return api;
    }

    static Task<Page<StateDto>> ListStates(string? q, [AsParameters] Paging paging, StateService states, CancellationToken ct) =>
        states.ListAsync(q, paging.ToRequest(), ct);

    static async Task<Ok<StateDto>> GetState(string code, StateService states, CancellationToken ct) =>
        TypedResults.Ok(await states.GetAsync(code, ct));
}
