using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Cli.Output;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Users;

/// <summary>`chancery users ...`: accounts (the first administrator is created here).</summary>
internal static class UsersCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "E-mail address, used to sign in.", Required = true };
        var role = new Option<string[]>("--role") { Description = $"Role(s): {string.Join(", ", Roles.All)}.", Required = true, AllowMultipleArgumentsPerToken = true };
        var mission = new Option<Guid[]>("--mission") { Description = "Mission id(s) a mission administrator may work on.", AllowMultipleArgumentsPerToken = true };
        var state = new Option<string?>("--state") { Description = "Receiving state (ISO code) of a protocol officer." };
        var add = new Command("add", "Create an account. The password is asked for without echo (or read from standard input when it is not a terminal).")
        {
            email, role, mission, state,
        };
        add.SetServiceAction(async (parsed, services, ct) =>
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct).ConfigureAwait(false);
            var password = ReadPassword($"Password for {parsed.GetValue(email)} (at least {PasswordPolicy.MinimumLength} characters): ");
            var created = await services.GetRequiredService<UserService>().CreateAsync(
                new NewUserInput(parsed.GetValue(email), password, parsed.GetValue(role), parsed.GetValue(mission), parsed.GetValue(state)), ct).ConfigureAwait(false);
            Console.Out.WriteLine($"Created {created.Email} ({string.Join(", ", created.Roles)}).");
        });

        var list = new Command("list", "List accounts with their roles.");
        list.SetListAction(
            async (_, services, page, ct) =>
            {
                var all = await services.GetRequiredService<UserService>().ListAsync(ct).ConfigureAwait(false);
                return new Core.Common.Page<UserDto>(all, all.Count, 1, Math.Max(1, all.Count));
            },
            new Column<UserDto>("Email", u => u.Email),
            new Column<UserDto>("Roles", u => string.Join(" ", u.Roles)),
            new Column<UserDto>("State", u => u.ProtocolStateCode ?? ""),
            new Column<UserDto>("Missions", u => u.MissionIds.Count),
            new Column<UserDto>("Disabled", u => u.IsDisabled));

        return new Command("users", "Accounts and roles.") { add, list };
    }

    /// <summary>Reads a password from the terminal without echo, or one line from redirected standard input.</summary>
    private static string ReadPassword(string prompt)
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine() ?? throw new CliException("no password on standard input.");
        Console.Error.Write(prompt);
        var chars = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (chars.Length > 0) chars.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) chars.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return chars.ToString();
    }
}
