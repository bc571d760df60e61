using Chancery.Core.Common;

namespace Chancery.Core.People;

/// <summary>Gender as recorded in the travel document; optional.</summary>
public enum Gender
{
    /// <summary>Female.</summary>
    Female,
    /// <summary>Male.</summary>
    Male,
    /// <summary>Other or unspecified (X in ICAO documents).</summary>
    Unspecified,
}

/// <summary>Kind of passport.</summary>
public enum PassportType
{
    /// <summary>Diplomatic passport.</summary>
    Diplomatic,
    /// <summary>Service or official passport.</summary>
    Service,
    /// <summary>Ordinary passport.</summary>
    Ordinary,
}

/// <summary>A human being on record: staff member, family member or nominee.</summary>
public sealed class Person : Entity
{
    /// <summary>Family name in the original script (e.g. Cyrillic).</summary>
    public required string FamilyName { get; set; }

    /// <summary>Given names in the original script.</summary>
    public required string GivenNames { get; set; }

    /// <summary>Family name in Latin letters, as in the passport.</summary>
    public string? FamilyNameLatin { get; set; }

    /// <summary>Given names in Latin letters, as in the passport.</summary>
    public string? GivenNamesLatin { get; set; }

    /// <summary>Date of birth.</summary>
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>ISO code of nationality.</summary>
    public required string NationalityCode { get; set; }

    /// <summary>Gender, when recorded.</summary>
    public Gender? Gender { get; set; }

    /// <summary>Passport number; unique per issuing state.</summary>
    public string? PassportNumber { get; set; }

    /// <summary>Diplomatic, service or ordinary.</summary>
    public PassportType? PassportType { get; set; }

    /// <summary>ISO code of the state that issued the passport.</summary>
    public string? PassportIssuingStateCode { get; set; }

    /// <summary>Passport expiry.</summary>
    public DateOnly? PassportExpiresOn { get; set; }

    /// <summary>
    /// The account that recorded the person. Until the person is linked to a mission (assignment,
    /// household), only that account and roles that see everything can find the record.
    /// </summary>
    public Guid? RegisteredByUserId { get; set; }

    /// <summary>Folded names for search (see <see cref="SearchText"/>); maintained by the context.</summary>
    public string SearchKey { get; set; } = "";

    /// <summary>Assignments of this person to missions.</summary>
    public List<Assignment> Assignments { get; set; } = [];

    /// <summary>Visas held.</summary>
    public List<Visas.Visa> Visas { get; set; } = [];

    /// <summary>Display name: Latin form when present, with the original.</summary>
    public string DisplayName =>
        FamilyNameLatin is { Length: > 0 } ? $"{FamilyNameLatin}, {GivenNamesLatin}" : $"{FamilyName}, {GivenNames}";

    /// <summary>Recomputes <see cref="SearchKey"/> from the names.</summary>
    public void RefreshSearchKey() =>
        SearchKey = SearchText.KeyFor(FamilyName, GivenNames, FamilyNameLatin, GivenNamesLatin,
            $"{GivenNames} {FamilyName}", $"{GivenNamesLatin} {FamilyNameLatin}");
}
