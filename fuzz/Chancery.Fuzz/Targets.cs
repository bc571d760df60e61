using System.Text;
using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Departures;
using Chancery.Core.Import;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Chancery.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chancery.Fuzz;

/// <summary>
/// One fuzzing harness: runs an input through a parser and lets any exception other than the parser's documented
/// "bad input" refusal escape, which afl-fuzz records as a crash.
/// </summary>
internal interface IHarness : IDisposable
{
    void Run(byte[] input);
}

/// <summary>The harnesses by name.</summary>
internal static class Targets
{
    public static readonly IReadOnlyDictionary<string, Func<IHarness>> All = new Dictionary<string, Func<IHarness>>(StringComparer.Ordinal)
    {
        ["csv"] = () => new ReaderHarness("input.csv"),
        ["xlsx"] = () => new ReaderHarness("input.xlsx"),
        ["sheet"] = () => new SheetHarness(),
        ["mapper"] = () => new MapperHarness(),
        ["json"] = () => new JsonHarness(),
    };

    /// <summary>The part of <paramref name="input"/> before the first NUL byte, and the rest after it (null when there is none).</summary>
    public static (byte[] Head, byte[]? Tail) Split(byte[] input)
    {
        var at = Array.IndexOf(input, (byte)0);
        return at < 0 ? (input, null) : (input[..at], input[(at + 1)..]);
    }

    /// <summary>Header and every row of a file, as the import reads them; <see cref="ImportFileException"/> is the refusal.</summary>
    public static void ReadAll(byte[] file, string name, Action<IReadOnlyList<string>, SourceRow>? row = null)
    {
        try
        {
            using var reader = TabularReader.Open(new MemoryStream(file), name, new SourceOptions());
            foreach (var r in reader.Rows()) row?.Invoke(reader.Header, r);
        }
        catch (ImportFileException)
        {
            // The reader's documented refusal of a bad file.
        }
    }
}

/// <summary>csv and xlsx: the input is the uploaded file, read through <see cref="TabularReader"/>.</summary>
internal sealed class ReaderHarness(string name) : IHarness
{
    public void Run(byte[] input) => Targets.ReadAll(input, name);

    public void Dispose()
    {
    }
}

/// <summary>
/// sheet: the input is a worksheet part (and, after a NUL byte, a shared strings part), packed into an otherwise valid
/// workbook, so mutations reach the XML and the reader's limits instead of failing the zip checksum.
/// </summary>
internal sealed class SheetHarness : IHarness
{
    public void Run(byte[] input)
    {
        var (sheet, strings) = Targets.Split(input);
        var file = HostileWorkbook.Build(Encoding.UTF8.GetString(sheet), strings is null ? null : Encoding.UTF8.GetString(strings), level: System.IO.Compression.CompressionLevel.NoCompression);
        Targets.ReadAll(file, "input.xlsx");
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// mapper: the input is a saved mapping (JSON) and, after a NUL byte, a CSV file; every row is read through the mapping
/// for both targets, each field as text, state, date, number and enum, as the imports read them.
/// </summary>
internal sealed class MapperHarness : IHarness
{
    public void Run(byte[] input)
    {
        var (json, csv) = Targets.Split(input);
        MappingDefinition definition;
        try
        {
            definition = MappingDefinition.FromJson(Encoding.UTF8.GetString(json));
        }
        catch (ImportFileException)
        {
            return;
        }
        foreach (var target in new[] { ImportTarget.People, ImportTarget.Missions })
        {
            MappedColumns? columns = null;
            Targets.ReadAll(csv ?? [], "input.csv", (header, row) =>
            {
                columns ??= new MappedColumns(header, definition, target);
                var reader = columns.Row(row);
                foreach (var field in ImportFields.For(target))
                {
                    reader.Text(field, FieldLimits.Name);
                    reader.State(field);
                    reader.Date(field);
                    reader.Integer(field, 0, 99);
                    reader.Enum<MissionKind>(field);
                    reader.Enum<PassportType>(field);
                    columns.Has(field);
                }
                reader.Any(ImportFields.Visa);
            });
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// json: the first byte picks a write endpoint (missions, people, assignments, visas, departure orders), the rest is the
/// request body. It is bound with the running app's own JSON options (strict dates and enums) and, when it binds,
/// created through the service behind the endpoint, whose validation answers. Refusals are what the app answers with
/// 4xx: <see cref="JsonException"/> (400), <see cref="ValidationFailedException"/> (400), not found, forbidden,
/// conflict; anything else would be a 500.
/// </summary>
internal sealed class JsonHarness : IHarness
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"chancery-fuzz-{Environment.ProcessId}.db");
    private WebApplicationFactory<Program>? _app;
    private JsonSerializerOptions? _options;

    // The app starts on the first input, inside SharpFuzz's run: instrumented code must not run before the fork
    // server has attached afl-fuzz's coverage map (afl-fuzz's timeout for that first input is raised to match).
    private (WebApplicationFactory<Program> App, JsonSerializerOptions Options) Started()
    {
        if (_app is null)
        {
            var connection = new SqliteConnectionStringBuilder { DataSource = _database }.ToString();
            _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseContentRoot(AppContext.BaseDirectory)
                .UseEnvironment("Testing")
                .UseSetting("Database:Provider", "Sqlite")
                .UseSetting("ConnectionStrings:Chancery", connection)
                .ConfigureLogging(l => l.ClearProviders()));
            _options = _app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        }
        return (_app, _options!);
    }

    public void Run(byte[] input)
    {
        if (input.Length == 0) return;
        var body = input.AsSpan(1);
        try
        {
            switch (input[0] % 5)
            {
                case 0: Create<MissionInput>(body, (s, i) => s.GetRequiredService<MissionService>().CreateAsync(i, default)); break;
                case 1: Create<PersonInput>(body, (s, i) => s.GetRequiredService<PersonService>().CreateAsync(i, default)); break;
                case 2: Create<AssignmentInput>(body, (s, i) => s.GetRequiredService<AssignmentService>().CreateAsync(i, default)); break;
                case 3: Create<VisaInput>(body, (s, i) => s.GetRequiredService<VisaService>().CreateAsync(i, default)); break;
                default: Create<DepartureOrderInput>(body, (s, i) => s.GetRequiredService<DepartureService>().CreateAsync(i, default)); break;
            }
        }
        catch (Exception ex) when (ex is JsonException or ValidationFailedException or NotFoundException or ForbiddenException or ConflictException
            or Chancery.Core.Policies.CapBreachException or DbUpdateConcurrencyException)
        {
            // A 4xx answer: the body or the record it describes is refused with a reason.
        }
    }

    private void Create<T>(ReadOnlySpan<byte> body, Func<IServiceProvider, T, Task> create) where T : class
    {
        var (app, options) = Started();
        // A body of `null` binds to nothing: the endpoint answers 400 "a request body is required".
        if (JsonSerializer.Deserialize<T>(body, options) is not { } input) return;
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessScopeOverride>().Scope = AccessScope.System;
        create(scope.ServiceProvider, input).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _app?.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" }) File.Delete(file);
    }
}
