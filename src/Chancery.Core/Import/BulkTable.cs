using System.Data.Common;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Chancery.Core.Import;

/// <summary>
/// Writes many rows of one entity type inside the context's current transaction, bypassing the change tracker:
/// on SQLite with one prepared INSERT reused for every row, on PostgreSQL with binary COPY. Table and column names,
/// value conversions (enums stored as text) and parameter types come from the EF model, so the rows are exactly what
/// EF would have written. The import records one audit entry for the whole batch instead of one per row.
/// </summary>
internal sealed class BulkTable<T> : IDisposable where T : Entity
{
    private readonly ChanceryDbContext _db;
    private readonly string _table;
    private readonly IProperty[] _properties;
    private readonly string[] _columns;
    // Per property, looked up once: reading the value and converting it to the provider's type (enums to text).
    private readonly Func<T, object?>[] _values;
    private DbCommand? _insert;
    private DbCommand? _update;

    public BulkTable(ChanceryDbContext db)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        _table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(_table, entity.GetSchema());
        _properties = [.. entity.GetProperties()];
        _columns = [.. _properties.Select(p => p.GetColumnName(store)!)];
        _values = [.. _properties.Select(ProviderValue)];
    }

    private bool IsPostgres => _db.Database.IsNpgsql();

    /// <summary>Inserts the rows.</summary>
    public async Task InsertAsync(IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        if (IsPostgres)
        {
            await CopyAsync(rows, ct).ConfigureAwait(false);
            return;
        }
        _insert ??= Prepare($"INSERT INTO \"{_table}\" ({string.Join(", ", _columns.Select(Quote))}) VALUES ({string.Join(", ", _columns.Select((_, i) => "@p" + i))})", _properties);
        // Microsoft.Data.Sqlite runs commands synchronously even when called async: the loop saves a task a row.
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            Bind(_insert, _values, row);
            _insert.ExecuteNonQuery();
        }
    }

    /// <summary>Updates every column of the rows by id; their <see cref="Entity.Version"/> must already be the new one.</summary>
    public async Task UpdateAsync(IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var set = _properties.Where(p => !p.IsPrimaryKey()).ToArray();
        var key = _properties.Single(p => p.IsPrimaryKey());
        Func<T, object?>[] values = [.. set.Select(ProviderValue), ProviderValue(key)];
        var store = StoreObjectIdentifier.Table(_table, null);
        _update ??= Prepare(
            $"UPDATE \"{_table}\" SET {string.Join(", ", set.Select((p, i) => $"{Quote(p.GetColumnName(store)!)} = @p{i}"))} WHERE {Quote(key.GetColumnName(store)!)} = @p{set.Length}",
            [.. set, key]);
        foreach (var row in rows)
        {
            Bind(_update, values, row);
            await _update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private DbCommand Prepare(string sql, IProperty[] properties)
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        for (var i = 0; i < properties.Length; i++)
        {
            // The type mapping configures the parameter as EF does (e.g. a Guid as TEXT on SQLite).
            var parameter = properties[i].GetRelationalTypeMapping().CreateParameter(command, "@p" + i, null, nullable: true);
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, Func<T, object?>[] values, T row)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i](row) ?? DBNull.Value;
    }

    private static Func<T, object?> ProviderValue(IProperty property)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        if (converter is null) return getter.GetClrValue;
        return row => getter.GetClrValue(row) is { } value ? converter.ConvertToProvider(value) : null;
    }

    private async Task CopyAsync(IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        var sql = $"COPY \"{_table}\" ({string.Join(", ", _columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)";
        var importer = await connection.BeginBinaryImportAsync(sql, ct).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct).ConfigureAwait(false);
                for (var i = 0; i < _values.Length; i++)
                {
                    switch (_values[i](row))
                    {
                        case null: await importer.WriteNullAsync(ct).ConfigureAwait(false); break;
                        case Guid g: await importer.WriteAsync(g, NpgsqlDbType.Uuid, ct).ConfigureAwait(false); break;
                        case string s: await importer.WriteAsync(s, NpgsqlDbType.Text, ct).ConfigureAwait(false); break;
                        case DateOnly d: await importer.WriteAsync(d, NpgsqlDbType.Date, ct).ConfigureAwait(false); break;
                        case int n: await importer.WriteAsync(n, NpgsqlDbType.Integer, ct).ConfigureAwait(false); break;
                        case long n: await importer.WriteAsync(n, NpgsqlDbType.Bigint, ct).ConfigureAwait(false); break;
                        case bool b: await importer.WriteAsync(b, NpgsqlDbType.Boolean, ct).ConfigureAwait(false); break;
                        case var other: throw new InvalidOperationException($"{typeof(T).Name}.{_properties[i].Name}: no COPY type for {other.GetType().Name}.");
                    }
                }
            }
            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    private static string Quote(string column) => "\"" + column + "\"";

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
    }
}
