namespace Chancery.Web.Tests.Builders;

/// <summary>Values no other test uses, so tests never see each other's rows.</summary>
public static class Unique
{
    /// <summary>A word of letters only (a–p), safe in names, searches and sorts on every collation.</summary>
    public static string Word(int length = 10) =>
        string.Concat(Guid.NewGuid().ToString("N").Take(length).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>A capitalised word, as a name is written.</summary>
    public static string Name() => "Q" + Word(9);

    /// <summary>A passport or visa number.</summary>
    public static string DocumentNumber() => "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static int _year = 2999;

    /// <summary>A calendar year (from 3000 on) no other test uses, for date ranges that must not overlap.</summary>
    public static int Year() => Interlocked.Increment(ref _year);
}
