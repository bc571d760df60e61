using Chancery.Core.Audit;
using Chancery.Core.Common;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Audit;

/// <summary>/api/v1/audit: the hash-chained trail of every change (auditors and administrators).</summary>
public static class AuditApi
{
    /// <summary>Maps the audit endpoints.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
        api.MapGet("/", ListAudit).WithName("ListAudit").WithSummary("Audit entries filtered by record, person, user or dates; newest first");
        api.MapGet("/verify", VerifyAudit).WithName("VerifyAudit").WithSummary("Whether the hash chain is intact and, if not, the first broken entry");
        return api;
    }

    static async Task<Ok<Page<AuditEntryDto>>> ListAudit(
        string? entityType, string? entityId, Guid? personId, string? user, DateOnly? from, DateOnly? to, [AsParameters] Paging paging, AuditService audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(new AuditQuery(entityType, entityId, personId, user, from, to), paging.ToRequest(), ct));

    static async Task<Ok<AuditVerification>> VerifyAudit(AuditService audit, CancellationToken ct) => TypedResults.Ok(await audit.VerifyAsync(ct));
}
