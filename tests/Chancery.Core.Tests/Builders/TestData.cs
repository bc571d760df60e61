using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;

namespace Chancery.Core.Tests.Builders;

/// <summary>
/// Valid inputs with unique values, so each test makes its own rows and never collides with another's.
/// Vary a field with a `with` expression: <c>A.Mission() with { City = null }</c>.
/// </summary>
public static class A
{
    /// <summary>A short unique suffix.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>An embassy of France in Germany in a uniquely named city.</summary>
    public static MissionInput Mission(string sending = "FR", string receiving = "DE") =>
        new(sending, receiving, MissionKind.Embassy, "City " + Unique());

    /// <summary>A Russian national with Cyrillic and passport (ICAO) names and a unique Russian passport.</summary>
    public static PersonInput Person(string familyName = "Петрова", string givenNames = "Анна", string? familyNameLatin = "Petrova", string? givenNamesLatin = "Anna") =>
        new(familyName, givenNames, familyNameLatin, givenNamesLatin, new DateOnly(1980, 4, 12), "RU",
            PassportNumber: Passport(), PassportType: PassportType.Diplomatic, PassportIssuingStateCode: "RU", PassportExpiresOn: new DateOnly(2030, 1, 1));

    /// <summary>A unique passport number.</summary>
    public static string Passport() => "P" + Unique().ToUpperInvariant();

    /// <summary>An open diplomatic assignment starting 2024-09-01.</summary>
    public static AssignmentInput Assignment(Guid personId, Guid missionId) =>
        new(personId, missionId, StaffCategory.Diplomatic, "First Secretary", new DateOnly(2024, 9, 1));

    /// <summary>A spouse in the household of <paramref name="principalAssignmentId"/>.</summary>
    public static FamilyMemberInput Spouse(Guid personId, Guid principalAssignmentId) =>
        new(personId, principalAssignmentId, Relationship.Spouse, new DateOnly(2024, 9, 1));

    /// <summary>A one-year multiple-entry visa issued by Germany.</summary>
    public static VisaInput Visa(Guid holderId) =>
        new(holderId, "DE", "D", new DateOnly(2024, 9, 1), new DateOnly(2025, 8, 31), VisaEntries.Multiple, Number: "V" + Unique());
}

/// <summary>A visa entity for the pure rules (no database).</summary>
public static class VisaBuilder
{
    public static Visa Valid(DateOnly from, DateOnly until, DateOnly? cancelledOn = null) => new()
    {
        IssuingStateCode = "DE",
        CategoryCode = "D",
        ValidFrom = from,
        ValidUntil = until,
        CancelledOn = cancelledOn,
    };
}
