using System.Security.Cryptography;
using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Audit;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Import;

/// <summary>What to import and how: a built-in or saved mapping by name, or a definition given inline (CLI file).</summary>
/// <remarks>
/// All or nothing by default: one rejected row and nothing is written. <see cref="SkipRejected"/> writes the rows that
/// can be taken and reports the others (for published lists such as the list of embassies, where some rows never fit).
/// </remarks>
public sealed record ImportRequest(ImportTarget Target, string? Mapping = null, MappingDefinition? Definition = null, bool DryRun = false, SourceOptions? Source = null, bool SkipRejected = false);

/// <summary>
/// Imports a CSV or XLSX file of people or missions in one transaction: a dry run, or a file with any rejected row,
/// rolls everything back and returns the report; otherwise the rows are written together with one audit entry for
/// the batch (file hash, mapping and counts) — one entry per row would cost more than the import itself.
/// </summary>
public sealed class ImportService(ChanceryDbContext db, ScopedData data, TimeProvider clock)
{
    /// <summary>Runs the import (or dry run) of a seekable stream.</summary>
    public async Task<ImportReport> ImportAsync(Stream file, string? fileName, ImportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        var scope = data.Scope;
        if (request.Target == ImportTarget.People && !scope.EditsRegistry)
            throw new ForbiddenException("Your role does not allow importing people.");
        if (request.Target == ImportTarget.Missions && !scope.EditsMissions)
            throw new ForbiddenException("Your role does not allow importing missions.");
        var (mappingName, definition) = await ResolveMappingAsync(request, ct).ConfigureAwait(false);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct).ConfigureAwait(false));
        file.Position = 0;
        using var reader = TabularReader.Open(file, fileName, request.Source ?? new SourceOptions());
        var columns = new MappedColumns(reader.Header, definition, request.Target);
        var report = new ReportBuilder();
        try
        {
            return await db.InTransactionAsync(async token =>
            {
                if (request.Target == ImportTarget.People)
                {
                    using var people = new PeopleImport(db, data, columns, report, clock.Today());
                    await people.RunAsync(reader.Rows(), token).ConfigureAwait(false);
                }
                else
                {
                    await new MissionImport(db, scope, columns, report).RunAsync(reader.Rows(), token).ConfigureAwait(false);
                }
                if (request.DryRun || (report.Rejected > 0 && !request.SkipRejected))
                    throw new RollBack(report.Build(request.Target, mappingName, reader.Format, sha, request.DryRun, committed: false));
                db.AddAuditNote(new PendingAudit("Imported", "Import", sha, null, null, JsonSerializer.Serialize(new
                {
                    target = request.Target.ToString(),
                    mapping = mappingName,
                    file = fileName,
                    rows = report.Rows,
                    created = report.Created,
                    updated = report.Updated,
                    unchanged = report.Unchanged,
                    rejected = report.Rejected,
                })));
                await db.SaveChangesAsync(token).ConfigureAwait(false);
                return report.Build(request.Target, mappingName, reader.Format, sha, request.DryRun, committed: true);
            }, ct).ConfigureAwait(false);
        }
        catch (RollBack rollBack)
        {
            return rollBack.Report;
        }
        catch (DbUpdateException ex) when (DatabaseInitializer.IsUniqueViolation(ex))
        {
            throw new ConflictException("The import collides with a record written meanwhile (same passport or open assignment); run it again.");
        }
    }

    private async Task<(string Name, MappingDefinition Definition)> ResolveMappingAsync(ImportRequest request, CancellationToken ct)
    {
        if (request.Definition is { } inline) return (request.Mapping ?? "(inline)", inline);
        if (string.IsNullOrWhiteSpace(request.Mapping))
        {
            var name = request.Target == ImportTarget.People ? BuiltInMappings.People : BuiltInMappings.Missions;
            return (name, BuiltInMappings.Default(request.Target));
        }
        if (BuiltInMappings.Find(request.Mapping) is { } builtIn)
        {
            if (builtIn.Target != request.Target)
                throw new ImportFileException($"Mapping '{builtIn.Name}' is for {builtIn.Target.ToString().ToLowerInvariant()}, not {request.Target.ToString().ToLowerInvariant()}.");
            return (builtIn.Name, builtIn.Definition);
        }
        var saved = await db.Set<ImportMapping>().AsNoTracking().FirstOrDefaultAsync(m => m.Name == request.Mapping, ct).ConfigureAwait(false)
            ?? throw new ImportFileException($"No mapping is named '{request.Mapping}'; see /api/v1/import-mappings for the saved and built-in ones.");
        if (saved.Target != request.Target)
            throw new ImportFileException($"Mapping '{saved.Name}' is for {saved.Target.ToString().ToLowerInvariant()}, not {request.Target.ToString().ToLowerInvariant()}.");
        return (saved.Name, MappingDefinition.FromJson(saved.Definition));
    }

    // Thrown inside the transaction to roll it back while carrying the report out.
    private sealed class RollBack(ImportReport report) : Exception("rolled back")
    {
        public ImportReport Report { get; } = report;
    }
}
