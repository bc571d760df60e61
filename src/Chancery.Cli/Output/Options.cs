using System.CommandLine;
using System.Globalization;

namespace Chancery.Cli.Output;

/// <summary>Options whose values are held to the API's rules: dates as yyyy-mm-dd, enum values by name.</summary>
internal static class StrictOptions
{
    /// <summary>A date option; a value that is not yyyy-mm-dd is a usage error naming the option.</summary>
    public static Option<string?> Date(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description + " (yyyy-mm-dd)" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                result.AddError($"{name} '{value}' is not a date; write it as yyyy-mm-dd, e.g. 2021-09-03.");
        });
        return option;
    }

    /// <summary>An enum option by name; numbers and unknown names are a usage error listing the names.</summary>
    public static Option<string?> Enum<TEnum>(string name, string description) where TEnum : struct, System.Enum
    {
        var option = new Option<string?>(name) { Description = $"{description}: {string.Join(", ", System.Enum.GetNames<TEnum>())}." };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && ParseEnum<TEnum>(value) is null)
                result.AddError($"{name} '{value}' is not known; use one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        });
        return option;
    }

    /// <summary>The value of a <see cref="Date"/> option.</summary>
    public static DateOnly? GetDate(this ParseResult parsed, Option<string?> option) =>
        parsed.GetValue(option) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>The value of an <see cref="Enum{TEnum}"/> option.</summary>
    public static TEnum? GetEnum<TEnum>(this ParseResult parsed, Option<string?> option) where TEnum : struct, System.Enum =>
        parsed.GetValue(option) is { } text ? ParseEnum<TEnum>(text) : null;

    private static TEnum? ParseEnum<TEnum>(string text) where TEnum : struct, System.Enum =>
        !text.Any(char.IsDigit) && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value : null;
}
