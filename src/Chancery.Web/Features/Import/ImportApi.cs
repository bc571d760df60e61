using Chancery.Core.Accounts;
using Chancery.Core.Import;
using Chancery.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chancery.Web.Features.Import;

/// <summary>Upload limit for imports (<c>Import:MaxUploadBytes</c>, 10 MB by default).</summary>
public sealed record ImportSettings(long MaxUploadBytes)
{
    /// <summary>Reads the limit from configuration.</summary>
    public static ImportSettings From(IConfiguration configuration) =>
        new(configuration.GetValue<long?>("Import:MaxUploadBytes") ?? 10L * 1024 * 1024);

    /// <summary>"10 MB".</summary>
    public string Limit => $"{MaxUploadBytes / (1024 * 1024)} MB";
}

/// <summary>/api/v1/imports, /api/v1/import-mappings and /api/v1/export (people and missions in Chancery's own format).</summary>
public static class ImportApi
{
    /// <summary>Roles that may import: mission administrators (people) and protocol officers (missions); the service checks the target.</summary>
    public const string Importers = Roles.MissionAdministrator + "," + Roles.ProtocolOfficer;

    /// <summary>Maps the import, mapping and export endpoints.</summary>
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/imports").WithTags("Import").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        imports.MapPost("/", Import).WithName("Import")
            .WithSummary("Import a CSV or XLSX file (multipart field \"file\") of people or missions; dryRun reports without writing; all or nothing unless skipRejected")
            .RequireAuthorization(p => p.RequireRole(Roles.MissionAdministrator, Roles.ProtocolOfficer));

        var mappings = app.MapGroup("/api/v1/import-mappings").WithTags("Import").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        mappings.MapGet("/", ListMappings).WithName("ListImportMappings").WithSummary("Built-in and saved column mappings");
        mappings.MapGet("/{id:guid}", GetMapping).WithName("GetImportMapping").WithSummary("One saved mapping");
        mappings.MapPost("/", CreateMapping).WithName("CreateImportMapping").WithSummary("Save a column mapping")
            .RequireAuthorization(p => p.RequireRole(Roles.MissionAdministrator, Roles.ProtocolOfficer));
        // A saved mapping is changed or deleted by the account that saved it, or by an administrator (the service checks whose it is).
        mappings.MapPut("/{id:guid}", UpdateMapping).WithName("UpdateImportMapping").WithSummary("Change a mapping you saved (administrators: any); send the version you read")
            .RequireAuthorization(p => p.RequireRole(Roles.MissionAdministrator, Roles.ProtocolOfficer, Roles.Administrator));
        mappings.MapDelete("/{id:guid}", DeleteMapping).WithName("DeleteImportMapping").WithSummary("Delete a mapping you saved (administrators: any)")
            .RequireAuthorization(p => p.RequireRole(Roles.MissionAdministrator, Roles.ProtocolOfficer, Roles.Administrator));

        var export = app.MapGroup("/api/v1/export").WithTags("Import").AddEndpointFilterFactory(StrictQueryValues.Refuse);
        export.MapGet("/people", ExportPeople).WithName("ExportPeople").WithSummary("People with assignments, households and visas in Chancery's own format (imports back); only for roles that see whole passport numbers");
        export.MapGet("/missions", ExportMissions).WithName("ExportMissionsOwnFormat").WithSummary("Missions in Chancery's own format (imports back)");
        return app;
    }

    static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(
        HttpContext http, string? target, string? mapping, bool? dryRun, bool? skipRejected, string? delimiter, string? encoding,
        ImportService imports, ImportSettings settings, UploadStore store, CancellationToken ct)
    {
        if (Parse<ImportTarget>(target) is not { } what) return Bad($"target '{target}' is not people or missions.");
        if (http.Request.ContentLength > settings.MaxUploadBytes) return TooLarge(settings);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = settings.MaxUploadBytes + 64 * 1024;
        if (!http.Request.HasFormContentType) return Bad("Send the file as multipart/form-data in a field named \"file\".");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException { StatusCode: 413 } or InvalidDataException)
        {
            return TooLarge(settings);
        }
        if (form.Files.GetFile("file") is not { } file) return Bad("The multipart field \"file\" is missing.");
        if (file.Length > settings.MaxUploadBytes) return TooLarge(settings);
        if (!TryDelimiter(delimiter, out var separator)) return Bad($"delimiter '{delimiter}' is not one of: comma, semicolon, tab (or , ; \\t).");
        var temp = store.CreateScratch();
        await using (temp)
        {
            await file.CopyToAsync(temp, ct);
            temp.Position = 0;
            try
            {
                var report = await imports.ImportAsync(temp, file.FileName, new ImportRequest(what, mapping, null, dryRun ?? false, new SourceOptions(separator, encoding), skipRejected ?? false), ct);
                return TypedResults.Ok(report);
            }
            catch (ImportFileException ex)
            {
                return Bad(ex.Message);
            }
        }
    }

    /// <summary>Parses a delimiter given as a character or a word.</summary>
    public static bool TryDelimiter(string? text, out char? delimiter)
    {
        delimiter = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => null,
            "," or "comma" => ',',
            ";" or "semicolon" => ';',
            "\\t" or "\t" or "tab" => '\t',
            _ => '?',
        };
        return delimiter != '?';
    }

    static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(title: "The file cannot be imported", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    static ProblemHttpResult TooLarge(ImportSettings settings) =>
        TypedResults.Problem(title: "File too large", detail: $"The upload is larger than the limit of {settings.Limit} (Import:MaxUploadBytes); split the file.", statusCode: StatusCodes.Status413PayloadTooLarge);

    static async Task<Ok<IReadOnlyList<ImportMappingDto>>> ListMappings(ImportMappingService mappings, CancellationToken ct) =>
        TypedResults.Ok(await mappings.ListAsync(ct));

    static async Task<Ok<ImportMappingDto>> GetMapping(Guid id, ImportMappingService mappings, CancellationToken ct) =>
        TypedResults.Ok(await mappings.GetAsync(id, ct));

    static async Task<Created<ImportMappingDto>> CreateMapping(ImportMappingInput input, ImportMappingService mappings, CancellationToken ct)
    {
        var created = await mappings.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/import-mappings/{created.Id}", created);
    }

    static async Task<Ok<ImportMappingDto>> UpdateMapping(Guid id, ImportMappingInput input, ImportMappingService mappings, CancellationToken ct) =>
        TypedResults.Ok(await mappings.UpdateAsync(id, input, ct));

    static async Task<NoContent> DeleteMapping(Guid id, ImportMappingService mappings, CancellationToken ct)
    {
        await mappings.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    static Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportPeople(string? format, OwnFormatExport export, UploadStore store, CancellationToken ct) =>
        export.PeopleRefusal is { } refusal
            ? Task.FromResult<Results<FileStreamHttpResult, ProblemHttpResult>>(TypedResults.Problem(title: "Not allowed", detail: refusal, statusCode: StatusCodes.Status403Forbidden))
            : Export(ImportTarget.People, format, store, (s, f, t) => export.WritePeopleAsync(s, f, t), ct);

    static Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportMissions(string? format, OwnFormatExport export, UploadStore store, CancellationToken ct) =>
        Export(ImportTarget.Missions, format, store, (s, f, t) => export.WriteMissionsAsync(s, f, t), ct);

    // Query values by name, ignoring case ("people", "xlsx"); numbers are refused like elsewhere.
    static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum =>
        text is not null && !text.Any(char.IsDigit) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) ? value : null;

    // A workbook is a zip package that needs a seekable stream: the file is built in a private temporary file, then sent.
    static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(ImportTarget target, string? formatText, UploadStore store, Func<Stream, ExportFormat, CancellationToken, Task> write, CancellationToken ct)
    {
        if ((formatText is null ? ExportFormat.Csv : Parse<ExportFormat>(formatText)) is not { } format)
            return TypedResults.Problem(title: "Unknown format", detail: $"format '{formatText}' is not csv or xlsx.", statusCode: StatusCodes.Status400BadRequest);
        var temp = store.CreateScratch();
        await write(temp, format, ct);
        temp.Position = 0;
        var type = format == ExportFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        return TypedResults.File(temp, type, OwnFormatExport.FileName(target, format));
    }
}
