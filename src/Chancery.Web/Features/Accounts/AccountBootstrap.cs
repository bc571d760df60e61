using System.Security.Cryptography;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Demo;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Web.Features.Accounts;

/// <summary>Roles, the first administrator from the environment, and the demo's accounts.</summary>
public static class AccountBootstrap
{
    /// <summary>Creates the roles; the first administrator from CHANCERY_ADMIN_EMAIL/CHANCERY_ADMIN_PASSWORD once; demo accounts in demo mode.</summary>
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, bool demo, ILogger logger)
    {
        var users = services.GetRequiredService<UserService>();
        await users.EnsureRolesAsync();
        var email = configuration["CHANCERY_ADMIN_EMAIL"];
        var password = configuration["CHANCERY_ADMIN_PASSWORD"];
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrEmpty(password) && !await users.AnyAdministratorAsync())
        {
            try
            {
                await users.CreateAsync(new NewUserInput(email, password, [Roles.Administrator]), CancellationToken.None);
            }
            catch (ValidationFailedException refused)
            {
                // An operator's mistake in the environment, not a fault of the app: say which variable and why, once.
                throw new StartupRefusedException("Chancery did not start: " + string.Join(" ", refused.Errors.Select(e =>
                    $"{(e.Key == "password" ? "CHANCERY_ADMIN_PASSWORD" : e.Key == "email" ? "CHANCERY_ADMIN_EMAIL" : e.Key)} is refused: {string.Join(" ", e.Value)}")));
            }
            logger.LogInformation("Created the first administrator {Email} from the environment.", email);
        }
        if (demo)
            services.GetRequiredService<DemoAccounts>().Set(await DemoAccountsAsync(services, users));
    }

    private static async Task<IReadOnlyList<(string, string, string)>> DemoAccountsAsync(IServiceProvider services, UserService users)
    {
        var db = services.GetRequiredService<ChanceryDbContext>();
        var manager = services.GetRequiredService<UserManager<ChanceryUser>>();
        var embassy = await db.Missions.Where(m => m.SendingStateCode == DemoSeeder.SendingState && m.ReceivingStateCode == DemoSeeder.HostState && m.City == "Washington")
            .Select(m => m.Id).FirstAsync();
        (string Email, string Role, Guid[] Missions, string? State)[] wanted =
        [
            ("admin@chancery.example", Roles.Administrator, [], null),
            ("protocol@chancery.example", Roles.ProtocolOfficer, [], DemoSeeder.HostState),
            ("embassy@chancery.example", Roles.MissionAdministrator, [embassy], null),
            ("auditor@chancery.example", Roles.Auditor, [], null),
        ];
        var result = new List<(string, string, string)>();
        foreach (var (email, role, missions, state) in wanted)
        {
            // A fresh random password at every start: nothing secret lives in the repository.
            var password = string.Join('-', Enumerable.Range(0, 4).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))));
            if (await manager.FindByEmailAsync(email) is { } existing)
                await users.ResetPasswordAsync(existing.Id, password, CancellationToken.None);
            else
                await users.CreateAsync(new NewUserInput(email, password, [role], missions, state, $"Demo {role}"), CancellationToken.None);
            result.Add((email, password, role));
        }
        return result;
    }
}

/// <summary>A setting that stops the start, with the one line that tells the operator what to change.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
