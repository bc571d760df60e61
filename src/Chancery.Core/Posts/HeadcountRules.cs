using Chancery.Core.People;

namespace Chancery.Core.Posts;

/// <summary>
/// One count and how it was reached: those assigned on the date, minus those named in a pending departure order whose
/// leave-by has passed, minus those whose visa cover has lapsed, plus nominees whose visa is granted and whose
/// expected arrival has come.
/// </summary>
public sealed record HeadcountCount(int Present, int OrderedOut, int VisaLapsed, int Arriving)
{
    /// <summary>The count: present − ordered out − visa lapsed + arriving.</summary>
    public int Count => Present - OrderedOut - VisaLapsed + Arriving;

    /// <summary>"present 61, ordered out 24, visa lapsed 3, arriving 1": zero terms other than present are left out.</summary>
    public string Explanation
    {
        get
        {
            var parts = new List<string> { $"present {Present}" };
            if (OrderedOut > 0) parts.Add($"ordered out {OrderedOut}");
            if (VisaLapsed > 0) parts.Add($"visa lapsed {VisaLapsed}");
            if (Arriving > 0) parts.Add($"arriving {Arriving}");
            return string.Join(", ", parts);
        }
    }

    /// <summary>Nobody.</summary>
    public static readonly HeadcountCount Zero = new(0, 0, 0, 0);

    /// <summary>Two counts added term by term.</summary>
    public HeadcountCount Plus(HeadcountCount other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Present + other.Present, OrderedOut + other.OrderedOut, VisaLapsed + other.VisaLapsed, Arriving + other.Arriving);
    }
}

/// <summary>One staff category's count.</summary>
public sealed record HeadcountCategory(StaffCategory Category, HeadcountCount Count);

/// <summary>A nominee expected to arrive: counted in from the expected arrival day once the visa is granted.</summary>
public sealed record ArrivalFacts(Guid NominationId, StaffCategory Category, DateOnly ArrivesOn);

/// <summary>
/// A mission's headcount on a date: members by VCDR art. 1 category (locally engaged staff included, as the roster
/// counts them), family members, and private servants apart, since they are not members (art. 1(h)).
/// </summary>
public sealed record Headcount(DateOnly On, IReadOnlyList<HeadcountCategory> Categories, HeadcountCount Members, HeadcountCount Family, HeadcountCount PrivateServants);

/// <summary>One day of a headcount timeline.</summary>
public sealed record HeadcountPoint(DateOnly On, int Members, int Family, int PrivateServants);

/// <summary>Pure headcount rules: staff facts, expected arrivals and a date in, counts with their reasons out.</summary>
public static class HeadcountRules
{
    /// <summary>Longest timeline, in years.</summary>
    public const int MaxTimelineYears = 5;

    /// <summary>The headcount on <paramref name="date"/>. Family members follow their principal out; otherwise their own visa decides.</summary>
    public static Headcount On(IReadOnlyCollection<StaffFacts> staff, IReadOnlyCollection<ArrivalFacts> arrivals, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(arrivals);
        var byCategory = Enum.GetValues<StaffCategory>().ToDictionary(c => c, _ => HeadcountCount.Zero);
        var family = HeadcountCount.Zero;
        foreach (var s in staff)
        {
            if (!s.AssignedOn(date)) continue;
            var ordered = s.OrderedOutOn(date);
            var lapsed = !ordered && s.VisaLapsedOn(date);
            byCategory[s.Category] = byCategory[s.Category].Plus(new(1, ordered ? 1 : 0, lapsed ? 1 : 0, 0));
            foreach (var f in s.Family)
            {
                if (!f.LinkedOn(date)) continue;
                // Family members leave with their principal (and for the principal's reason), unless the order lets them stay.
                var familyOrdered = ordered && s.FamilyLeaves;
                var familyLapsed = !familyOrdered && (lapsed || (f.VisaLapsesOn is { } l && l <= date));
                family = family.Plus(new(1, familyOrdered ? 1 : 0, familyLapsed ? 1 : 0, 0));
            }
        }
        foreach (var a in arrivals)
        {
            if (a.ArrivesOn <= date) byCategory[a.Category] = byCategory[a.Category].Plus(new(0, 0, 0, 1));
        }
        var categories = byCategory.Where(c => c.Key != StaffCategory.PrivateServant && (c.Value.Present > 0 || c.Value.Arriving > 0))
            .OrderBy(c => c.Key).Select(c => new HeadcountCategory(c.Key, c.Value)).ToList();
        var members = categories.Aggregate(HeadcountCount.Zero, (sum, c) => sum.Plus(c.Count));
        return new Headcount(date, categories, members, family, byCategory[StaffCategory.PrivateServant]);
    }

    /// <summary>The daily headcount from <paramref name="from"/> to <paramref name="to"/>, both included, from the same facts.</summary>
    public static IReadOnlyList<HeadcountPoint> Timeline(IReadOnlyCollection<StaffFacts> staff, IReadOnlyCollection<ArrivalFacts> arrivals, DateOnly from, DateOnly to)
    {
        var points = new List<HeadcountPoint>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var h = On(staff, arrivals, day);
            points.Add(new HeadcountPoint(day, h.Members.Count, h.Family.Count, h.PrivateServants.Count));
        }
        return points;
    }
}
