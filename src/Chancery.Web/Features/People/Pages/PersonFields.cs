using Chancery.Core.People;

namespace Chancery.Web.Features.People.Pages;

/// <summary>The person form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class PersonFields
{
    /// <summary>Family name, original script.</summary>
    public string? FamilyName { get; set; }
    /// <summary>Given names, original script.</summary>
    public string? GivenNames { get; set; }
    /// <summary>Family name in Latin letters.</summary>
    public string? FamilyNameLatin { get; set; }
    /// <summary>Given names in Latin letters.</summary>
    public string? GivenNamesLatin { get; set; }
    /// <summary>Date of birth.</summary>
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>Nationality code.</summary>
    public string? NationalityCode { get; set; }
    /// <summary>Gender.</summary>
    public Gender? Gender { get; set; }
    /// <summary>Passport number.</summary>
    public string? PassportNumber { get; set; }
    /// <summary>Passport type.</summary>
    public PassportType? PassportType { get; set; }
    /// <summary>Passport issuer.</summary>
    public string? PassportIssuingStateCode { get; set; }
    /// <summary>Passport expiry.</summary>
    public DateOnly? PassportExpiresOn { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored person.</summary>
    public static PersonFields From(PersonDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            FamilyName = p.FamilyName, GivenNames = p.GivenNames, FamilyNameLatin = p.FamilyNameLatin, GivenNamesLatin = p.GivenNamesLatin,
            DateOfBirth = p.DateOfBirth, NationalityCode = p.NationalityCode, Gender = p.Gender, PassportNumber = p.PassportNumber,
            PassportType = p.PassportType, PassportIssuingStateCode = p.PassportIssuingStateCode, PassportExpiresOn = p.PassportExpiresOn, Version = p.Version,
        };
    }

    /// <summary>What the service takes.</summary>
    public PersonInput ToInput() => new(
        FamilyName, GivenNames, FamilyNameLatin, GivenNamesLatin, DateOfBirth, NationalityCode, Gender,
        PassportNumber, PassportType, PassportIssuingStateCode, PassportExpiresOn, Version);
}
