using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chancery.Cli.Hosting;
using Chancery.Core.Common;
using CsvHelper;
using Spectre.Console;

namespace Chancery.Cli.Output;

/// <summary>How list commands print their rows.</summary>
internal enum OutputFormat
{
    Table,
    Csv,
    Json,
}

/// <summary>A column of a table or CSV: its header and how to read it from a row.</summary>
internal sealed record Column<T>(string Header, Func<T, object?> Value);

/// <summary>The --format option and the writers for each format.</summary>
internal static class Rows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Makes <paramref name="command"/> a list: adds --format, and prints every page that
    /// <paramref name="list"/> returns, once the database is known to be migrated.
    /// </summary>
    public static void SetListAction<T>(this Command command, Func<ParseResult, IServiceProvider, PageRequest, CancellationToken, Task<Page<T>>> list, params Column<T>[] columns) =>
        command.SetRowsAction((parsed, services, ct) => AllAsync(page => list(parsed, services, page, ct)), columns);

    /// <summary>
    /// Makes <paramref name="command"/> print the rows <paramref name="rows"/> returns in one go (for results that are not
    /// paged, such as alerts): adds --format, and runs once the database is known to be migrated.
    /// </summary>
    public static void SetRowsAction<T>(this Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task<IReadOnlyList<T>>> rows, params Column<T>[] columns)
    {
        ArgumentNullException.ThrowIfNull(command);
        var format = FormatOption();
        command.Options.Add(format);
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var result = await rows(parsed, services, ct).ConfigureAwait(false);
            Write(Enum.Parse<OutputFormat>(parsed.GetValue(format) ?? "table", ignoreCase: true), result, columns);
        });
    }

    /// <summary>
    /// Makes <paramref name="command"/> a report: adds --format and runs <paramref name="report"/> once the database is
    /// known to be migrated; the report prints its rows with the <c>print</c> it is given (its columns may depend on the options).
    /// </summary>
    public static void SetReportAction(this Command command, Func<ParseResult, IServiceProvider, Printer, CancellationToken, Task> report)
    {
        ArgumentNullException.ThrowIfNull(command);
        var format = FormatOption();
        command.Options.Add(format);
        command.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            await report(parsed, services, new Printer(Enum.Parse<OutputFormat>(parsed.GetValue(format) ?? "table", ignoreCase: true)), ct).ConfigureAwait(false);
        });
    }

    /// <summary>Prints rows in the format asked for.</summary>
    internal sealed class Printer(OutputFormat format)
    {
        /// <summary>The format asked for.</summary>
        public OutputFormat Format => format;

        /// <summary>Prints <paramref name="rows"/> with <paramref name="columns"/>.</summary>
        public void Print<T>(IReadOnlyList<T> rows, params Column<T>[] columns) => Write(format, rows, columns);
    }

    /// <summary>The --format option: table (the default), csv or json.</summary>
    public static Option<string> FormatOption()
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: table, csv or json.",
            DefaultValueFactory = _ => "table",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Enum.TryParse<OutputFormat>(value, ignoreCase: true, out _) || int.TryParse(value, out _))
                result.AddError($"--format '{value}' is not known; use table, csv or json.");
        });
        return option;
    }

    /// <summary>Prints <paramref name="rows"/>: a table for people, CSV and JSON for other programs.</summary>
    public static void Write<T>(OutputFormat format, IReadOnlyList<T> rows, params Column<T>[] columns)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, Json));
                break;
            case OutputFormat.Csv:
                using (var csv = new CsvWriter(Console.Out, CultureInfo.InvariantCulture, leaveOpen: true))
                {
                    foreach (var c in columns) csv.WriteField(c.Header);
                    csv.NextRecord();
                    foreach (var row in rows)
                    {
                        // Text a spreadsheet would run as a formula gets a leading apostrophe, as in the export files; numbers
                        // printed as text ("-34") are numbers to a spreadsheet, not formulas, and stay as they are.
                        foreach (var c in columns)
                        {
                            var value = c.Value(row);
                            csv.WriteField(value is string text && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                                ? SpreadsheetText.Neutralise(text) : Text(value));
                        }
                        csv.NextRecord();
                    }
                }
                break;
            default:
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var c in columns) table.AddColumn(Markup.Escape(c.Header));
                foreach (var row in rows) table.AddRow([.. columns.Select(c => Markup.Escape(Text(c.Value(row))))]);
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"[grey]{rows.Count} row(s)[/]");
                break;
        }
    }

    /// <summary>Prints one value as JSON, for a command whose result is more than a list.</summary>
    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Every page of a list, for commands that print the whole result.</summary>
    private static Task<IReadOnlyList<T>> AllAsync<T>(Func<PageRequest, Task<Page<T>>> list) => Core.Export.ListExportService.AllAsync(list);

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
