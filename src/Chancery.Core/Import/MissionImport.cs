using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Import;

/// <summary>
/// Imports missions, matched on sending state + receiving state + city + kind. A row is rejected (and reported) when a
/// state is not on the ISO list, both states are the same, the city is empty (the city is part of what identifies a
/// mission), or the same mission appeared on an earlier row of the file.
/// </summary>
internal sealed class MissionImport(ChanceryDbContext db, AccessScope scope, MappedColumns columns, ReportBuilder report)
{
    private const int Chunk = 2000;

    public async Task RunAsync(IEnumerable<SourceRow> rows, CancellationToken ct)
    {
        var onRecord = new Dictionary<string, Mission>(StringComparer.Ordinal);
        foreach (var m in await db.Missions.AsNoTracking().ToListAsync(ct).ConfigureAwait(false))
            onRecord.TryAdd(Key(m.SendingStateCode, m.ReceivingStateCode, m.City, m.Kind), m);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var inserts = new List<Mission>();
        var updates = new List<Mission>();
        using var table = new BulkTable<Mission>(db);
        foreach (var source in rows)
        {
            var r = columns.Row(source);
            var sending = r.State("sendingState", required: true);
            var receiving = r.State("receivingState", required: true);
            var city = r.Name("city");
            if (city is null)
                r.Problem("city", "The city is empty: a mission is identified by its sending and receiving state, city and kind; add the city.");
            var kind = r.Enum<MissionKind>("kind", required: true);
            var status = r.Enum<MissionStatus>("status");
            var opened = r.Date("openedOn");
            var closed = r.Date("closedOn");
            if (opened is { } o && closed is { } c && c < o) r.Problem("closedOn", $"closedOn {c:yyyy-MM-dd} is before openedOn {o:yyyy-MM-dd}.");
            if (sending is not null && sending == receiving)
                r.Problem("receivingState", $"The sending and receiving state are both {sending}: a mission is sent by one state to another.");
            var label = $"{sending ?? "?"} → {receiving ?? "?"}, {city ?? "?"} ({kind?.ToString() ?? "?"})";
            if (r.Problems.Count == 0 && !scope.CanEditMissionIn(receiving!))
                r.Problem("receivingState", scope.ProtocolStateCode is { } s
                    ? $"You record missions received by {s} only; this one is received by {receiving}."
                    : "Your role does not allow recording missions.");
            if (r.Problems.Count > 0)
            {
                report.Reject(source.Number, label, r.Problems);
                continue;
            }
            var key = Key(sending!, receiving!, city!, kind!.Value);
            if (firstRow.TryGetValue(key, out var first))
            {
                report.Reject(source.Number, label, [new RowProblem(null, $"Duplicate of row {first}: the same sending state, receiving state, city and kind.")]);
                continue;
            }
            firstRow[key] = source.Number;
            if (onRecord.TryGetValue(key, out var existing))
            {
                var changed = false;
                if (columns.Has("status")) changed |= Set(existing.Status, status ?? MissionStatus.Open, v => existing.Status = v);
                if (columns.Has("openedOn")) changed |= Set(existing.OpenedOn, opened, v => existing.OpenedOn = v);
                if (columns.Has("closedOn")) changed |= Set(existing.ClosedOn, closed, v => existing.ClosedOn = v);
                if (changed)
                {
                    existing.Version++;
                    updates.Add(existing);
                }
                report.Add(source.Number, changed ? RowOutcome.Updated : RowOutcome.Unchanged, label);
            }
            else
            {
                var mission = new Mission
                {
                    SendingStateCode = sending!,
                    ReceivingStateCode = receiving!,
                    City = city!,
                    Kind = kind.Value,
                    Status = status ?? MissionStatus.Open,
                    OpenedOn = opened,
                    ClosedOn = closed,
                };
                onRecord[key] = mission;
                inserts.Add(mission);
                report.Add(source.Number, RowOutcome.Created, label);
            }
            if (inserts.Count + updates.Count >= Chunk) await FlushAsync(table, inserts, updates, ct).ConfigureAwait(false);
        }
        await FlushAsync(table, inserts, updates, ct).ConfigureAwait(false);
    }

    private static async Task FlushAsync(BulkTable<Mission> table, List<Mission> inserts, List<Mission> updates, CancellationToken ct)
    {
        await table.UpdateAsync(updates, ct).ConfigureAwait(false);
        await table.InsertAsync(inserts, ct).ConfigureAwait(false);
        inserts.Clear();
        updates.Clear();
    }

    internal static string Key(string sending, string receiving, string city, MissionKind kind) =>
        $"{sending}|{receiving}|{city.Trim().ToUpperInvariant()}|{kind}";

    internal static bool Set<TValue>(TValue current, TValue value, Action<TValue> set)
    {
        if (EqualityComparer<TValue>.Default.Equals(current, value)) return false;
        set(value);
        return true;
    }
}
