using Chancery.Core.Accounts;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Accounts;

/// <summary>/api/v1/users: accounts, roles and mission scope (administrators only).</summary>
public static class UsersApi
{
    /// <summary>Maps the account endpoints.</summary>
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.ManageUsers);
        api.MapGet("/", ListUsers).WithName("ListUsers").WithSummary("Every account with its roles and scope");
        api.MapGet("/{id:guid}", GetUser).WithName("GetUser").WithSummary("One account");
        api.MapPost("/", CreateUser).WithName("CreateUser").WithSummary("Create an account with roles, missions (mission administrators) or receiving state (protocol officers)");
        api.MapPut("/{id:guid}", UpdateUser).WithName("UpdateUser").WithSummary("Change roles, missions or state, or disable the account; ends the account's open sessions");
        return api;
    }

    static async Task<Ok<IReadOnlyList<UserDto>>> ListUsers(UserService users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct));

    static async Task<Ok<UserDto>> GetUser(Guid id, UserService users, CancellationToken ct) => TypedResults.Ok(await users.GetAsync(id, ct));

    static async Task<Created<UserDto>> CreateUser(NewUserInput input, UserService users, CancellationToken ct)
    {
        var created = await users.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/users/{created.Id}", created);
    }

    static async Task<Ok<UserDto>> UpdateUser(Guid id, UserUpdateInput input, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.UpdateAsync(id, input, ct));
}
