using System.Globalization;
using Chancery.Core.Visas;
using Microsoft.Data.Sqlite;

namespace Chancery.Benchmarks.Baseline;

/// <summary>One alert as the baseline returns it: what the comparison with the service looks at.</summary>
public sealed record AlertRow(AlertKind Kind, Guid PersonId, DateOnly Due, AlertSeverity Severity);

/// <summary>
/// The baseline: one hand-written SQLite query per alert kind, straight from docs' alert semantics (alerts-spec), with
/// window functions for the current visa and for processing-time ranks. No EF, no rules in C#: what a database
/// programmer would write to get the same rows (kind, person, due, severity). Assumes what the generated world
/// guarantees: one presence per person on a date, and no two visas of one holder and state with the same dates.
/// </summary>
public static class AlertsSql
{
    // Present people (spec: "Present people"), the host policy in force per mission (one narrowed to the sending
    // state beats the general one), and each present person's current visa of the receiving state: valid ones first,
    // then the latest valid-until, then the latest valid-from (VisaRules.Current).
    private const string Current = """
        WITH present AS (
            SELECT a.PersonId, a.MissionId, 0 AS IsFamily, a.StartOn AS AssignmentStartOn, NULL AS PrincipalId
            FROM Assignments a
            WHERE a.StartOn <= $d AND (a.EndedOn IS NULL OR a.EndedOn >= $d)
            UNION ALL
            SELECT f.PersonId, a.MissionId, 1, NULL, a.PersonId
            FROM FamilyMembers f JOIN Assignments a ON a.Id = f.PrincipalAssignmentId
            WHERE f.StartOn <= $d AND (f.EndedOn IS NULL OR f.EndedOn >= $d)
              AND a.StartOn <= $d AND (a.EndedOn IS NULL OR a.EndedOn >= $d)
        ),
        policy AS (
            SELECT m.Id AS MissionId,
                   CASE WHEN sp.Id IS NOT NULL THEN sp.RenewalLeadDays ELSE gp.RenewalLeadDays END AS LeadDays,
                   CASE WHEN sp.Id IS NOT NULL THEN sp.ReapplyAfterYears ELSE gp.ReapplyAfterYears END AS ReapplyYears,
                   COALESCE(CASE WHEN sp.Id IS NOT NULL THEN sp.GraceDays ELSE gp.GraceDays END, 0) AS Grace
            FROM Missions m
            LEFT JOIN HostPolicies sp ON sp.ReceivingStateCode = m.ReceivingStateCode AND sp.SendingStateCode = m.SendingStateCode
                 AND sp.InForceFrom <= $d AND (sp.InForceUntil IS NULL OR sp.InForceUntil >= $d)
            LEFT JOIN HostPolicies gp ON gp.ReceivingStateCode = m.ReceivingStateCode AND gp.SendingStateCode IS NULL
                 AND gp.InForceFrom <= $d AND (gp.InForceUntil IS NULL OR gp.InForceUntil >= $d)
        ),
        ranked AS (
            SELECT p.PersonId, p.IsFamily, p.AssignmentStartOn, p.PrincipalId, m.ReceivingStateCode AS R,
                   pol.LeadDays, pol.ReapplyYears, pol.Grace,
                   v.Id AS VisaId, v.ValidFrom, v.ValidUntil, v.CancelledOn,
                   ROW_NUMBER() OVER (PARTITION BY p.PersonId, p.MissionId ORDER BY
                       CASE WHEN (v.CancelledOn IS NULL OR v.CancelledOn > $d) AND v.ValidFrom <= $d AND v.ValidUntil >= $d THEN 0 ELSE 1 END,
                       v.ValidUntil DESC, v.ValidFrom DESC) AS Rank
            FROM present p
            JOIN Missions m ON m.Id = p.MissionId
            JOIN People person ON person.Id = p.PersonId
            JOIN policy pol ON pol.MissionId = p.MissionId
            LEFT JOIN Visas v ON v.HolderId = p.PersonId AND v.IssuingStateCode = m.ReceivingStateCode
            WHERE person.NationalityCode <> m.ReceivingStateCode
        ),
        cur AS (
            SELECT *,
                   VisaId IS NOT NULL AND (CancelledOn IS NULL OR CancelledOn > $d) AND ValidFrom <= $d AND ValidUntil >= $d AS Valid,
                   CancelledOn IS NOT NULL AND CancelledOn <= $d AS Cancelled,
                   CAST(julianday(ValidUntil) - julianday($d) AS INTEGER) AS DaysLeft
            FROM ranked WHERE Rank = 1
        )
        """;

    // Whether a family member's principal holds a valid visa of the receiving state on the date.
    private const string PrincipalValid = """
        EXISTS (SELECT 1 FROM Visas pv WHERE pv.HolderId = c.PrincipalId AND pv.IssuingStateCode = c.R
                AND (pv.CancelledOn IS NULL OR pv.CancelledOn > $d) AND pv.ValidFrom <= $d AND pv.ValidUntil >= $d)
        """;

    // An application covering the current visa: filed between its first valid day and the date, pending or granted on the date.
    private const string Covering = """
        SELECT 1 FROM VisaApplications x WHERE x.ApplicantId = c.PersonId AND x.FiledOn <= $d AND x.FiledOn >= c.ValidFrom
            AND (x.DecidedOn IS NULL OR x.DecidedOn > $d OR x.Outcome = 'Granted')
        """;

    private const string BySeverity = "CASE WHEN c.DaysLeft <= $critical THEN 'Critical' WHEN c.DaysLeft <= $warning THEN 'Warning' ELSE 'Notice' END";

    /// <summary>The query per kind, in <see cref="AlertKind"/> order.</summary>
    public static IReadOnlyList<(AlertKind Kind, string Sql)> Queries { get; } =
    [
        (AlertKind.VisaExpiring, $"""
            {Current}
            SELECT c.PersonId, c.ValidUntil, {BySeverity}
            FROM cur c WHERE c.Valid AND c.DaysLeft <= $notice
            """),
        (AlertKind.RenewalLate, $"""
            {Current}
            SELECT c.PersonId, c.ValidUntil, CASE WHEN c.DaysLeft <= $critical THEN 'Critical' ELSE 'Warning' END
            FROM cur c WHERE c.Valid AND c.LeadDays IS NOT NULL AND c.DaysLeft < c.LeadDays AND NOT EXISTS ({Covering})
            """),
        // reapplyOn = start + Y years, a 29 February start landing on 28 February as .NET's AddYears does (SQLite would roll to 1 March).
        (AlertKind.ReapplicationDue, $"""
            {Current}
            SELECT c.PersonId, c.ValidUntil, {BySeverity}
            FROM cur c WHERE c.IsFamily = 0 AND c.ReapplyYears IS NOT NULL AND c.Valid AND c.DaysLeft <= $notice
              AND (CASE WHEN strftime('%m', date(c.AssignmentStartOn, '+' || c.ReapplyYears || ' years')) <> strftime('%m', c.AssignmentStartOn)
                        THEN date(c.AssignmentStartOn, '+' || c.ReapplyYears || ' years', 'start of month', '-1 day')
                        ELSE date(c.AssignmentStartOn, '+' || c.ReapplyYears || ' years') END) <= c.ValidUntil
              AND NOT EXISTS ({Covering} AND x.Kind = 'New')
            """),
        (AlertKind.GraceEnding, $"""
            {Current}
            SELECT c.PersonId, date(c.ValidUntil, '+' || c.Grace || ' days'), 'Critical'
            FROM cur c WHERE c.VisaId IS NOT NULL AND NOT c.Cancelled AND c.ValidUntil < $d AND -c.DaysLeft <= c.Grace
              AND NOT (c.IsFamily = 1 AND {PrincipalValid})
            """),
        (AlertKind.Overstay, $"""
            {Current}
            SELECT c.PersonId, $d, 'Critical'
            FROM cur c WHERE (c.VisaId IS NULL OR c.Cancelled OR (c.ValidUntil < $d AND -c.DaysLeft > c.Grace))
              AND NOT (c.IsFamily = 1 AND {PrincipalValid})
            """),
        (AlertKind.FamilyVisaLost, $"""
            {Current}
            SELECT c.PersonId, $d, 'Warning'
            FROM cur c WHERE c.IsFamily = 1 AND (c.VisaId IS NULL OR c.Cancelled OR c.ValidUntil < $d) AND {PrincipalValid}
            """),
        // Pending applications of present people, against the decisions (granted or refused) of the year before the date with
        // the same issuing state, applicant state (sending state where the applicant is present on the date, else nationality)
        // and category, else any category; at least 5 decisions; median and p90 by nearest rank (rank = ceil(p/100 * n)).
        (AlertKind.ApplicationSlow, """
            WITH present AS (
                SELECT a.PersonId, a.MissionId FROM Assignments a
                WHERE a.StartOn <= $d AND (a.EndedOn IS NULL OR a.EndedOn >= $d)
                UNION ALL
                SELECT f.PersonId, a.MissionId
                FROM FamilyMembers f JOIN Assignments a ON a.Id = f.PrincipalAssignmentId
                WHERE f.StartOn <= $d AND (f.EndedOn IS NULL OR f.EndedOn >= $d)
                  AND a.StartOn <= $d AND (a.EndedOn IS NULL OR a.EndedOn >= $d)
            ),
            pending AS (
                SELECT x.ApplicantId, x.IssuingStateCode, m.SendingStateCode AS ApplicantState, x.CategoryCode, x.FiledOn,
                       CAST(julianday($d) - julianday(x.FiledOn) AS INTEGER) AS Age
                FROM present p JOIN Missions m ON m.Id = p.MissionId
                JOIN VisaApplications x ON x.ApplicantId = p.PersonId
                WHERE x.FiledOn <= $d AND (x.DecidedOn IS NULL OR x.DecidedOn > $d)
            ),
            decided AS (
                SELECT x.IssuingStateCode, COALESCE(m.SendingStateCode, person.NationalityCode) AS ApplicantState, x.CategoryCode,
                       CAST(julianday(x.DecidedOn) - julianday(x.FiledOn) AS INTEGER) AS Days
                FROM VisaApplications x
                JOIN People person ON person.Id = x.ApplicantId
                LEFT JOIN present p ON p.PersonId = x.ApplicantId
                LEFT JOIN Missions m ON m.Id = p.MissionId
                WHERE x.Outcome IN ('Granted', 'Refused') AND x.DecidedOn <= $d AND x.DecidedOn > date($d, '-365 days')
            ),
            byCategory AS (
                SELECT IssuingStateCode, ApplicantState, CategoryCode, Days,
                       ROW_NUMBER() OVER (PARTITION BY IssuingStateCode, ApplicantState, CategoryCode ORDER BY Days) AS Rank,
                       COUNT(*) OVER (PARTITION BY IssuingStateCode, ApplicantState, CategoryCode) AS N
                FROM decided
            ),
            categoryTimes AS (
                SELECT IssuingStateCode, ApplicantState, CategoryCode,
                       MAX(CASE WHEN Rank = (N + 1) / 2 THEN Days END) AS Median,
                       MAX(CASE WHEN Rank = (9 * N + 9) / 10 THEN Days END) AS P90
                FROM byCategory WHERE N >= 5 GROUP BY IssuingStateCode, ApplicantState, CategoryCode
            ),
            anyCategory AS (
                SELECT IssuingStateCode, ApplicantState, Days,
                       ROW_NUMBER() OVER (PARTITION BY IssuingStateCode, ApplicantState ORDER BY Days) AS Rank,
                       COUNT(*) OVER (PARTITION BY IssuingStateCode, ApplicantState) AS N
                FROM decided
            ),
            anyTimes AS (
                SELECT IssuingStateCode, ApplicantState,
                       MAX(CASE WHEN Rank = (N + 1) / 2 THEN Days END) AS Median,
                       MAX(CASE WHEN Rank = (9 * N + 9) / 10 THEN Days END) AS P90
                FROM anyCategory WHERE N >= 5 GROUP BY IssuingStateCode, ApplicantState
            ),
            judged AS (
                SELECT p.ApplicantId, p.FiledOn, p.Age,
                       CASE WHEN ct.P90 IS NOT NULL THEN ct.Median ELSE at.Median END AS Median,
                       CASE WHEN ct.P90 IS NOT NULL THEN ct.P90 ELSE at.P90 END AS P90
                FROM pending p
                LEFT JOIN categoryTimes ct ON ct.IssuingStateCode = p.IssuingStateCode AND ct.ApplicantState = p.ApplicantState AND ct.CategoryCode = p.CategoryCode
                LEFT JOIN anyTimes at ON at.IssuingStateCode = p.IssuingStateCode AND at.ApplicantState = p.ApplicantState
            )
            SELECT ApplicantId,
                   CASE WHEN Age > P90 THEN $d ELSE date(FiledOn, '+' || P90 || ' days') END,
                   CASE WHEN Age > P90 THEN 'Warning' ELSE 'Notice' END
            FROM judged WHERE P90 IS NOT NULL AND Age > Median
            """),
    ];

    /// <summary>Runs one query.</summary>
    public static List<AlertRow> Run(SqliteConnection connection, AlertKind kind, string sql, DateOnly asOf, AlertSettings settings)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$d", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$critical", settings.CriticalDays);
        command.Parameters.AddWithValue("$warning", settings.WarningDays);
        command.Parameters.AddWithValue("$notice", settings.NoticeDays);
        var rows = new List<AlertRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(new AlertRow(kind, Guid.Parse(reader.GetString(0)), DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum.Parse<AlertSeverity>(reader.GetString(2))));
        return rows;
    }

    /// <summary>All alerts for <paramref name="asOf"/>: the seven queries, one after the other, on one connection.</summary>
    public static List<AlertRow> RunAll(SqliteConnection connection, DateOnly asOf, AlertSettings settings)
    {
        var rows = new List<AlertRow>();
        foreach (var (kind, sql) in Queries)
            rows.AddRange(Run(connection, kind, sql, asOf, settings));
        return rows;
    }

    /// <summary>A read connection to the world at <paramref name="path"/>.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection;
    }
}
