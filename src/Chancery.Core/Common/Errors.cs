namespace Chancery.Core.Common;

/// <summary>Input that breaks a rule; each entry names the field (as the API spells it) and what to do.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Validation failed: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    /// <summary>Messages per field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>One field, one message.</summary>
    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A record that does not exist (or that the caller may not know exists).</summary>
public sealed class NotFoundException(string entity, object id) : Exception($"{entity} {id} was not found.")
{
    /// <summary>Kind of record asked for.</summary>
    public string Entity { get; } = entity;
}

/// <summary>The request is well formed but clashes with the current state of the data (stale version, duplicate, dependants).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller may see the record but their role does not allow this change.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
