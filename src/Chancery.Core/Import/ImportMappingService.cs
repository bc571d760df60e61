using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chancery.Core.Import;

/// <summary>A mapping as the API shows it; built-in ones have no id. <paramref name="Editable"/>: whether the caller may change or delete it.</summary>
public sealed record ImportMappingDto(Guid? Id, string Name, ImportTarget Target, MappingDefinition Definition, bool BuiltIn, int Version, bool Editable = false);

/// <summary>What a client sends to save a mapping.</summary>
public sealed record ImportMappingInput(string? Name, ImportTarget? Target, MappingDefinition? Definition, int? Version = null);

/// <summary>
/// Saved import mappings: list (with the built-in ones), create, update, delete. Every importer may use any mapping;
/// a saved one is changed or deleted only by the account that saved it or by an administrator (one mission's
/// administrator must not rewrite the mapping another office relies on), and the built-in ones by nobody.
/// </summary>
public sealed class ImportMappingService(ChanceryDbContext db, AccessScope scope)
{
    /// <summary>Built-in mappings first, then saved ones by name.</summary>
    public async Task<IReadOnlyList<ImportMappingDto>> ListAsync(CancellationToken ct)
    {
        var saved = await db.ImportMappings.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct).ConfigureAwait(false);
        return
        [
            .. BuiltInMappings.All.Select(b => new ImportMappingDto(null, b.Name, b.Target, b.Definition, true, 0)),
            .. saved.Select(ToDto),
        ];
    }

    /// <summary>One saved mapping.</summary>
    public async Task<ImportMappingDto> GetAsync(Guid id, CancellationToken ct) =>
        ToDto(await db.ImportMappings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false)
            ?? throw new NotFoundException("Import mapping", id));

    /// <summary>Saves a new mapping.</summary>
    public async Task<ImportMappingDto> CreateAsync(ImportMappingInput input, CancellationToken ct)
    {
        EnsureCanEdit();
        var mapping = new ImportMapping { Name = "", Definition = "", OwnerUserId = scope.UserId };
        await ApplyAsync(mapping, input, ct).ConfigureAwait(false);
        db.ImportMappings.Add(mapping);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return ToDto(mapping);
    }

    /// <summary>Changes a mapping; <see cref="ImportMappingInput.Version"/> must be the version read.</summary>
    public async Task<ImportMappingDto> UpdateAsync(Guid id, ImportMappingInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mapping = await db.ImportMappings.FirstOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Import mapping", id);
        EnsureCanChange(mapping);
        await ApplyAsync(mapping, input, ct).ConfigureAwait(false);
        db.ExpectVersion(mapping, Versions.Require(input.Version));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return ToDto(mapping);
    }

    /// <summary>Deletes a mapping.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var mapping = await db.ImportMappings.FirstOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false) ?? throw new NotFoundException("Import mapping", id);
        EnsureCanChange(mapping);
        db.ImportMappings.Remove(mapping);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private void EnsureCanEdit()
    {
        if (!scope.EditsRegistry && !scope.EditsMissions)
            throw new ForbiddenException("Your role does not allow saving import mappings.");
    }

    private bool CanChange(ImportMapping mapping) =>
        scope.IsSystem || scope.Roles.Contains(Roles.Administrator) || (mapping.OwnerUserId is { } owner && owner == scope.UserId && (scope.EditsRegistry || scope.EditsMissions));

    private void EnsureCanChange(ImportMapping mapping)
    {
        if (!CanChange(mapping))
            throw new ForbiddenException($"The mapping '{mapping.Name}' belongs to the account that saved it; only that account or an administrator may change or delete it. "
                + "To adapt it, save a copy under another name.");
    }

    private async Task ApplyAsync(ImportMapping mapping, ImportMappingInput? input, CancellationToken ct)
    {
        var v = new Validator();
        if (input is null)
        {
            v.Add("body", "A mapping is required in the request body.").ThrowIfAny();
            return;
        }
        var name = v.RequiredName("name", input.Name);
        if (input.Target is null) v.Add("target", "target is required: People or Missions.");
        if (BuiltInMappings.Find(name) is not null) v.Add("name", $"'{name}' is the name of a built-in mapping; choose another.");
        else if (name.Length > 0 && await db.ImportMappings.AnyAsync(m => m.Name == name && m.Id != mapping.Id, ct).ConfigureAwait(false))
            v.Add("name", $"A mapping named '{name}' already exists; choose another name or change that one.");
        if (input.Definition?.Columns is not { Count: > 0 } columns)
            v.Add("definition", "definition.columns is required: an object mapping each field to the header of its column.");
        else if (input.Target is { } target)
        {
            var known = ImportFields.For(target).ToHashSet(StringComparer.Ordinal);
            foreach (var field in columns.Keys.Concat(input.Definition.Defaults?.Keys ?? []).Where(f => !known.Contains(f)))
                v.Add("definition", $"'{field}' is not a field of a {target.ToString().ToLowerInvariant()} import; fields are: {string.Join(", ", known)}.");
        }
        v.ThrowIfAny();
        mapping.Name = name;
        mapping.Target = input.Target!.Value;
        mapping.Definition = input.Definition!.ToJson();
    }

    private ImportMappingDto ToDto(ImportMapping m) =>
        new(m.Id, m.Name, m.Target, MappingDefinition.FromJson(m.Definition), false, m.Version, CanChange(m));
}

internal sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> b)
    {
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Property(m => m.Name).HasMaxLength(FieldLimits.Name);
        b.Property(m => m.Target).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Definition).HasMaxLength(20_000);
        b.HasIndex(m => m.Name).IsUnique();
        b.HasOne<ChanceryUser>().WithMany().HasForeignKey(m => m.OwnerUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
