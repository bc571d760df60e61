namespace Chancery.Core.Common;

/// <summary>Collects field errors and throws them together, so a user sees every problem at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether any error was recorded.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Records an error against a field.</summary>
    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }
        list.Add(message);
        return this;
    }

    /// <summary>A required text: present, not blank, at most <paramref name="max"/> characters.</summary>
    public string Required(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
            return "";
        }
        return Length(field, value, max)!;
    }

    /// <summary>An optional text of at most <paramref name="max"/> characters; blank becomes null.</summary>
    public string? Optional(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : Length(field, value, max);

    /// <summary>A required name (see <see cref="NameText"/>): present, at most <see cref="FieldLimits.Name"/> characters, no control or invisible characters.</summary>
    public string RequiredName(string field, string? value)
    {
        var name = Required(field, value, FieldLimits.Name);
        return CheckName(field, name) ?? "";
    }

    /// <summary>An optional name (see <see cref="NameText"/>); blank becomes null.</summary>
    public string? OptionalName(string field, string? value) => CheckName(field, Optional(field, value, FieldLimits.Name));

    private string? CheckName(string field, string? name)
    {
        if (name is not null && NameText.Problem(field, name) is { } problem) Add(field, problem);
        return name;
    }

    private string? Length(string field, string value, int max)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > max)
            Add(field, $"{field} is {trimmed.Length} characters long; the limit is {max}.");
        return trimmed;
    }

    /// <summary>A date that must not come before another.</summary>
    public void NotBefore(string field, DateOnly? value, string otherField, DateOnly? other)
    {
        if (value is { } v && other is { } o && v < o)
            Add(field, $"{field} {v:yyyy-MM-dd} is before {otherField} {o:yyyy-MM-dd}; it must be on or after it.");
    }

    /// <summary>Throws when any error was recorded.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}
