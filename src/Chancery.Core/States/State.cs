namespace Chancery.Core.States;

/// <summary>A country, identified by its ISO 3166-1 alpha-2 code. Reference data, read-only.</summary>
public sealed class State
{
    /// <summary>ISO 3166-1 alpha-2 code, upper case.</summary>
    public required string Code { get; set; }

    /// <summary>ISO 3166-1 alpha-3 code.</summary>
    public required string Alpha3 { get; set; }

    /// <summary>ISO 3166-1 numeric code, three digits.</summary>
    public required string Numeric { get; set; }

    /// <summary>Short English name.</summary>
    public required string Name { get; set; }

    /// <summary>Official English name.</summary>
    public required string OfficialName { get; set; }

    /// <summary>Official French name (French is a working language of diplomacy).</summary>
    public string? NameFr { get; set; }

    /// <summary>Official Russian name.</summary>
    public string? NameRu { get; set; }
}
