using System.Globalization;
using Chancery.Core.Reciprocity;
using Microsoft.Data.Sqlite;

namespace Chancery.Benchmarks.Baseline;

/// <summary>One counterpart's counts, as the baseline returns them and as the comparison with the service reads them.</summary>
public sealed record WorldParityCountRow(
    string Counterpart, int MissionsAbroad, int MissionsAtHome, int MembersAbroad, int MembersAtHome,
    int DiplomaticAbroad, int DiplomaticAtHome, int FamilyAbroad, int FamilyAtHome)
{
    /// <summary>A service row in the baseline's shape.</summary>
    public static WorldParityCountRow From(WorldParityRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.CounterpartCode, row.Abroad.Missions, row.AtHome.Missions, row.Abroad.Members, row.AtHome.Members,
            row.Abroad.Diplomatic, row.AtHome.Diplomatic, row.Abroad.Family, row.AtHome.Family);
    }
}

/// <summary>
/// The baseline of the world view: ONE hand-written SQLite query, straight from the definition (a mission counts while
/// open on the date; a member is an assignment covering the date, private servants excluded; family are household links
/// covering the date of such members), that tags every mission, member and household link of a direction involving the
/// state with its counterpart and sums them in one GROUP BY. No EF, no rules in C#.
/// </summary>
public static class WorldParitySql
{
    /// <summary>The query; parameters $s (the state's code) and $d (the date, yyyy-mm-dd).</summary>
    public const string Query = """
        WITH m AS (
            SELECT Id, SendingStateCode = $s AS Abroad, CASE WHEN SendingStateCode = $s THEN ReceivingStateCode ELSE SendingStateCode END AS C,
                   (OpenedOn IS NULL OR OpenedOn <= $d) AND (ClosedOn IS NULL OR ClosedOn > $d) AS IsOpen
            FROM Missions WHERE SendingStateCode = $s OR ReceivingStateCode = $s
        ),
        facts AS (
            SELECT m.C, m.Abroad, m.IsOpen AS Missions, 0 AS Members, 0 AS Diplomatic, 0 AS Family FROM m
            UNION ALL
            SELECT m.C, m.Abroad, 0, 1, a.Category IN ('HeadOfMission', 'Diplomatic'), 0
            FROM m JOIN Assignments a ON a.MissionId = m.Id
            WHERE a.StartOn <= $d AND (a.EndedOn IS NULL OR a.EndedOn >= $d) AND a.Category <> 'PrivateServant'
            UNION ALL
            SELECT m.C, m.Abroad, 0, 0, 0, 1
            FROM m JOIN Assignments a ON a.MissionId = m.Id JOIN FamilyMembers f ON f.PrincipalAssignmentId = a.Id
            WHERE a.StartOn <= $d AND (a.EndedOn IS NULL OR a.EndedOn >= $d) AND a.Category <> 'PrivateServant'
              AND f.StartOn <= $d AND (f.EndedOn IS NULL OR f.EndedOn >= $d)
        )
        SELECT C,
               SUM(CASE WHEN Abroad THEN Missions ELSE 0 END), SUM(CASE WHEN Abroad THEN 0 ELSE Missions END),
               SUM(CASE WHEN Abroad THEN Members ELSE 0 END), SUM(CASE WHEN Abroad THEN 0 ELSE Members END),
               SUM(CASE WHEN Abroad THEN Diplomatic ELSE 0 END), SUM(CASE WHEN Abroad THEN 0 ELSE Diplomatic END),
               SUM(CASE WHEN Abroad THEN Family ELSE 0 END), SUM(CASE WHEN Abroad THEN 0 ELSE Family END)
        FROM facts GROUP BY C
        HAVING SUM(Missions) + SUM(Members) + SUM(Family) > 0
        """;

    /// <summary>The counterparts of <paramref name="state"/> on <paramref name="asOf"/>, in no particular order.</summary>
    public static List<WorldParityCountRow> Run(SqliteConnection connection, string state, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.AddWithValue("$s", state);
        command.Parameters.AddWithValue("$d", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        var rows = new List<WorldParityCountRow>();
        while (reader.Read())
            rows.Add(new(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
        return rows;
    }

    /// <summary>The state with missions in or from the most other states (ties: the first by code).</summary>
    public static string MostConnectedState(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s FROM (SELECT SendingStateCode AS s, ReceivingStateCode AS c FROM Missions
                           UNION SELECT ReceivingStateCode, SendingStateCode FROM Missions)
            GROUP BY s ORDER BY COUNT(*) DESC, s LIMIT 1
            """;
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Every state that sends or receives a mission, by code.</summary>
    public static List<string> States(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT SendingStateCode FROM Missions UNION SELECT ReceivingStateCode FROM Missions ORDER BY 1";
        using var reader = command.ExecuteReader();
        var states = new List<string>();
        while (reader.Read()) states.Add(reader.GetString(0));
        return states;
    }

    /// <summary>Rows one side has and the other lacks, as text; empty when both agree.</summary>
    public static string Differences(IReadOnlyCollection<WorldParityCountRow> service, IReadOnlyCollection<WorldParityCountRow> sql, int examples = 5)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(sql);
        var onlyService = service.Except(sql).ToList();
        var onlySql = sql.Except(service).ToList();
        if (onlyService.Count == 0 && onlySql.Count == 0 && service.Count == sql.Count) return "";
        return $"service {service.Count} rows, SQL {sql.Count}; service only: {string.Join("; ", onlyService.Take(examples))}" +
            $"{Environment.NewLine}SQL only: {string.Join("; ", onlySql.Take(examples))}";
    }
}
