using Chancery.Core.Common;
using Chancery.Core.People;
using Chancery.Web.Components.Shared;

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
    public string? DateOfBirth { get; set; }
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
    public string? PassportExpiresOn { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored person.</summary>
    public static PersonFields From(PersonDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            FamilyName = p.FamilyName,
            GivenNames = p.GivenNames,
            FamilyNameLatin = p.FamilyNameLatin,
            GivenNamesLatin = p.GivenNamesLatin,
            DateOfBirth = IsoDate.Format(p.DateOfBirth),
            NationalityCode = p.NationalityCode,
            Gender = p.Gender,
            PassportNumber = p.PassportNumber,
            PassportType = p.PassportType,
            PassportIssuingStateCode = p.PassportIssuingStateCode,
            PassportExpiresOn = IsoDate.Format(p.PassportExpiresOn),
            Version = p.Version,
        };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public PersonInput ToInput()
    {
        var errors = new Validator();
        var input = new PersonInput(
            FamilyName, GivenNames, FamilyNameLatin, GivenNamesLatin, IsoDate.Read(errors, "dateOfBirth", DateOfBirth), NationalityCode, Gender,
            PassportNumber, PassportType, PassportIssuingStateCode, IsoDate.Read(errors, "passportExpiresOn", PassportExpiresOn), Version);
        errors.ThrowIfAny();
        return input;
    }
}
