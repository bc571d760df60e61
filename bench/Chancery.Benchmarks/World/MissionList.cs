using System.Reflection;
using Chancery.Core.Missions;
using Chancery.Core.States;

namespace Chancery.Benchmarks.World;

/// <summary>One usable row of the real mission list: ISO codes resolved, kind mapped, city filled in.</summary>
public sealed record MissionRow(string SendingStateCode, string ReceivingStateCode, MissionKind Kind, string City);

/// <summary>What reading the real mission list kept and dropped, and why.</summary>
public sealed record MissionListReport(int Rows, int Kept, int UnknownState, int SameState, int Duplicate, int MissingCity);

/// <summary>
/// Reads <c>World/missions.csv</c> (columns of database_of_embassies.csv, see World/README.md) and turns it into missions
/// the schema accepts: state names become ISO codes (by the shipped state list, plus the names Wikidata spells
/// differently), rows whose sending or receiving "state" has no ISO code (Kosovo, the Order of Malta, Quebec...) or whose
/// states are the same are dropped, duplicates (same QID, or same states, city and kind) are dropped, and a missing
/// city becomes the receiving state's name.
/// </summary>
public static class MissionList
{
    // Wikidata's labels that are not the CLDR or official names of states.csv.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["People's Republic of China"] = "CN",
        ["Ministry of Foreign Affairs of the People's Republic of China"] = "CN",
        ["Turkey"] = "TR",
        ["Vatican"] = "VA",
        ["Czech Republic"] = "CZ",
        ["Republic of Ireland"] = "IE",
        ["Kingdom of Denmark"] = "DK",
        ["Republic of the Congo"] = "CG",
        ["East Timor"] = "TL",
        ["The Gambia"] = "GM",
        ["The Bahamas"] = "BS",
        ["São Tomé and Príncipe"] = "ST",
        ["Federated States of Micronesia"] = "FM",
        ["Macau"] = "MO",
        ["Ministry of Foreign Affairs of the Russian Federation"] = "RU",
    };

    /// <summary>The kept rows, in file order, and what was dropped.</summary>
    public static (IReadOnlyList<MissionRow> Rows, MissionListReport Report) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Chancery.Benchmarks.World.missions.csv")
            ?? throw new InvalidOperationException("The embedded mission list World/missions.csv is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Parses <c>operator;country;city;type;QID</c> lines (a trailing separator on any line is ignored).</summary>
    public static (IReadOnlyList<MissionRow> Rows, MissionListReport Report) Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var codes = new Dictionary<string, string>(Aliases, StringComparer.OrdinalIgnoreCase);
        foreach (var s in StateCatalog.All)
        {
            codes.TryAdd(s.Name, s.Code);
            codes.TryAdd(s.OfficialName, s.Code);
        }
        var header = reader.ReadLine()?.TrimEnd(';').Split(';') ?? throw new InvalidDataException("The mission list is empty.");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"The mission list has no column '{name}'.");
        int op = Column("operator"), country = Column("country"), city = Column("city"), type = Column("type"), qid = Column("QID");

        var rows = new List<MissionRow>();
        var seenQids = new HashSet<string>(StringComparer.Ordinal);
        var seenKeys = new HashSet<(string, string, string, MissionKind)>();
        int total = 0, unknown = 0, same = 0, duplicate = 0, missingCity = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            total++;
            var f = line.Split(';');
            string Field(int i) => i < f.Length ? f[i].Trim() : "";
            if (!codes.TryGetValue(Field(op), out var sending) || !codes.TryGetValue(Field(country), out var receiving))
            {
                unknown++;
                continue;
            }
            if (sending == receiving)
            {
                same++;
                continue;
            }
            var kind = KindOf(Field(type));
            var cityName = Field(city);
            if (cityName.Length == 0)
            {
                missingCity++;
                cityName = StateCodes.NameOf(receiving);
            }
            if ((Field(qid) is { Length: > 0 } id && !seenQids.Add(id)) || !seenKeys.Add((sending, receiving, cityName, kind)))
            {
                duplicate++;
                continue;
            }
            rows.Add(new MissionRow(sending, receiving, kind, cityName));
        }
        return (rows, new MissionListReport(total, rows.Count, unknown, same, duplicate, missingCity));
    }

    /// <summary>Maps the list's <c>type</c> (embassy, high commission, consulate general, honorary consulate...) to a kind.</summary>
    public static MissionKind KindOf(string type) => type.ToLowerInvariant() switch
    {
        "embassy" or "high commission" or "apostolic nunciature" or "de facto embassy" => MissionKind.Embassy,
        "consulate general" => MissionKind.ConsulateGeneral,
        "consulate" or "de facto consulate" or "vice consulate" or "consular agency" => MissionKind.Consulate,
        var t when t.Contains("permanent mission", StringComparison.Ordinal) || t.Contains("permanent representation", StringComparison.Ordinal) => MissionKind.PermanentMission,
        _ => MissionKind.Other,
    };
}
