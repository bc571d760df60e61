using System.Globalization;
using System.Text;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Import;

/// <summary>File formats of an export.</summary>
public enum ExportFormat
{
    /// <summary>Comma-separated, UTF-8 with a byte-order mark (so spreadsheets read the names right).</summary>
    Csv,
    /// <summary>An Excel workbook with one sheet.</summary>
    Xlsx,
}

/// <summary>
/// Writes people (with assignments, households and visas) and missions in Chancery's own format, the one the import
/// reads without a mapping (columns: <see cref="ImportFields"/>). Only what the caller may see is written. People are
/// exported only to roles that see whole passport numbers (<see cref="AccessScope.SeesPassports"/>): with masked numbers
/// the file could not be imported back (the import refuses masked values), so it is refused rather than handed out as if
/// it could. Cells a spreadsheet would run as formulas are neutralised. Households come after every assignment, so each
/// principal's assignment is on record when its household is read back.
/// </summary>
public sealed class OwnFormatExport(ScopedData data)
{
    private const int Page = 2000;

    /// <summary>Why the caller may not export people in this format, or null when it may.</summary>
    public string? PeopleRefusal => data.Scope.SeesPassports ? null
        : "Your role sees passport numbers masked, and a file with masked numbers cannot be imported back, so people are not exported in Chancery's own format to it. "
          + "To read the records, use the lists' exports (e.g. a mission's roster at /api/v1/missions/{id}/roster/export).";

    /// <summary>The file name an export suggests.</summary>
    public static string FileName(ImportTarget target, ExportFormat format) =>
        $"chancery-{target.ToString().ToLowerInvariant()}.{format.ToString().ToLowerInvariant()}";

    /// <summary>Writes the missions the caller sees.</summary>
    public async Task WriteMissionsAsync(Stream output, ExportFormat format, CancellationToken ct)
    {
        using var sheet = SheetWriter.Create(output, format, "Missions");
        sheet.Row(ImportFields.Missions);
        await foreach (var m in data.Missions.AsNoTracking().OrderBy(m => m.SendingStateCode).ThenBy(m => m.ReceivingStateCode).ThenBy(m => m.City).ThenBy(m => m.Id)
            .AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            sheet.Row([m.SendingStateCode, m.ReceivingStateCode, m.City, m.Kind.ToString(), m.Status.ToString(), Date(m.OpenedOn), Date(m.ClosedOn)]);
        }
    }

    /// <summary>Writes the people the caller sees, a page of people at a time.</summary>
    public async Task WritePeopleAsync(Stream output, ExportFormat format, CancellationToken ct)
    {
        if (PeopleRefusal is { } refusal) throw new ForbiddenException(refusal);
        var missions = await data.Missions.AsNoTracking().ToDictionaryAsync(m => m.Id, ct).ConfigureAwait(false);
        using var sheet = SheetWriter.Create(output, format, "People");
        sheet.Row(ImportFields.People);
        var empty = new string?[ImportFields.People.Length - ImportFields.Person.Length];
        // Pass 1: each person's own row, assignments and visas; pass 2: households (their principals' assignments are written by then).
        foreach (var pass in new[] { 1, 2 })
        {
            Guid? after = null;
            while (true)
            {
                var query = data.People.AsNoTracking();
                if (after is { } last) query = query.Where(p => p.Id.CompareTo(last) > 0);
                var people = await query.OrderBy(p => p.Id).Take(Page).ToListAsync(ct).ConfigureAwait(false);
                if (people.Count == 0) break;
                after = people[^1].Id;
                var ids = people.Select(p => p.Id).ToList();
                var families = await data.FamilyMembers.AsNoTracking().Where(f => ids.Contains(f.PersonId))
                    .Select(f => new { f.PersonId, f.Relationship, f.StartOn, f.EndedOn, f.PrincipalAssignment!.MissionId, f.PrincipalAssignment.Person!.PassportNumber, f.PrincipalAssignment.Person.PassportIssuingStateCode })
                    .ToListAsync(ct).ConfigureAwait(false);
                if (pass == 2)
                {
                    var byPerson = people.ToDictionary(p => p.Id);
                    foreach (var f in families.OrderBy(f => f.PersonId).ThenBy(f => f.StartOn))
                    {
                        if (!missions.TryGetValue(f.MissionId, out var m)) continue;
                        sheet.Row([
                            .. PersonCells(byPerson[f.PersonId]), .. MissionCells(m), .. new string?[ImportFields.Assignment.Length],
                            f.PassportNumber, f.PassportIssuingStateCode, f.Relationship.ToString(), Date(f.StartOn), Date(f.EndedOn),
                            .. new string?[ImportFields.Visa.Length]]);
                    }
                    continue;
                }
                var assignments = (await data.Assignments.AsNoTracking().Where(a => ids.Contains(a.PersonId)).ToListAsync(ct).ConfigureAwait(false)).ToLookup(a => a.PersonId);
                var visas = (await data.Visas.AsNoTracking().Where(v => ids.Contains(v.HolderId)).ToListAsync(ct).ConfigureAwait(false)).ToLookup(v => v.HolderId);
                var inHousehold = families.Select(f => f.PersonId).ToHashSet();
                foreach (var p in people)
                {
                    var person = PersonCells(p);
                    var written = false;
                    foreach (var a in assignments[p.Id].OrderBy(a => a.StartOn))
                    {
                        if (!missions.TryGetValue(a.MissionId, out var m)) continue;
                        sheet.Row([
                            .. person, .. MissionCells(m),
                            a.Category.ToString(), a.Title, a.Rank, Date(a.StartOn), Date(a.NotifiedArrivalOn), Date(a.PlannedEndOn), Date(a.EndedOn), a.EndReason?.ToString(),
                            .. new string?[ImportFields.Family.Length + ImportFields.Visa.Length]]);
                        written = true;
                    }
                    foreach (var v in visas[p.Id].OrderBy(v => v.ValidFrom))
                    {
                        sheet.Row([
                            .. person, .. new string?[ImportFields.MissionKey.Length + ImportFields.Assignment.Length + ImportFields.Family.Length],
                            v.IssuingStateCode, v.CategoryCode, v.Number, Date(v.IssuedOn), Date(v.ValidFrom), Date(v.ValidUntil), v.Entries.ToString(),
                            v.EntriesUsed.ToString(CultureInfo.InvariantCulture), Date(v.CancelledOn), v.CancellationReason]);
                        written = true;
                    }
                    if (!written && !inHousehold.Contains(p.Id)) sheet.Row([.. person, .. empty]);
                }
            }
        }
    }

    private static string?[] PersonCells(Person p) =>
    [
        p.FamilyName, p.GivenNames, p.FamilyNameLatin, p.GivenNamesLatin, Date(p.DateOfBirth), p.NationalityCode, p.Gender?.ToString(),
        p.PassportNumber, p.PassportType?.ToString(), p.PassportIssuingStateCode, Date(p.PassportExpiresOn),
    ];

    private static string?[] MissionCells(Mission m) => [m.SendingStateCode, m.ReceivingStateCode, m.City, m.Kind.ToString()];

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Writes rows to CSV or to an XLSX sheet as it goes (the workbook with the Open XML SDK's forward-only writer), neutralising formula-like cells.</summary>
internal abstract class SheetWriter : IDisposable
{
    public static SheetWriter Create(Stream output, ExportFormat format, string sheetName) =>
        format == ExportFormat.Xlsx ? new XlsxSheet(output, sheetName) : new CsvSheet(output);

    public abstract void Row(IReadOnlyList<string?> cells);

    public abstract void Dispose();

    private sealed class CsvSheet : SheetWriter
    {
        private readonly StreamWriter _writer;
        private readonly CsvWriter _csv;

        public CsvSheet(Stream output)
        {
            _writer = new StreamWriter(output, new UTF8Encoding(true), leaveOpen: true);
            _csv = new CsvWriter(_writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        }

        public override void Row(IReadOnlyList<string?> cells)
        {
            foreach (var cell in cells) _csv.WriteField(SpreadsheetText.Neutralise(cell) ?? "");
            _csv.NextRecord();
        }

        public override void Dispose()
        {
            _csv.Dispose();
            _writer.Dispose();
        }
    }

    // Every cell is text (inline string): a passport "0123" stays "0123" and a date stays YYYY-MM-DD.
    private sealed class XlsxSheet(Stream output, string name) : SheetWriter
    {
        private readonly Chancery.Core.Export.XlsxSheetWriter _sheet = new(output, name);
        private bool _header = true;

        public override void Row(IReadOnlyList<string?> cells)
        {
            if (_header) _sheet.Header([.. cells.Select(c => c ?? "")]);
            else _sheet.Row(cells);
            _header = false;
        }

        public override void Dispose() => _sheet.Dispose();
    }
}
