namespace Chancery.Core.Import;

/// <summary>Mappings shipped with the application; saved mappings cannot take their names.</summary>
public static class BuiltInMappings
{
    /// <summary>Chancery's own export of people.</summary>
    public const string People = "chancery-people";

    /// <summary>Chancery's own export of missions.</summary>
    public const string Missions = "chancery-missions";

    /// <summary>
    /// The Wikidata-generated list of embassies (github.com/database-of-embassies): operator = sending state,
    /// country = receiving state, both as English names; type in free words.
    /// </summary>
    public const string Embassies = "database-of-embassies";

    /// <summary>Name, target and definition of each built-in mapping.</summary>
    public static readonly IReadOnlyList<(string Name, ImportTarget Target, MappingDefinition Definition)> All =
    [
        (People, ImportTarget.People, Identity(ImportFields.People)),
        (Missions, ImportTarget.Missions, Identity(ImportFields.Missions)),
        (Embassies, ImportTarget.Missions, new MappingDefinition(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["sendingState"] = "operator", ["receivingState"] = "country", ["city"] = "city", ["kind"] = "type",
            },
            new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
            {
                // Wikidata's "type" labels. High commissions are embassies between Commonwealth states, a nunciature
                // is the Holy See's embassy; honorary consulates and offices without diplomatic status are "Other".
                ["kind"] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["embassy"] = "Embassy", ["high commission"] = "Embassy", ["apostolic nunciature"] = "Embassy",
                    ["de facto embassy"] = "Embassy", ["British High Commission"] = "Embassy", ["Australian High Commission"] = "Embassy",
                    ["Embassy of the United States"] = "Embassy", ["diplomatic mission"] = "Embassy", ["diplomatic mission of El Salvador"] = "Embassy",
                    ["consulate general"] = "ConsulateGeneral", ["Consulate General of Sweden"] = "ConsulateGeneral",
                    ["Consulate General of Belgium"] = "ConsulateGeneral",
                    ["consulate"] = "Consulate", ["consular office"] = "Consulate", ["Consular Agency"] = "Consulate",
                    ["de facto consulate"] = "Consulate", ["consulates of Sweden"] = "Consulate",
                    ["permanent mission"] = "PermanentMission",
                    ["*"] = "Other",
                },
            })),
    ];

    /// <summary>A built-in mapping by name, or null.</summary>
    public static (string Name, ImportTarget Target, MappingDefinition Definition)? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found ? found : null;

    /// <summary>The default mapping of a target: Chancery's own format.</summary>
    public static MappingDefinition Default(ImportTarget target) => Find(target == ImportTarget.People ? People : Missions)!.Value.Definition;

    private static MappingDefinition Identity(string[] fields) =>
        new(fields.ToDictionary(f => f, f => f, StringComparer.Ordinal));
}
