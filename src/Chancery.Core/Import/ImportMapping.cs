using System.Text.Json;
using System.Text.Json.Serialization;
using Chancery.Core.Common;

namespace Chancery.Core.Import;

/// <summary>What an import file holds.</summary>
public enum ImportTarget
{
    /// <summary>People with their assignments, household links and visas (one fact per row, the person repeated).</summary>
    People,
    /// <summary>Missions.</summary>
    Missions,
}

/// <summary>A saved column mapping: which column of a file from another system feeds which field.</summary>
public sealed class ImportMapping : Entity
{
    /// <summary>Name users pick it by (unique).</summary>
    public required string Name { get; set; }

    /// <summary>People or missions.</summary>
    public ImportTarget Target { get; set; }

    /// <summary>The <see cref="MappingDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }

    /// <summary>
    /// The account that saved it, the only one (with administrators) that may change or delete it; null for a mapping
    /// saved before owners were recorded, which only administrators may change.
    /// </summary>
    public Guid? OwnerUserId { get; set; }
}

/// <summary>
/// How a file's columns become fields: <see cref="Columns"/> maps a field (see <see cref="ImportFields"/>) to the
/// header of the column that holds it; <see cref="Values"/> translates a field's source values (a <c>*</c> key catches
/// any other value); <see cref="Defaults"/> gives a field a constant when the file has no column for it.
/// </summary>
public sealed record MappingDefinition(
    IReadOnlyDictionary<string, string> Columns,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Values = null,
    IReadOnlyDictionary<string, string>? Defaults = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The definition as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored or uploaded definition; a clear message when it is not one.</summary>
    public static MappingDefinition FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<MappingDefinition>(json, Json) is { Columns: not null } d
                ? d : throw new ImportFileException("The mapping has no \"columns\" object (field → column header).");
        }
        catch (JsonException ex)
        {
            throw new ImportFileException($"The mapping is not valid JSON: {ex.Message}");
        }
    }
}

/// <summary>A file that cannot be imported at all (not a row's fault): wrong encoding, missing columns, not a workbook...</summary>
public sealed class ImportFileException(string message) : Exception(message);
