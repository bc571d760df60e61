using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Posts;

/// <summary>A holder of a post: an assignment linked to it.</summary>
public sealed record PostHolderDto(Guid AssignmentId, Guid PersonId, string Name, DateOnly StartOn, DateOnly? EndedOn, DateOnly? PlannedEndOn);

/// <summary>A post as the API shows it on a date: holder, vacancy, replacement, holder history and nominations.</summary>
public sealed record PostDto(
    Guid Id, Guid MissionId, string Title, StaffCategory Category, DateOnly EstablishedOn, DateOnly? AbolishedOn, string? Notes, int Version,
    DateOnly AsOf, bool Vacant, PostHolderDto? Holder, DateOnly? VacantSince, DateOnly? VacatesOn, string? Reason,
    NominationView? Nominee, string Replacement, IReadOnlyList<PostHolderDto> Holders, IReadOnlyList<NominationView> Nominations);

/// <summary>What a client sends to create or update a post; <see cref="HolderAssignmentId"/> links an assignment of the mission as a holder.</summary>
public sealed record PostInput(
    Guid? MissionId, string? Title, StaffCategory? Category, DateOnly? EstablishedOn,
    DateOnly? AbolishedOn = null, string? Notes = null, Guid? HolderAssignmentId = null, int? Version = null);

/// <summary>A mission's posts on a date.</summary>
public sealed record MissionPosts(Missions.MissionDto Mission, DateOnly AsOf, IReadOnlyList<PostDto> Posts);

/// <summary>Reads and writes posts; visible and editable like the mission's registry.</summary>
public sealed class PostService(ChanceryDbContext db, ScopedData data, MissionStaffLoader loader, DefaultAsOf defaultAsOf)
{
    /// <summary>The posts of a mission on <paramref name="asOf"/>, by category and title.</summary>
    public async Task<MissionPosts> ListAsync(Guid? missionId, DateOnly? asOf, CancellationToken ct)
    {
        if (missionId is not { } id) throw ValidationFailedException.For("missionId", "missionId is required: posts are listed per mission.");
        var date = defaultAsOf.Resolve(asOf);
        var staff = await loader.LoadAsync(id, ct).ConfigureAwait(false);
        var posts = staff.Posts.OrderBy(p => p.Category).ThenBy(p => p.Title, StringComparer.Ordinal).Select(p => Dto(p, staff, date)).ToList();
        return new MissionPosts(staff.Mission, date, posts);
    }

    /// <summary>One post on <paramref name="asOf"/>.</summary>
    public async Task<PostDto> GetAsync(Guid id, DateOnly? asOf, CancellationToken ct)
    {
        var missionId = await VisiblePosts.Where(p => p.Id == id).Select(p => (Guid?)p.MissionId).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Post", id);
        var staff = await loader.LoadAsync(missionId, ct).ConfigureAwait(false);
        return Dto(staff.Posts.Single(p => p.Id == id), staff, defaultAsOf.Resolve(asOf));
    }

    /// <summary>Records a post.</summary>
    public async Task<PostDto> CreateAsync(PostInput input, CancellationToken ct)
    {
        var id = await db.InTransactionAsync(async token =>
        {
            var post = new Post { Title = "" };
            await ApplyAsync(post, input, isNew: true, token).ConfigureAwait(false);
            db.Posts.Add(post);
            await db.SaveChangesAsync(token).ConfigureAwait(false);
            return post.Id;
        }, ct).ConfigureAwait(false);
        return await GetAsync(id, null, ct).ConfigureAwait(false);
    }

    /// <summary>Updates a post; <see cref="PostInput.Version"/> must be the version read.</summary>
    public async Task<PostDto> UpdateAsync(Guid id, PostInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await db.InTransactionAsync(async token =>
        {
            var post = await VisiblePosts.FirstOrDefaultAsync(p => p.Id == id, token).ConfigureAwait(false) ?? throw new NotFoundException("Post", id);
            data.EnsureCanEditRegistryOf(post.MissionId);
            await ApplyAsync(post, input, isNew: false, token).ConfigureAwait(false);
            db.ExpectVersion(post, Versions.Require(input.Version));
            await db.SaveChangesAsync(token).ConfigureAwait(false);
            return id;
        }, ct).ConfigureAwait(false);
        return await GetAsync(id, null, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a post entered by mistake: one with no holder and no nomination on record (else set its abolition date).</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var post = await VisiblePosts.FirstOrDefaultAsync(p => p.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Post", id);
        data.EnsureCanEditRegistryOf(post.MissionId);
        var holders = await db.Assignments.CountAsync(a => a.PostId == id, ct).ConfigureAwait(false);
        var nominations = await db.Nominations.CountAsync(n => n.PostId == id, ct).ConfigureAwait(false);
        if (holders + nominations > 0)
            throw new ConflictException($"The post has {holders} holder(s) and {nominations} nomination(s) on record; set its abolishedOn date instead of deleting it.");
        if (version is { } v) db.ExpectVersion(post, v);
        db.Posts.Remove(post);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Posts at missions the caller may see.</summary>
    internal IQueryable<Post> VisiblePosts
    {
        get
        {
            var missions = data.Missions.Select(m => m.Id);
            return db.Posts.Where(p => missions.Contains(p.MissionId));
        }
    }

    private async Task ApplyAsync(Post post, PostInput? input, bool isNew, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A post is required in the request body.").ThrowIfAny();
            return;
        }
        if (input.MissionId is not { } missionId) v.Add("missionId", "missionId is required.");
        else if (!isNew && missionId != post.MissionId) v.Add("missionId", "missionId cannot change; abolish this post and establish one at the other mission.");
        else if (isNew && !await data.Missions.AnyAsync(m => m.Id == missionId, ct).ConfigureAwait(false))
            v.Add("missionId", $"missionId {missionId} does not match any mission.");
        var title = v.RequiredName("title", input.Title);
        if (input.Category is null) v.Add("category", $"category is required: {string.Join(", ", Enum.GetNames<StaffCategory>())}.");
        if (input.EstablishedOn is null) v.Add("establishedOn", "establishedOn is required.");
        v.NotBefore("abolishedOn", input.AbolishedOn, "establishedOn", input.EstablishedOn);
        var notes = v.Optional("notes", input.Notes, FieldLimits.Note);
        Assignment? holder = null;
        if (input.HolderAssignmentId is { } holderId && input.MissionId is { } mid)
        {
            holder = await db.Assignments.FirstOrDefaultAsync(a => a.Id == holderId, ct).ConfigureAwait(false);
            if (holder is null || holder.MissionId != mid)
                v.Add("holderAssignmentId", $"holderAssignmentId {holderId} is not an assignment at this mission; choose one of the mission's staff.");
            else if (holder.PostId is { } other && other != post.Id)
                v.Add("holderAssignmentId", $"holderAssignmentId {holderId} already fills another post; an assignment fills one post.");
        }
        v.ThrowIfAny();
        data.EnsureCanEditRegistryOf(input.MissionId!.Value);
        if (holder is not null && holder.PostId != post.Id)
        {
            var end = holder.EndedOn ?? DateOnly.MaxValue;
            var clash = await db.Assignments.AsNoTracking()
                .Where(a => a.PostId == post.Id && a.Id != holder.Id && a.StartOn <= end && (a.EndedOn == null || a.EndedOn >= holder.StartOn))
                .Select(a => new { a.StartOn, a.EndedOn }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (clash is not null)
                throw new ConflictException($"The post already has a holder from {clash.StartOn:yyyy-MM-dd}{(clash.EndedOn is { } e ? $" to {e:yyyy-MM-dd}" : "")}, overlapping this assignment; end that assignment first.");
            holder.PostId = post.Id;
        }
        post.MissionId = input.MissionId!.Value;
        post.Title = title;
        post.Category = input.Category!.Value;
        post.EstablishedOn = input.EstablishedOn!.Value;
        post.AbolishedOn = input.AbolishedOn;
        post.Notes = notes;
    }

    internal static PostDto Dto(Post post, MissionStaff staff, DateOnly date)
    {
        var holders = staff.HoldersByPost[post.Id].ToList();
        var nominations = staff.NominationsByPost[post.Id].ToList();
        var state = VacancyRules.StateOn(post, holders, nominations, date);
        return new PostDto(
            post.Id, post.MissionId, post.Title, post.Category, post.EstablishedOn, post.AbolishedOn, post.Notes, post.Version,
            date, state.Vacant, state.Holder is { } h ? Holder(h) : null, state.VacantSince, state.VacatesOn, state.Reason, state.Nominee, state.Replacement,
            [.. holders.OrderBy(h => h.StartOn).Select(Holder)],
            [.. nominations.OrderBy(n => n.NominatedOn).Select(n => PostRules.View(n, date))]);
    }

    private static PostHolderDto Holder(StaffFacts h) => new(h.AssignmentId, h.PersonId, h.Name, h.StartOn, h.EndedOn, h.PlannedEndOn);
}
