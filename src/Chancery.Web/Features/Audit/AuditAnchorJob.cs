using Chancery.Core.Accounts;
using Chancery.Core.Audit;

namespace Chancery.Web.Features.Audit;

/// <summary>
/// Anchors the audit chain's head outside the database every <c>Audit:AnchorIntervalMinutes</c> (60 by default; 0 turns
/// it off), so that a tail deleted between two verifications is still caught. The work is
/// <see cref="AuditAnchoring.AnchorAsync"/>, callable from any scheduler.
/// </summary>
public sealed class AuditAnchorJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<AuditAnchorJob> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Audit:AnchorIntervalMinutes", 60);
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AccessScopeOverride>().Scope = AccessScope.System;
                await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed round (database restarting) must not end the schedule.
                logger.LogError(ex, "Anchoring the audit chain failed; trying again in {Minutes} minutes.", minutes);
            }
        }
    }
}
