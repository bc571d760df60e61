namespace Chancery.Core.Import;

/// <summary>
/// The fields an import fills, which are also the column headers of Chancery's own export format (so an export
/// imports back without a mapping). A people file has one fact per row — an assignment, a household link or a
/// visa — with the person's columns repeated; a person with none of them has one row of their own.
/// </summary>
public static class ImportFields
{
    /// <summary>Person columns.</summary>
    public static readonly string[] Person =
    [
        "familyName", "givenNames", "familyNameLatin", "givenNamesLatin", "dateOfBirth", "nationality", "gender",
        "passportNumber", "passportType", "passportIssuingState", "passportExpiresOn",
    ];

    /// <summary>The mission an assignment or household link is at (its natural key).</summary>
    public static readonly string[] MissionKey = ["missionSendingState", "missionReceivingState", "missionCity", "missionKind"];

    /// <summary>Assignment columns.</summary>
    public static readonly string[] Assignment =
        ["category", "title", "rank", "startOn", "notifiedArrivalOn", "plannedEndOn", "endedOn", "endReason"];

    /// <summary>Household-link columns: the principal (by passport) whose assignment at the mission the person belongs to.</summary>
    public static readonly string[] Family =
        ["principalPassportNumber", "principalPassportIssuingState", "relationship", "householdStartOn", "householdEndedOn"];

    /// <summary>Visa columns.</summary>
    public static readonly string[] Visa =
    [
        "visaIssuingState", "visaCategory", "visaNumber", "visaIssuedOn", "visaValidFrom", "visaValidUntil",
        "visaEntries", "visaEntriesUsed", "visaCancelledOn", "visaCancellationReason",
    ];

    /// <summary>Every people field, in the order of the export.</summary>
    public static readonly string[] People = [.. Person, .. MissionKey, .. Assignment, .. Family, .. Visa];

    /// <summary>Every mission field, in the order of the export.</summary>
    public static readonly string[] Missions = ["sendingState", "receivingState", "city", "kind", "status", "openedOn", "closedOn"];

    /// <summary>Fields a file must have a column (or a default) for.</summary>
    public static string[] Required(ImportTarget target) => target == ImportTarget.People
        ? ["familyName", "givenNames", "nationality"]
        : ["sendingState", "receivingState", "city", "kind"];

    /// <summary>All fields of a target.</summary>
    public static string[] For(ImportTarget target) => target == ImportTarget.People ? People : Missions;
}
