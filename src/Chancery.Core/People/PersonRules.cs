using Chancery.Core.Accounts;

namespace Chancery.Core.People;

/// <summary>
/// Rules on a person's own fields shared by every write path (API, forms, import): how passport numbers are written,
/// that a masked number is never taken for a real one, which birth dates are plausible, and what a caller is told
/// when a passport number is already on record.
/// </summary>
public static class PersonRules
{
    /// <summary>Oldest age accepted for a date of birth: a living person, with a margin.</summary>
    public const int MaxAgeYears = 130;

    /// <summary>A passport number as stored: upper case, without spaces.</summary>
    public static string? NormalisePassport(string? number) => number?.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);

    /// <summary>
    /// What is wrong with a passport number as given, or null: a number masked the way Chancery shows it to roles that do
    /// not see whole numbers (<see cref="AccessScope.Mask"/>) is refused, so that a masked export imported back (or a
    /// masked value copied from a list) does not create a second person under a number nobody holds.
    /// </summary>
    public static string? PassportProblem(string field, string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (number.Contains(AccessScope.MaskCharacter, StringComparison.Ordinal))
            return $"{field} '{number}' is masked (Chancery shows only the last characters to roles that do not see whole numbers), not a passport number; "
                + "give the whole number, e.g. from an export made by a mission administrator or protocol officer.";
        return Common.NameText.Problem(field, number);
    }

    /// <summary>What is wrong with a date of birth on <paramref name="today"/>, or null: not in the future, not more than <see cref="MaxAgeYears"/> years back.</summary>
    public static string? BirthDateProblem(string field, DateOnly? born, DateOnly today)
    {
        if (born is not { } b) return null;
        if (b > today) return $"{field} {b:yyyy-MM-dd} is in the future; check the year.";
        if (b < today.AddYears(-MaxAgeYears)) return $"{field} {b:yyyy-MM-dd} is more than {MaxAgeYears} years ago; check the year.";
        return null;
    }

    /// <summary>
    /// The one answer to a passport number that is already on record, whoever holds it: in the caller's missions, in
    /// another mission the caller may not see, or written by someone else a moment ago. It names nothing about the record
    /// (no name, no mission, not whether the details given match), so it tells a caller who guesses numbers no more than
    /// the unique key itself must: that the number is taken.
    /// </summary>
    public static string PassportOnRecord(string? number, string? issuingState) =>
        $"Passport {number} issued by {issuingState} is already on record and cannot be given to a new person: find the person among your missions' people, "
        + "or ask whoever administers their record to add them to your mission.";
}
