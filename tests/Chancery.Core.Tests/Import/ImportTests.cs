using System.IO.Compression;
using System.Text;
using Chancery.Core.Audit;
using Chancery.Core.Data;
using Chancery.Core.Import;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Import;

/// <summary>Import and the own-format export, on each database provider.</summary>
public abstract class ImportTests<TDatabase>(TDatabase db) : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly List<TDatabase> _fresh = [];

    // An empty database of the same provider, dropped after the test.
    private async Task<TDatabase> FreshAsync()
    {
        var fresh = new TDatabase();
        _fresh.Add(fresh);
        await fresh.InitializeAsync();
        return fresh;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var fresh in _fresh) await fresh.DisposeAsync();
    }

    private const string PeopleHeader = "familyName,givenNames,familyNameLatin,givenNamesLatin,dateOfBirth,nationality,passportNumber,passportIssuingState";

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name);

    private static Task<ImportReport> Import(TestDatabase database, byte[] file, ImportRequest request, string name = "file.csv") =>
        database.With<ImportService, ImportReport>(s => s.ImportAsync(new MemoryStream(file), name, request, default));

    private Task<ImportReport> ImportPeople(string csv, bool dryRun = false) =>
        Import(db, Encoding.UTF8.GetBytes(csv), new ImportRequest(ImportTarget.People, DryRun: dryRun));

    private Task<int> PeopleNamed(string marker) => db.Read(d => d.People.CountAsync(p => p.FamilyNameLatin!.StartsWith(marker)));

    [Fact]
    public async Task EmbassiesExcerptImportsItsMissionsAndReportsEachRowItCannotTake()
    {
        var fresh = await FreshAsync();
        var file = await File.ReadAllBytesAsync(Fixture("embassies-excerpt.csv"));
        var request = new ImportRequest(ImportTarget.Missions, BuiltInMappings.Embassies, SkipRejected: true);

        var report = await Import(fresh, file, request);

        Assert.Equal((80, 66, 14, true), (report.Rows, report.Created, report.Rejected, report.Committed));
        var reasons = report.Results.Where(r => r.Outcome == RowOutcome.Rejected).Select(r => r.Reason!).ToList();
        Assert.Equal(6, reasons.Count(r => r.Contains("city is empty", StringComparison.Ordinal)));
        Assert.Equal(3, reasons.Count(r => r.Contains("sending and receiving state are both", StringComparison.Ordinal)));
        Assert.Contains(reasons, r => r.Contains("'Kosovo' is not a state", StringComparison.Ordinal));
        Assert.Single(reasons, r => r.StartsWith("Duplicate of row", StringComparison.Ordinal));
        Assert.Equal(66, await fresh.Read(d => d.Missions.CountAsync()));
        Assert.Equal(1, await fresh.Read(d => d.Missions.CountAsync(m => m.SendingStateCode == "AL" && m.ReceivingStateCode == "IT" && m.City == "Rome")));

        var again = await Import(fresh, file, request);

        Assert.Equal((0, 66, 14), (again.Created, again.Unchanged, again.Rejected));
        Assert.Equal(66, await fresh.Read(d => d.Missions.CountAsync()));
    }

    [Fact]
    public async Task EmbassiesExcerptWithRejectedRowsWritesNothingUnlessToldToSkipThem()
    {
        var fresh = await FreshAsync();

        var report = await Import(fresh, await File.ReadAllBytesAsync(Fixture("embassies-excerpt.csv")), new ImportRequest(ImportTarget.Missions, BuiltInMappings.Embassies));

        Assert.False(report.Committed);
        Assert.Equal(0, await fresh.Read(d => d.Missions.CountAsync()));
    }

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Xlsx)]
    public async Task ExportImportedIntoAnEmptyDatabaseGivesTheSameRecords(ExportFormat format)
    {
        var source = await FreshAsync();
        var target = await FreshAsync();
        var mission = await source.CreateMissionAsync(A.Mission("RU", "US") with { City = "Washington" });
        var other = await source.CreateMissionAsync(A.Mission("RU", "US") with { City = "=cmd|' /C calc'!A0", Kind = MissionKind.ConsulateGeneral });
        var principal = await source.CreatePersonAsync(A.Person("Иванов", "Иван", "Ivanov", "Ivan") with { PassportNumber = "0012345", Gender = Gender.Male });
        var work = await source.CreateAssignmentAsync(A.Assignment(principal.Id, mission.Id) with { Title = "-2+3 Counsellor", Rank = "Minister-Counsellor", PlannedEndOn = new DateOnly(2027, 8, 31) });
        await source.CreateAssignmentAsync(A.Assignment(principal.Id, other.Id) with { StartOn = new DateOnly(2019, 1, 10), EndedOn = new DateOnly(2021, 6, 30), EndReason = EndReason.EndOfTour });
        var spouse = await source.CreatePersonAsync(A.Person("Иванова", "Мария", "Ivanova", "Mariia"));
        await source.CreateFamilyMemberAsync(A.Spouse(spouse.Id, work.Id));
        await source.CreateVisaAsync(A.Visa(principal.Id) with { IssuingStateCode = "US", CategoryCode = "A-1", EntriesUsed = 0 });
        await source.CreateVisaAsync(A.Visa(spouse.Id) with { IssuingStateCode = "US", CategoryCode = "A-1", Entries = VisaEntries.Single, CancelledOn = new DateOnly(2025, 1, 5), CancellationReason = "@SUM(1)" });
        await source.CreatePersonAsync(A.Person("=HYPERLINK(\"http://x\")", "Анна", null, null) with { PassportNumber = null, PassportType = null, PassportIssuingStateCode = null, PassportExpiresOn = null });

        var missions = await Export(source, ImportTarget.Missions, format);
        var people = await Export(source, ImportTarget.People, format);
        var name = "export." + format.ToString().ToLowerInvariant();
        var missionReport = await Import(target, missions, new ImportRequest(ImportTarget.Missions), name);
        var peopleReport = await Import(target, people, new ImportRequest(ImportTarget.People), name);

        Assert.True(missionReport.Committed && peopleReport.Committed, string.Join("; ", peopleReport.Results.Select(r => $"{r.Row} {r.Column} {r.Reason}")));
        Assert.Equal(await Snapshot(source), await Snapshot(target));
        var again = await Import(target, people, new ImportRequest(ImportTarget.People), name);
        Assert.Equal((0, 0, peopleReport.Rows), (again.Created, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task ExportWritesFormulaLikeCellsWithALeadingApostropheAndImportRestoresThem()
    {
        var marker = "F" + A.Unique();
        await db.CreatePersonAsync(A.Person("=1+1", "@me", marker, "-x") with { PassportNumber = null, PassportType = null, PassportIssuingStateCode = null, PassportExpiresOn = null });

        var csv = Encoding.UTF8.GetString(await Export(db, ImportTarget.People, ExportFormat.Csv));

        var line = csv.Split('\n').Single(l => l.Contains(marker, StringComparison.Ordinal));
        Assert.StartsWith("'=1+1,'@me," + marker + ",'-x,", line, StringComparison.Ordinal);
        var target = await FreshAsync();
        var report = await Import(target, Encoding.UTF8.GetBytes(csv.Split('\n')[0] + "\n" + line + "\n"), new ImportRequest(ImportTarget.People));
        Assert.True(report.Committed, string.Join("; ", report.Results.Select(r => r.Reason)));
        var imported = await target.Read(d => d.People.SingleAsync(p => p.FamilyNameLatin == marker));
        Assert.Equal(("=1+1", "@me", "-x"), (imported.FamilyName, imported.GivenNames, imported.GivenNamesLatin));
    }

    [Fact]
    public async Task DryRunReportsWhatWouldBeCreatedAndWritesNothing()
    {
        var marker = "D" + A.Unique();
        var csv = $"{PeopleHeader}\nПетров,Пётр,{marker}a,Petr,1980-01-02,RU,{A.Passport()},RU\nСидоров,Олег,{marker}b,Oleg,1981-03-04,RU,,\n";

        var report = await ImportPeople(csv, dryRun: true);

        Assert.Equal((2, 2, false), (report.Rows, report.Created, report.Committed));
        Assert.Equal([2, 3], report.Results.Select(r => r.Row));
        Assert.Equal(0, await PeopleNamed(marker));
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceChangesNothingTheSecondTimeAndAChangedFieldIsAnUpdate()
    {
        var marker = "I" + A.Unique();
        var passport = A.Passport();
        var csv = $"{PeopleHeader}\nПетров,Пётр,{marker},Petr,1980-01-02,RU,{passport},RU\n";
        await ImportPeople(csv);

        var again = await ImportPeople(csv);
        var changed = await ImportPeople(csv.Replace("1980-01-02", "1980-01-03", StringComparison.Ordinal));

        Assert.Equal((0, 0, 1), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal((0, 1), (changed.Created, changed.Updated));
        var person = await db.Read(d => d.People.SingleAsync(p => p.FamilyNameLatin == marker));
        Assert.Equal((new DateOnly(1980, 1, 3), 2), (person.DateOfBirth, person.Version));
    }

    [Fact]
    public async Task OneBadRowAmongAThousandWritesNothingAndIsReportedWithItsRowAndColumn()
    {
        var marker = "T" + A.Unique();
        var lines = Enumerable.Range(0, 1000).Select(i => $"Петров,Пётр,{marker}{i},Petr,{(i == 500 ? "1980-02-30" : "1980-01-02")},RU,{marker}{i},RU");
        var csv = PeopleHeader + "\n" + string.Join("\n", lines) + "\n";

        var report = await ImportPeople(csv);

        var rejected = Assert.Single(report.Results, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal((502, "dateOfBirth"), (rejected.Row, rejected.Column));
        Assert.Contains("'1980-02-30' is not a date", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal((1000, 999, 1, false), (report.Rows, report.Created, report.Rejected, report.Committed));
        Assert.Equal(0, await PeopleNamed(marker));
    }

    [Fact]
    public async Task ACommittedImportIsAuditedOnceWithTheFileHashAndCounts()
    {
        var marker = "A" + A.Unique();
        var csv = $"{PeopleHeader}\nПетров,Пётр,{marker}1,Petr,1980-01-02,RU,{A.Passport()},RU\nПетров,Иван,{marker}2,Ivan,1980-01-02,RU,{A.Passport()},RU\n";

        var report = await ImportPeople(csv);

        var entry = await db.Read(d => d.AuditEntries.SingleAsync(a => a.EntityType == "Import" && a.EntityId == report.FileSha256));
        Assert.Equal("Imported", entry.Action);
        Assert.Contains("\"created\":2", entry.Changes, StringComparison.Ordinal);
        Assert.True(await db.With<AuditService, AuditVerification>(s => s.VerifyAsync(default)) is { Intact: true });
    }

    [Theory]
    [InlineData("utf-8-bom", ',')]
    [InlineData("utf-16", ';')]
    [InlineData("windows-1251", '\t')]
    [InlineData("utf-8", ';')]
    public async Task CyrillicNamesImportFromEachEncodingAndDelimiter(string encoding, char delimiter)
    {
        var marker = "E" + A.Unique();
        var text = $"{PeopleHeader}\nЁлкина,Дарья,{marker},Daria,1980-01-02,RU,{A.Passport()},RU\n".Replace(',', delimiter);
        var bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "windows-1251" => CodePages(1251).GetBytes(text),
            _ => Encoding.UTF8.GetBytes(text),
        };
        var declared = encoding == "windows-1251" ? "windows-1251" : null;

        var report = await Import(db, bytes, new ImportRequest(ImportTarget.People, Source: new SourceOptions(Encoding: declared)));

        Assert.True(report.Committed);
        Assert.Equal("Ёлкина", (await db.Read(d => d.People.SingleAsync(p => p.FamilyNameLatin == marker))).FamilyName);
    }

    [Fact]
    public async Task AWindows1251FileNotDeclaredAsSuchIsRefusedAsNotUtf8()
    {
        var marker = "W" + A.Unique();
        var bytes = CodePages(1251).GetBytes($"{PeopleHeader}\nЁлкина,Дарья,{marker},Daria,1980-01-02,RU,{A.Passport()},RU\n");

        var error = await Assert.ThrowsAsync<ImportFileException>(() => Import(db, bytes, new ImportRequest(ImportTarget.People)));

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await PeopleNamed(marker));
    }

    [Fact]
    public async Task AFileWithoutARequiredColumnIsRefusedNamingTheColumn()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportPeople("familyName,givenNames\nA,B\n"));

        Assert.Contains("'nationality'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStateCodesAndDuplicateRowsAreRejectedWithTheirColumn()
    {
        var marker = "U" + A.Unique();
        var passport = A.Passport();
        var row = $"Петров,Пётр,{marker},Petr,1980-01-02,RU,{passport},RU";
        var csv = $"{PeopleHeader}\n{row}\n{row}\nПетров,Пётр,{marker}x,Petr,1980-01-02,XX,{A.Passport()},RU\n";

        var report = await ImportPeople(csv);

        var rejected = report.Results.Where(r => r.Outcome == RowOutcome.Rejected).ToList();
        Assert.Contains(rejected, r => r.Row == 3 && r.Reason!.StartsWith("Duplicate of row 2", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Row == 4 && r.Column == "nationality" && r.Reason!.Contains("'XX' is not a state", StringComparison.Ordinal));
        Assert.Equal(0, await PeopleNamed(marker));
    }

    [Fact]
    public async Task CsvWithAnUnbalancedQuoteIsRefusedAndWritesNothing()
    {
        var marker = "Q" + A.Unique();
        var csv = $"{PeopleHeader}\nПетров,Пётр,{marker},Petr,1980-01-02,RU,{A.Passport()},RU\n\"Unclosed,Пётр,{marker}2,Petr,1980-01-02,RU,X1,RU\n";

        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportPeople(csv));

        Assert.Contains("quote", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await PeopleNamed(marker));
    }

    [Fact]
    public async Task AnXlsxThatIsNotAWorkbookOrIsAZipBombIsRefused()
    {
        var notZip = await Assert.ThrowsAsync<ImportFileException>(() => Import(db, Encoding.UTF8.GetBytes("just text"), new ImportRequest(ImportTarget.People), "people.xlsx"));
        var otherZip = await Assert.ThrowsAsync<ImportFileException>(() => Import(db, Zip(("readme.txt", 10)), new ImportRequest(ImportTarget.People), "people.xlsx"));
        var bomb = await Assert.ThrowsAsync<ImportFileException>(() => Import(db, Zip(("xl/workbook.xml", 10), ("xl/worksheets/sheet1.xml", 300_000_000)), new ImportRequest(ImportTarget.People), "people.xlsx"));

        Assert.Contains("not a workbook", notZip.Message, StringComparison.Ordinal);
        Assert.Contains("not an XLSX workbook", otherZip.Message, StringComparison.Ordinal);
        Assert.Contains("zip bomb", bomb.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHouseholdRowLinksThePersonToThePrincipalsAssignment()
    {
        var principal = await db.CreatePrincipalAsync();
        var mission = await db.Read(d => d.Missions.SingleAsync(m => m.Id == principal.MissionId));
        var person = await db.Read(d => d.People.SingleAsync(p => p.Id == principal.PersonId));
        var marker = "H" + A.Unique();
        var csv = "familyName,givenNames,familyNameLatin,nationality,missionSendingState,missionReceivingState,missionCity,missionKind,principalPassportNumber,principalPassportIssuingState,relationship,householdStartOn\n" +
            $"Петрова,Ольга,{marker},RU,{mission.SendingStateCode},{mission.ReceivingStateCode},{mission.City},{mission.Kind},{person.PassportNumber},{person.PassportIssuingStateCode},Spouse,2024-09-02\n";

        var report = await ImportPeople(csv);

        Assert.True(report.Committed, string.Join("; ", report.Results.Select(r => r.Reason)));
        var link = await db.Read(d => d.FamilyMembers.Include(f => f.Person).SingleAsync(f => f.Person!.FamilyNameLatin == marker));
        Assert.Equal((principal.Id, Relationship.Spouse), (link.PrincipalAssignmentId, link.Relationship));
    }

    [Fact]
    public async Task NamesWithInvisibleCharactersMaskedPassportsImplausibleBirthDatesAndEnumListsAreRejectedWithRowAndColumn()
    {
        var marker = "S" + A.Unique();
        var masked = Chancery.Core.Accounts.AccessScope.Mask(A.Passport());
        var csv = $"{PeopleHeader},gender\n"
            + $"Петров,Пётр,{marker}1,Pe\u200Btr,1980-01-02,RU,{A.Passport()},RU,Male\n"
            + $"Петров,Пётр,{marker}2,Petr,1980-01-02,RU,{masked},RU,Male\n"
            + $"Петров,Пётр,{marker}3,Petr,2999-01-02,RU,{A.Passport()},RU,Male\n"
            + $"Петров,Пётр,{marker}4,Petr,1980-01-02,RU,{A.Passport()},RU,\"Female,Male\"\n"
            + $"\"Пет\nров\",Пётр,{marker}5,Petr,1980-01-02,RU,{A.Passport()},RU,Male\n"
            + $"Петров,Пётр,{marker}6,Petr,1980-01-02,RU,{A.Passport()},RU,Male\n";

        var report = await ImportPeople(csv);

        var rejected = report.Results.Where(r => r.Outcome == RowOutcome.Rejected).Select(r => (r.Row, r.Column, Reason: r.Reason!)).ToList();
        Assert.Equal([(2, "givenNamesLatin"), (3, "passportNumber"), (4, "dateOfBirth"), (5, "gender"), (6, "familyName")], rejected.Select(r => (r.Row, r.Column!)));
        Assert.Contains("zero-width", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("is masked", rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("in the future", rejected[2].Reason, StringComparison.Ordinal);
        Assert.Contains("'Female,Male' is not one of", rejected[3].Reason, StringComparison.Ordinal);
        Assert.Contains("control character", rejected[4].Reason, StringComparison.Ordinal);
        Assert.Equal(0, await PeopleNamed(marker));
    }

    [Fact]
    public async Task AWorkbookExportedByTheAppReportsTheRowsASpreadsheetShows()
    {
        var source = await FreshAsync();
        var target = await FreshAsync();
        var mission = await source.CreateMissionAsync(A.Mission("RU", "US") with { City = "Washington" });
        var staff = await source.CreatePersonAsync(A.Person("Иванов", "Иван", "Ivanov", "Ivan"));
        await source.CreateAssignmentAsync(A.Assignment(staff.Id, mission.Id));
        await source.CreatePersonAsync(A.Person("Петров", "Пётр", "Petrov", "Petr"));

        // The target has no missions: the assignment's row is rejected, and must say which row it is.
        var report = await Import(target, await Export(source, ImportTarget.People, ExportFormat.Xlsx), new ImportRequest(ImportTarget.People, DryRun: true), "people.xlsx");

        Assert.Equal([2, 3], report.Results.Select(r => r.Row).Order());
        var rejected = Assert.Single(report.Results, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal(("missionCity", RowOutcome.Created), (rejected.Column, report.Results.Single(r => r.Row != rejected.Row).Outcome));
    }

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private static byte[] Zip(params (string Name, int Size)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, size) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                var zeros = new byte[1 << 20];
                for (var left = size; left > 0; left -= zeros.Length) stream.Write(zeros, 0, Math.Min(left, zeros.Length));
            }
        }
        return buffer.ToArray();
    }

    private static async Task<byte[]> Export(TestDatabase database, ImportTarget target, ExportFormat format)
    {
        using var buffer = new MemoryStream();
        await database.With<OwnFormatExport, bool>(async e =>
        {
            if (target == ImportTarget.People) await e.WritePeopleAsync(buffer, format, default);
            else await e.WriteMissionsAsync(buffer, format, default);
            return true;
        });
        return buffer.ToArray();
    }

    // Every imported field, keyed by natural keys (ids differ between the two databases).
    private static Task<string> Snapshot(TestDatabase database) => database.Read(async d =>
    {
        var missions = (await d.Missions.AsNoTracking().ToListAsync()).Select(m => $"M {m.SendingStateCode} {m.ReceivingStateCode} {m.City} {m.Kind} {m.Status} {m.OpenedOn} {m.ClosedOn}");
        var people = (await d.People.AsNoTracking().ToListAsync()).Select(p => $"P {p.FamilyName} {p.GivenNames} {p.FamilyNameLatin} {p.GivenNamesLatin} {p.DateOfBirth} {p.NationalityCode} {p.Gender} {p.PassportNumber} {p.PassportType} {p.PassportIssuingStateCode} {p.PassportExpiresOn} {p.SearchKey}");
        var assignments = (await d.Assignments.AsNoTracking().Include(a => a.Person).Include(a => a.Mission).ToListAsync())
            .Select(a => $"A {a.Person!.FamilyName} {a.Mission!.City} {a.Category} {a.Title} {a.Rank} {a.StartOn} {a.NotifiedArrivalOn} {a.PlannedEndOn} {a.EndedOn} {a.EndReason}");
        var families = (await d.FamilyMembers.AsNoTracking().Include(f => f.Person).Include(f => f.PrincipalAssignment!.Person).ToListAsync())
            .Select(f => $"F {f.Person!.FamilyName} {f.PrincipalAssignment!.Person!.FamilyName} {f.PrincipalAssignment.StartOn} {f.Relationship} {f.StartOn} {f.EndedOn}");
        var visas = (await d.Visas.AsNoTracking().Include(v => v.Holder).ToListAsync())
            .Select(v => $"V {v.Holder!.FamilyName} {v.IssuingStateCode} {v.CategoryCode} {v.Number} {v.IssuedOn} {v.ValidFrom} {v.ValidUntil} {v.Entries} {v.EntriesUsed} {v.CancelledOn} {v.CancellationReason}");
        return string.Join("\n", missions.Concat(people).Concat(assignments).Concat(families).Concat(visas).Order(StringComparer.Ordinal));
    });
}

public sealed class SqliteImportTests(SqliteTestDatabase db) : ImportTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresImportTests(PostgresTestDatabase db) : ImportTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;
