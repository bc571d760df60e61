using System.CommandLine;
using Chancery.Cli.Hosting;
using Chancery.Core.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Import;

/// <summary>`chancery import` and `chancery export people|missions` (Chancery's own format, which imports back).</summary>
internal static class ImportCommands
{
    public static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV or XLSX file to import." };
        var target = new Option<string>("--target") { Description = "What the file holds: people or missions.", Required = true };
        target.AcceptOnlyFromAmong("people", "missions");
        var mapping = new Option<string?>("--mapping") { Description = $"A mapping by name (built-in: {string.Join(", ", BuiltInMappings.All.Select(m => m.Name))}, or saved) or a JSON file with one." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be created, updated or rejected; write nothing." };
        var skipRejected = new Option<bool>("--skip-rejected") { Description = "Write the rows that can be taken and report the others (default: one rejected row stops the import)." };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter: comma, semicolon or tab (detected from the header when not given)." };
        var encoding = new Option<string?>("--encoding") { Description = "Encoding of a CSV without byte-order mark, e.g. windows-1251 (default UTF-8)." };
        var command = new Command("import", "Import people (with assignments, households and visas) or missions from CSV or XLSX, in one transaction.")
        {
            file, target, mapping, dryRun, skipRejected, delimiter, encoding,
        };
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var path = parsed.GetValue(file)!;
            if (!path.Exists) throw new CliException($"{path.FullName} does not exist.");
            var chosen = parsed.GetValue(mapping);
            MappingDefinition? definition = null;
            if (chosen is not null && chosen.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                if (!File.Exists(chosen)) throw new CliException($"mapping file {chosen} does not exist.");
                definition = MappingDefinition.FromJson(await File.ReadAllTextAsync(chosen, ct).ConfigureAwait(false));
                chosen = Path.GetFileName(chosen);
            }
            var text = parsed.GetValue(delimiter)?.Trim().ToLowerInvariant();
            char? separator = text switch
            {
                null or "" => null,
                "," or "comma" => ',',
                ";" or "semicolon" => ';',
                "tab" or "\\t" or "\t" => '\t',
                _ => throw new CliException($"--delimiter '{text}' is not one of comma, semicolon, tab."),
            };
            var request = new ImportRequest(
                parsed.GetValue(target) == "missions" ? ImportTarget.Missions : ImportTarget.People, chosen, definition,
                parsed.GetValue(dryRun), new SourceOptions(separator, parsed.GetValue(encoding)), parsed.GetValue(skipRejected));
            ImportReport report;
            var stream = path.OpenRead();
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    report = await services.GetRequiredService<ImportService>().ImportAsync(stream, path.Name, request, ct).ConfigureAwait(false);
                }
                catch (ImportFileException ex)
                {
                    throw new CliException(ex.Message);
                }
            }
            foreach (var row in report.Results.Where(r => r.Outcome == RowOutcome.Rejected))
                Console.Out.WriteLine($"row {row.Row}\t{row.Column ?? "-"}\t{row.Reason}");
            Console.Out.WriteLine(report.Summary);
            if (report.Rejected > 0 && !request.SkipRejected)
                throw new CliException($"{report.Rejected} row(s) rejected; nothing written (fix them, or use --skip-rejected).");
        });
        return command;
    }

    /// <summary>`people` or `missions` under `chancery export`.</summary>
    public static Command ExportOf(ImportTarget target)
    {
        var format = new Option<string>("--format") { Description = "csv or xlsx.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<FileInfo>("--output") { Description = "File to write.", Required = true };
        var name = target.ToString().ToLowerInvariant();
        var command = new Command(name, $"All {name} in Chancery's own format (what `chancery import --target {name}` reads back).") { format, output };
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var chosen = parsed.GetValue(format) == "xlsx" ? ExportFormat.Xlsx : ExportFormat.Csv;
            var path = parsed.GetValue(output)!;
            var export = services.GetRequiredService<OwnFormatExport>();
            var stream = new FileStream(path.FullName, FileMode.Create, FileAccess.ReadWrite);
            await using (stream.ConfigureAwait(false))
            {
                if (target == ImportTarget.People) await export.WritePeopleAsync(stream, chosen, ct).ConfigureAwait(false);
                else await export.WriteMissionsAsync(stream, chosen, ct).ConfigureAwait(false);
            }
            Console.Out.WriteLine($"Wrote {path.FullName}.");
        });
        return command;
    }
}
