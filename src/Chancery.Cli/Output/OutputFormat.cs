using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>A new --format option (one per command: an option belongs to one parent).</summary>
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

    public static OutputFormat Format(ParseResult parseResult, Option<string> option) =>
        Enum.Parse<OutputFormat>(parseResult.GetValue(option) ?? "table", ignoreCase: true);

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
                        foreach (var c in columns) csv.WriteField(Text(c.Value(row)));
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

    /// <summary>Every page of a list, for commands that print the whole result.</summary>
    public static async Task<IReadOnlyList<T>> AllAsync<T>(Func<PageRequest, Task<Page<T>>> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var all = new List<T>();
        for (var number = 1; ; number++)
        {
            var page = await list(new PageRequest(number, PageRequest.MaxPageSize)).ConfigureAwait(false);
            all.AddRange(page.Items);
            if (page.Items.Count == 0 || all.Count >= page.Total) return all;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
