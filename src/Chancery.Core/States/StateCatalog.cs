using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Chancery.Core.States;

/// <summary>The ISO 3166-1 list shipped inside the assembly (see States/README.md for source and licence).</summary>
public static class StateCatalog
{
    private static readonly Lazy<IReadOnlyList<State>> Loaded = new(Load);

    /// <summary>All states, ordered by code.</summary>
    public static IReadOnlyList<State> All => Loaded.Value;

    private static List<State> Load()
    {
        using var stream = typeof(StateCatalog).Assembly.GetManifestResourceStream("Chancery.Core.States.states.csv")
            ?? throw new InvalidOperationException("The embedded state list is missing from the build.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var states = new List<State>();
        foreach (var row in csv.GetRecords<Row>())
        {
            states.Add(new State
            {
                Code = row.code,
                Alpha3 = row.alpha3,
                Numeric = row.numeric,
                Name = row.name,
                OfficialName = row.officialName,
                NameFr = string.IsNullOrEmpty(row.nameFr) ? null : row.nameFr,
                NameRu = string.IsNullOrEmpty(row.nameRu) ? null : row.nameRu,
            });
        }
        return [.. states.OrderBy(s => s.Code, StringComparer.Ordinal)];
    }

#pragma warning disable IDE1006, CA1812 // Column names of the shipped file; instantiated by CsvHelper.
    private sealed record Row(string code, string alpha3, string numeric, string name, string officialName, string nameFr, string nameRu);
#pragma warning restore IDE1006, CA1812
}
