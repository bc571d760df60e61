using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Core.Accounts;

/// <summary>
/// Account rules after OWASP ASVS 5.0 §6.2: at least 12 characters, long passphrases allowed (up to
/// 128), no composition rules, common and breached passwords refused, no forced rotation. Identity's
/// defaults (8 characters, digit + upper + lower + symbol) contradict this, so they are replaced here.
/// </summary>
public static class PasswordPolicy
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinimumLength = 12;
    /// <summary>Longest password accepted (ASVS asks that at least 64 be allowed).</summary>
    public const int MaximumLength = 128;
    /// <summary>Failed sign-ins before the account is locked.</summary>
    public const int MaxFailedAttempts = 5;
    /// <summary>How long a lockout lasts.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Applies the policy to Identity's options.</summary>
    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = MinimumLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.User.RequireUniqueEmail = true;
        // A disabled account counts as unconfirmed, so SignInManager refuses it (see ActiveAccountConfirmation).
        options.SignIn.RequireConfirmedAccount = true;
    }

    /// <summary>Identity core services with the policy, the EF stores and the extra validators; shared by web and CLI.</summary>
    public static IdentityBuilder AddChanceryIdentityCore(this IServiceCollection services)
    {
        var builder = services.AddIdentityCore<ChanceryUser>(Apply)
            .AddRoles<Microsoft.AspNetCore.Identity.IdentityRole<Guid>>()
            .AddEntityFrameworkStores<Data.ChanceryDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddScoped<IUserConfirmation<ChanceryUser>, ActiveAccountConfirmation>();
        return builder;
    }
}

/// <summary>Refuses passwords that are too long, common, a common password padded with digits or symbols, or built from the e-mail.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ChanceryUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <inheritdoc />
    public Task<IdentityResult> ValidateAsync(UserManager<ChanceryUser> manager, ChanceryUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<IdentityError>();
        password ??= "";
        if (password.Length > PasswordPolicy.MaximumLength)
            errors.Add(new() { Code = "PasswordTooLong", Description = $"Passwords can be at most {PasswordPolicy.MaximumLength} characters long." });
        if (IsCommon(password))
            errors.Add(new() { Code = "PasswordCommon", Description = "This password is on the list of common or breached passwords; choose a longer passphrase of unrelated words." });
        var local = (user.Email ?? user.UserName ?? "").Split('@')[0].ToLowerInvariant();
        if (local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase))
            errors.Add(new() { Code = "PasswordContainsUserName", Description = "The password must not contain the account's name." });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>
    /// Whether <paramref name="password"/> is a common password, a common password repeated, or a common
    /// password with only digits and symbols around it ("password1234!", "qwerty123456").
    /// </summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower)) return true;
        var core = lower.Trim("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        if (core.Length >= 4 && Common.Value.Contains(core)) return true;
        for (var size = 3; size <= lower.Length / 2; size++)
        {
            if (lower.Length % size != 0) continue;
            var unit = lower[..size];
            if (string.Concat(Enumerable.Repeat(unit, lower.Length / size)) == lower) return true;
        }
        return lower.Distinct().Count() <= 2 || IsRun(lower);
    }

    // "123456789012345", "abcdefghijklm", "9876543210987": keyboard-free runs that brute-force lists try first.
    private static bool IsRun(string text)
    {
        static int Step(char a, char b) => char.IsDigit(a) && char.IsDigit(b) ? ((b - a) % 10 + 10) % 10 : b - a;
        if (text.Length < 2) return false;
        var step = Step(text[0], text[1]);
        if (step is not (1 or -1 or 9)) return false;
        for (var i = 2; i < text.Length; i++)
            if (Step(text[i - 1], text[i]) != step) return false;
        return true;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Chancery.Core.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) set.Add(line);
        return set;
    }
}

/// <summary>Treats a disabled account as unconfirmed, so no sign-in (password, refresh, two-factor) succeeds for it.</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<ChanceryUser>
{
    /// <inheritdoc />
    public Task<bool> IsConfirmedAsync(UserManager<ChanceryUser> manager, ChanceryUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(!user.IsDisabled);
    }
}
