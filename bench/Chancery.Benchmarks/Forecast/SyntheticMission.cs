using Chancery.Core.Forecast;
using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using Microsoft.Data.Sqlite;

namespace Chancery.Benchmarks.Forecast;

/// <summary>
/// Forecast inputs made up from a seed: a mission of a given size as of a date, with tours ending, a departure order
/// (the cliff), visas lapsing, pending renewals of about half the visas lapsing within four months, pending nominations
/// (one per ten staff) and a host's history of decisions (lognormal processing times, one in ten refused).
/// </summary>
public static class SyntheticMission
{
    /// <summary>The host and sender codes used.</summary>
    public const string Host = "XA";
    public const string Sender = "XB";

    /// <summary>A mission of <paramref name="size"/> staff as of <paramref name="from"/>.</summary>
    public static ForecastInput Build(int size, DateOnly from, int seed, IReadOnlyList<ResolvedApplication>? history = null)
    {
        var random = new Random(seed);
        DateOnly Day(int min, int max) => from.AddDays(random.Next(min, max + 1));
        var staff = new List<StaffFacts>(size);
        var renewals = new List<PendingRenewal>();
        for (var i = 0; i < size; i++)
        {
            var roll = random.NextDouble();
            var category = i == 0 ? StaffCategory.HeadOfMission
                : roll < 0.35 ? StaffCategory.Diplomatic
                : roll < 0.65 ? StaffCategory.AdministrativeTechnical
                : roll < 0.80 ? StaffCategory.Service
                : roll < 0.95 ? StaffCategory.LocallyEngaged
                : StaffCategory.PrivateServant;
            var local = category == StaffCategory.LocallyEngaged;
            DateOnly? lapses = local ? null : Day(-20, 900);
            var family = Enumerable.Range(0, local ? 0 : random.Next(0, 4))
                .Select(_ => new FamilyFacts(Guid.NewGuid(), Day(-900, 0), random.NextDouble() < 0.05 ? Day(0, 700) : null, lapses?.AddDays(random.Next(-30, 1))))
                .ToList();
            var s = new StaffFacts(Guid.NewGuid(), Guid.NewGuid(), $"Member {i}", category, null, Day(-1200, -1),
                random.NextDouble() < 0.15 ? Day(0, 700) : null, null,
                random.NextDouble() < 0.10 ? Day(0, 30) : null, lapses, family, FamilyLeaves: random.NextDouble() < 0.9);
            staff.Add(s);
            if (lapses is { } l && l < from.AddDays(120) && l > from && random.NextDouble() < 0.5)
            {
                var kind = category == StaffCategory.Diplomatic ? "D" : "S";
                renewals.Add(new PendingRenewal(Guid.NewGuid(), s.PersonId, new VisaRequest(Host, Sender, kind, Day(-60, 0)), l.AddDays(-1), l.AddDays(365)));
                renewals.AddRange(family.Where(_ => random.NextDouble() < 0.7).Select(f =>
                    new PendingRenewal(Guid.NewGuid(), f.PersonId, new VisaRequest(Host, Sender, "F", Day(-60, 0)), null, l.AddDays(365))));
            }
        }
        var nominations = Enumerable.Range(0, Math.Max(1, size / 10)).Select(i =>
        {
            var category = (StaffCategory)(1 + random.Next(0, 3));
            return new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), category,
                new VisaRequest(Host, Sender, category == StaffCategory.Diplomatic ? "D" : "S", Day(-90, 0)), random.NextDouble() < 0.7 ? Day(0, 120) : null, random.Next(0, 15));
        }).ToList();
        var minimums = new Dictionary<StaffCategory, int>
        {
            [StaffCategory.Diplomatic] = (int)(staff.Count(s => s.Category == StaffCategory.Diplomatic && s.AtPostOn(from)) * 0.8),
            [StaffCategory.AdministrativeTechnical] = (int)(staff.Count(s => s.Category == StaffCategory.AdministrativeTechnical && s.AtPostOn(from)) * 0.7),
        };
        return new ForecastInput(staff, [], renewals, nominations, history ?? History(seed), minimums);
    }

    /// <summary>The host's decisions: 400, processing days lognormal around 45 (10 to 365), one in ten refused.</summary>
    public static List<ResolvedApplication> History(int seed)
    {
        var random = new Random(seed + 1);
        var filed = new DateOnly(2020, 1, 1);
        return [.. Enumerable.Range(0, 400).Select(i =>
        {
            var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var days = (int)Math.Clamp(Math.Exp(Math.Log(45) + (0.6 * gauss)), 10, 365);
            var category = (i % 3) switch { 0 => "D", 1 => "S", _ => "F" };
            return new ResolvedApplication(Guid.NewGuid(), Host, Sender, category, filed, filed.AddDays(days),
                random.NextDouble() < 0.1 ? VisaApplicationOutcome.Refused : VisaApplicationOutcome.Granted);
        })];
    }

    /// <summary>
    /// The size of every mission of the world at <paramref name="path"/>: its staff assigned on <paramref name="asOf"/>
    /// (one query; the world's own people, visas and applications are not read).
    /// </summary>
    public static List<int> MissionSizes(string path, DateOnly asOf)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM Assignments a
                    WHERE a.MissionId = m.Id AND a.StartOn <= $d AND (a.EndedOn IS NULL OR a.EndedOn >= $d))
            FROM Missions m ORDER BY m.Id
            """;
        command.Parameters.AddWithValue("$d", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var sizes = new List<int>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) sizes.Add(reader.GetInt32(0));
        return sizes;
    }
}
