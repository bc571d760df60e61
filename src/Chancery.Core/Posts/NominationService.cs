using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Posts;

/// <summary>A nomination as the API shows it: as recorded, and its status on the as-of date derived from its visa application.</summary>
public sealed record NominationDto(
    Guid Id, Guid PostId, string PostTitle, Guid MissionId, Guid NomineeId, string NomineeName, DateOnly NominatedOn,
    Guid? VisaApplicationId, DateOnly? ExpectedArrivalOn, NominationStatus RecordedStatus, string? Notes, int Version,
    DateOnly AsOf, NominationStatus Status, int? DaysPending, string Replacement);

/// <summary>What a client sends to create or update a nomination. Status records Proposed, Arrived or Withdrawn; the visa statuses come from the linked application.</summary>
public sealed record NominationInput(
    Guid? PostId, Guid? NomineeId, DateOnly? NominatedOn, Guid? VisaApplicationId = null, DateOnly? ExpectedArrivalOn = null,
    NominationStatus? Status = null, string? Notes = null, int? Version = null);

/// <summary>Reads and writes nominations; visible with their post's mission, written by that mission's administrators.</summary>
public sealed class NominationService(ChanceryDbContext db, ScopedData data, PostService posts, MissionStaffLoader loader, DefaultAsOf defaultAsOf)
{
    /// <summary>Nominations for a post or a mission, oldest first, with their status on <paramref name="asOf"/>.</summary>
    public async Task<IReadOnlyList<NominationDto>> ListAsync(Guid? postId, Guid? missionId, DateOnly? asOf, CancellationToken ct)
    {
        var mission = missionId ?? (postId is { } p
            ? await posts.VisiblePosts.Where(x => x.Id == p).Select(x => (Guid?)x.MissionId).FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? throw new NotFoundException("Post", p)
            : throw ValidationFailedException.For("missionId", "missionId or postId is required: nominations are listed per mission or per post."));
        var staff = await loader.LoadAsync(mission, ct).ConfigureAwait(false);
        var date = defaultAsOf.Resolve(asOf);
        return [.. staff.Nominations.Where(n => postId is null || n.PostId == postId).OrderBy(n => n.NominatedOn).ThenBy(n => n.Id).Select(n => Dto(n, staff, date))];
    }

    /// <summary>One nomination on <paramref name="asOf"/>.</summary>
    public async Task<NominationDto> GetAsync(Guid id, DateOnly? asOf, CancellationToken ct)
    {
        var missionId = await Visible.Where(n => n.Id == id).Select(n => (Guid?)n.Post!.MissionId).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Nomination", id);
        var staff = await loader.LoadAsync(missionId, ct).ConfigureAwait(false);
        return Dto(staff.Nominations.Single(n => n.Id == id), staff, defaultAsOf.Resolve(asOf));
    }

    /// <summary>Records a nomination for a post vacant, or to be vacant within a year, on the nomination day.</summary>
    public async Task<NominationDto> CreateAsync(NominationInput input, CancellationToken ct)
    {
        var id = await db.InTransactionAsync(async token =>
        {
            var nomination = new Nomination();
            await ApplyAsync(nomination, input, isNew: true, token).ConfigureAwait(false);
            db.Nominations.Add(nomination);
            await db.SaveChangesAsync(token).ConfigureAwait(false);
            return nomination.Id;
        }, ct).ConfigureAwait(false);
        return await GetAsync(id, null, ct).ConfigureAwait(false);
    }

    /// <summary>Updates a nomination (links its application, records arrival or withdrawal); send the version read.</summary>
    public async Task<NominationDto> UpdateAsync(Guid id, NominationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await db.InTransactionAsync(async token =>
        {
            var nomination = await Visible.Include(n => n.Post).FirstOrDefaultAsync(n => n.Id == id, token).ConfigureAwait(false)
                ?? throw new NotFoundException("Nomination", id);
            data.EnsureCanEditRegistryOf(nomination.Post!.MissionId);
            await ApplyAsync(nomination, input, isNew: false, token).ConfigureAwait(false);
            db.ExpectVersion(nomination, Versions.Require(input.Version));
            await db.SaveChangesAsync(token).ConfigureAwait(false);
            return id;
        }, ct).ConfigureAwait(false);
        return await GetAsync(id, null, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a nomination entered by mistake (one that was given up should be recorded as withdrawn).</summary>
    public async Task DeleteAsync(Guid id, int? version, CancellationToken ct)
    {
        var nomination = await Visible.Include(n => n.Post).FirstOrDefaultAsync(n => n.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Nomination", id);
        data.EnsureCanEditRegistryOf(nomination.Post!.MissionId);
        if (version is { } v) db.ExpectVersion(nomination, v);
        db.Nominations.Remove(nomination);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private IQueryable<Nomination> Visible
    {
        get
        {
            var visible = posts.VisiblePosts.Select(p => p.Id);
            return db.Nominations.Where(n => visible.Contains(n.PostId));
        }
    }

    private async Task ApplyAsync(Nomination nomination, NominationInput? input, bool isNew, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A nomination is required in the request body.").ThrowIfAny();
            return;
        }
        Post? post = null;
        if (input.PostId is not { } postId) v.Add("postId", "postId is required.");
        else if (!isNew && postId != nomination.PostId) v.Add("postId", "postId cannot change; withdraw this nomination and nominate for the other post.");
        else if ((post = await posts.VisiblePosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct).ConfigureAwait(false)) is null)
            v.Add("postId", $"postId {postId} does not match any post.");
        if (input.NomineeId is not { } nomineeId) v.Add("nomineeId", "nomineeId is required.");
        else if (!await data.People.AnyAsync(p => p.Id == nomineeId, ct).ConfigureAwait(false))
            v.Add("nomineeId", $"nomineeId {nomineeId} does not match any person; record the nominee first.");
        if (input.NominatedOn is not { } nominatedOn) v.Add("nominatedOn", "nominatedOn is required.");
        else if (post is not null && !post.ExistsOn(nominatedOn))
            v.Add("nominatedOn", $"nominatedOn {nominatedOn:yyyy-MM-dd} is outside the post's existence (established {post.EstablishedOn:yyyy-MM-dd}{(post.AbolishedOn is { } ab ? $", abolished {ab:yyyy-MM-dd}" : "")}).");
        v.NotBefore("expectedArrivalOn", input.ExpectedArrivalOn, "nominatedOn", input.NominatedOn);
        if (input.VisaApplicationId is { } applicationId && input.NomineeId is { } nominee
            && !await data.VisaApplications.AnyAsync(a => a.Id == applicationId && a.ApplicantId == nominee, ct).ConfigureAwait(false))
            v.Add("visaApplicationId", $"visaApplicationId {applicationId} is not a visa application of nominee {nominee}; record the nominee's application first.");
        var status = input.Status ?? NominationStatus.Proposed;
        if (status is not (NominationStatus.Proposed or NominationStatus.Arrived or NominationStatus.Withdrawn))
            v.Add("status", $"status {status} is derived from the linked visa application; record Proposed, Arrived or Withdrawn and link the application (visaApplicationId).");
        var notes = v.Optional("notes", input.Notes, FieldLimits.Note);
        v.ThrowIfAny();
        data.EnsureCanEditRegistryOf(post!.MissionId);
        if (isNew)
        {
            // A replacement is for a post that is empty, or will be within a year, on the day of the nomination.
            var staff = await loader.LoadAsync(post.MissionId, ct).ConfigureAwait(false);
            var day = input.NominatedOn!.Value;
            var state = VacancyRules.StateOn(post, [.. staff.HoldersByPost[post.Id]], [], day);
            if (!state.Vacant && (state.VacatesOn is not { } vacates || vacates > day.AddDays(VacancyRules.MaxWithinDays)))
                throw ValidationFailedException.For("postId",
                    $"postId {post.Id} ({post.Title}) is held by {state.Holder!.Name} on {day:yyyy-MM-dd} with no departure within {VacancyRules.MaxWithinDays} days; nominate for a post that is vacant or about to be.");
        }
        nomination.PostId = post.Id;
        nomination.NomineeId = input.NomineeId!.Value;
        nomination.NominatedOn = input.NominatedOn!.Value;
        nomination.VisaApplicationId = input.VisaApplicationId;
        nomination.ExpectedArrivalOn = input.ExpectedArrivalOn;
        nomination.Status = status;
        nomination.Notes = notes;
    }

    private static NominationDto Dto(NominationFacts n, MissionStaff staff, DateOnly date)
    {
        var view = PostRules.View(n, date);
        var post = staff.Posts.Single(p => p.Id == n.PostId);
        return new NominationDto(
            n.Id, n.PostId, post.Title, staff.Mission.Id, n.NomineeId, n.NomineeName, n.NominatedOn, n.Application?.Id, n.ExpectedArrivalOn, n.Recorded,
            n.Notes, n.Version, date, view.Status, view.DaysPending, view.Replacement);
    }
}
