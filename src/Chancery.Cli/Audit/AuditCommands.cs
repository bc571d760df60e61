using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Audit;

/// <summary>`chancery audit ...`: the hash-chained audit trail.</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check that the audit trail's hash chain is intact; exit code 3 and the first broken entry if not.");
        verify.SetAction(async (parsed, ct) =>
        {
            var code = 0;
            var run = await CliHost.RunServicesAsync(parsed, async (services, token) =>
            {
                await CliHost.RequireMigratedAsync(services, token).ConfigureAwait(false);
                var result = await services.GetRequiredService<AuditService>().VerifyAsync(token).ConfigureAwait(false);
                if (result.Intact)
                {
                    Console.Out.WriteLine($"intact: {result.Message}");
                }
                else
                {
                    Console.Error.WriteLine($"chancery: audit trail broken at entry {result.FirstBrokenSequence}: {result.Message}");
                    code = 3;
                }
            }, ct).ConfigureAwait(false);
            return run != 0 ? run : code;
        });
        var anchor = new Command("anchor",
            "Print the chain's head (entry, hash, where the keyed chain starts, key id) for paper records, and append it to the anchor file; exit code 3 if the trail no longer reaches the last anchor.");
        anchor.SetAction(async (parsed, ct) =>
        {
            var code = 0;
            var run = await CliHost.RunServicesAsync(parsed, async (services, token) =>
            {
                await CliHost.RequireMigratedAsync(services, token).ConfigureAwait(false);
                var result = await services.GetRequiredService<AuditAnchoring>().AnchorAsync(token).ConfigureAwait(false);
                if (result.Problem is not null)
                {
                    Console.Error.WriteLine($"chancery: audit trail not anchored: {result.Problem}");
                    code = 3;
                    return;
                }
                Console.Out.WriteLine($"head: {result.Head}");
                Console.Out.WriteLine(result.Written ? $"anchored to {result.AnchorFile}" : $"already anchored in {result.AnchorFile}");
            }, ct).ConfigureAwait(false);
            return run != 0 ? run : code;
        });
        return new Command("audit", "The audit trail.") { verify, anchor };
    }
}
