using Chancery.Core.Posts;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Posts;

/// <summary>/api/v1/posts, /api/v1/nominations, and a mission's headcount, headcount timeline and vacancies.</summary>
public static class PostsApi
{
    /// <summary>Maps the post, nomination, headcount and vacancy endpoints.</summary>
    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/api/v1/posts").WithTags("Posts").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        posts.MapGet("/", ListPosts).WithName("ListPosts").WithSummary("A mission's posts on a date, with holder, vacancy and replacement");
        posts.MapGet("/{id:guid}", GetPost).WithName("GetPost").WithSummary("One post on a date, with its holder history and nominations");
        posts.MapPost("/", CreatePost).WithName("CreatePost").WithSummary("Establish a post (optionally linking its holder's assignment)").RequireAuthorization(Policies.EditRegistry);
        posts.MapPut("/{id:guid}", UpdatePost).WithName("UpdatePost").WithSummary("Change a post or link a holder; send the version you read").RequireAuthorization(Policies.EditRegistry);
        posts.MapDelete("/{id:guid}", DeletePost).WithName("DeletePost").WithSummary("Delete a post with no holder or nomination on record").RequireAuthorization(Policies.EditRegistry);

        var nominations = app.MapGroup("/api/v1/nominations").WithTags("Nominations").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        nominations.MapGet("/", ListNominations).WithName("ListNominations").WithSummary("Nominations for a mission or a post, with their status on a date");
        nominations.MapGet("/{id:guid}", GetNomination).WithName("GetNomination").WithSummary("One nomination, with its status on a date and days its visa has been pending");
        nominations.MapPost("/", CreateNomination).WithName("CreateNomination").WithSummary("Nominate a replacement for a post vacant or about to be").RequireAuthorization(Policies.EditRegistry);
        nominations.MapPut("/{id:guid}", UpdateNomination).WithName("UpdateNomination").WithSummary("Change a nomination (link its visa application, record arrival or withdrawal)").RequireAuthorization(Policies.EditRegistry);
        nominations.MapDelete("/{id:guid}", DeleteNomination).WithName("DeleteNomination").WithSummary("Delete a nomination entered by mistake").RequireAuthorization(Policies.EditRegistry);

        var missions = app.MapGroup("/api/v1/missions").WithTags("Missions").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        missions.MapGet("/{id:guid}/headcount", GetHeadcount).WithName("GetMissionHeadcount")
            .WithSummary("Members by staff category, family members and private servants on a date, each count with its reasons");
        missions.MapGet("/{id:guid}/headcount/timeline", GetHeadcountTimeline).WithName("GetMissionHeadcountTimeline")
            .WithSummary("Daily headcount between two dates (at most five years)");
        missions.MapGet("/{id:guid}/vacancies", GetVacancies).WithName("GetMissionVacancies")
            .WithSummary("Posts vacant on a date or to be vacant within N days, with their replacement status");
        return app;
    }

    static async Task<Ok<MissionPosts>> ListPosts(Guid? missionId, DateOnly? asOf, PostService posts, CancellationToken ct) =>
        TypedResults.Ok(await posts.ListAsync(missionId, asOf, ct));

    static async Task<Ok<PostDto>> GetPost(Guid id, DateOnly? asOf, PostService posts, CancellationToken ct) =>
        TypedResults.Ok(await posts.GetAsync(id, asOf, ct));

    static async Task<Created<PostDto>> CreatePost(PostInput input, PostService posts, CancellationToken ct)
    {
        var created = await posts.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/posts/{created.Id}", created);
    }

    static async Task<Ok<PostDto>> UpdatePost(Guid id, PostInput input, PostService posts, CancellationToken ct) =>
        TypedResults.Ok(await posts.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeletePost(Guid id, int? version, PostService posts, CancellationToken ct)
    {
        await posts.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<IReadOnlyList<NominationDto>>> ListNominations(Guid? missionId, Guid? postId, DateOnly? asOf, NominationService nominations, CancellationToken ct) =>
        TypedResults.Ok(await nominations.ListAsync(postId, missionId, asOf, ct));

    static async Task<Ok<NominationDto>> GetNomination(Guid id, DateOnly? asOf, NominationService nominations, CancellationToken ct) =>
        TypedResults.Ok(await nominations.GetAsync(id, asOf, ct));

    static async Task<Created<NominationDto>> CreateNomination(NominationInput input, NominationService nominations, CancellationToken ct)
    {
        var created = await nominations.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/nominations/{created.Id}", created);
    }

    static async Task<Ok<NominationDto>> UpdateNomination(Guid id, NominationInput input, NominationService nominations, CancellationToken ct) =>
        TypedResults.Ok(await nominations.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteNomination(Guid id, int? version, NominationService nominations, CancellationToken ct)
    {
        await nominations.DeleteAsync(id, version, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<MissionHeadcount>> GetHeadcount(Guid id, DateOnly? on, HeadcountService headcounts, CancellationToken ct) =>
        TypedResults.Ok(await headcounts.OnAsync(id, on, ct));

    static async Task<Ok<MissionHeadcountTimeline>> GetHeadcountTimeline(Guid id, DateOnly? from, DateOnly? to, HeadcountService headcounts, CancellationToken ct) =>
        TypedResults.Ok(await headcounts.TimelineAsync(id, from, to, ct));

    static async Task<Ok<MissionVacancies>> GetVacancies(Guid id, DateOnly? on, int? within, HeadcountService headcounts, CancellationToken ct) =>
        TypedResults.Ok(await headcounts.VacanciesAsync(id, on, within, ct));
}
