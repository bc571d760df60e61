namespace Chancery.Core.Common;

/// <summary>Column lengths, shared by the EF model and validation so the two never disagree.</summary>
public static class FieldLimits
{
    /// <summary>Names of people, cities, titles.</summary>
    public const int Name = 100;
    /// <summary>Passport and visa numbers.</summary>
    public const int DocumentNumber = 30;
    /// <summary>Visa category codes.</summary>
    public const int Code = 30;
    /// <summary>Free-text notes and reasons.</summary>
    public const int Note = 500;
    /// <summary>Folded search keys.</summary>
    public const int SearchKey = 1000;
}
