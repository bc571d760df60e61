using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Chancery.Core.Data;

/// <summary>
/// Reads the rows of a command EF built (its SQL and parameters, on the context's connection) with typed getters, for
/// the few reads that stream hundreds of thousands of rows (the alerts of a whole registry). On PostgreSQL it is the
/// data reader. On SQLite it steps the statement through SQLitePCLRaw, the layer under Microsoft.Data.Sqlite, and
/// parses GUIDs and dates straight from the column's UTF-8 bytes: the data reader makes a string of each first, which
/// costs more than SQLite's own work on such reads. Stepping and reading columns call the SQLite library's entry points
/// directly (<see cref="SqliteEntryPoints"/>) when it is the one SQLitePCLRaw bundles, else through SQLitePCLRaw.
/// Columns are found by name.
/// </summary>
internal sealed class RowReader : IAsyncDisposable
{
    private readonly DatabaseFacade _database;
    private readonly DbCommand _command;
    private readonly DbDataReader? _reader;
    private readonly sqlite3_stmt? _statement;
    private readonly IntPtr _handle;
    private readonly bool _direct;
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _codes = [];
    private readonly byte[]?[] _previousBytes;
    private readonly object?[] _previousValues;

    private RowReader(DatabaseFacade database, DbCommand command, DbDataReader? reader, sqlite3_stmt? statement)
    {
        _database = database;
        _command = command;
        _reader = reader;
        _statement = statement;
        var count = reader?.FieldCount ?? raw.sqlite3_column_count(statement);
        (_previousBytes, _previousValues) = (new byte[count][], new object[count]);
        for (var i = 0; i < count; i++)
            _ordinals.TryAdd(reader?.GetName(i) ?? raw.sqlite3_column_name(statement, i).utf8_to_string(), i);
        // Taken last (nothing can fail after it) and held until disposal, so that the raw pointer stays valid while this
        // reader uses it.
        if (statement is not null && Direct)
        {
            var added = false;
            statement.DangerousAddRef(ref added);
            (_handle, _direct) = (statement.DangerousGetHandle(), added);
        }
    }

    /// <summary>Whether SQLite statements are stepped through the library's entry points (tests turn it off to check the other way).</summary>
    internal static bool Direct { get; set; } = SqliteEntryPoints.Available;

    /// <summary>Opens the context's connection and runs <paramref name="command"/>; disposing closes both.</summary>
    public static async Task<RowReader> OpenAsync(DatabaseFacade database, DbCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(command);
        await database.OpenConnectionAsync(ct).ConfigureAwait(false);
        sqlite3_stmt? statement = null;
        DbDataReader? reader = null;
        try
        {
            if (database.GetDbConnection() is SqliteConnection { Handle: { } handle })
            {
                var rc = raw.sqlite3_prepare_v2(handle, command.CommandText, out statement);
                Check(handle, rc);
                foreach (DbParameter p in command.Parameters) Bind(handle, statement, p);
                return new RowReader(database, command, null, statement);
            }
            command.Connection = database.GetDbConnection();
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return new RowReader(database, command, reader, null);
        }
        catch
        {
            // Nothing half-open is left behind: the statement or reader, the command, the connection.
            statement?.Dispose();
            if (reader is not null) await reader.DisposeAsync().ConfigureAwait(false);
            await command.DisposeAsync().ConfigureAwait(false);
            await database.CloseConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The column named <paramref name="name"/>.</summary>
    public int Ordinal(string name) =>
        _ordinals.TryGetValue(name, out var i) ? i : throw new InvalidOperationException($"The query has no column {name}.");

    /// <summary>Moves to the next row; false after the last. On SQLite it completes at once, without a task.</summary>
    public unsafe ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        if (_reader is not null) return new ValueTask<bool>(_reader.ReadAsync(ct));
        ct.ThrowIfCancellationRequested();
        var rc = _direct ? SqliteEntryPoints.Step(_handle) : raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return new ValueTask<bool>(true);
        if (rc == raw.SQLITE_DONE) return new ValueTask<bool>(false);
        throw new SqliteException(raw.sqlite3_errmsg(raw.sqlite3_db_handle(_statement)).utf8_to_string(), rc);
    }

    /// <summary>Whether the column is null in this row.</summary>
    public unsafe bool IsNull(int i) => _reader?.IsDBNull(i) ?? (_direct ? SqliteEntryPoints.ColumnType(_handle, i) : raw.sqlite3_column_type(_statement, i)) == raw.SQLITE_NULL;

    // The column's bytes (UTF-8 for text), valid until the next step.
    private unsafe ReadOnlySpan<byte> Bytes(int i)
    {
        if (!_direct) return raw.sqlite3_column_blob(_statement, i);
        // SQLite's rule: ask for the pointer first, then the length.
        var pointer = SqliteEntryPoints.ColumnBlob(_handle, i);
        return new ReadOnlySpan<byte>(pointer, SqliteEntryPoints.ColumnBytes(_handle, i));
    }

    /// <summary>
    /// Whether the column holds the same value as in the row read before (false on the first row), comparing the bytes
    /// on SQLite, so that a caller reading rows grouped by a key parses the key once a group. Call it on every row.
    /// </summary>
    public bool Repeats(int i)
    {
        if (_reader is not null)
        {
            var value = _reader.GetValue(i);
            var same = value.Equals(_previousValues[i]);
            _previousValues[i] = value;
            return same;
        }
        var bytes = Bytes(i);
        ref var previous = ref _previousBytes[i];
        if (previous is not null && bytes.SequenceEqual(previous)) return true;
        if (previous is null || previous.Length != bytes.Length) previous = new byte[bytes.Length];
        bytes.CopyTo(previous);
        return false;
    }

    /// <summary>A GUID column (SQLite: text as EF stores it, or 16 bytes).</summary>
    public Guid GetGuid(int i)
    {
        if (_reader is not null) return _reader.GetGuid(i);
        var bytes = Bytes(i);
        if (bytes.Length == 16) return new Guid(bytes);
        return Utf8Parser.TryParse(bytes, out Guid value, out var used, 'D') && used == bytes.Length
            ? value
            : Guid.Parse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture);
    }

    /// <summary>A date column (SQLite: text yyyy-MM-dd as EF stores it).</summary>
    public DateOnly GetDate(int i)
    {
        if (_reader is not null) return _reader.GetFieldValue<DateOnly>(i);
        var t = Bytes(i);
        if (t.Length == 10 && t[4] == '-' && t[7] == '-'
            && Digits(t, 0, 4) is var year and > 0 && Digits(t, 5, 2) is var month and >= 1 and <= 12 && Digits(t, 8, 2) is var day and >= 1
            && day <= DateTime.DaysInMonth(year, month))
            return new DateOnly(year, month, day);
        return DateOnly.Parse(Encoding.UTF8.GetString(t), CultureInfo.InvariantCulture);
    }

    /// <summary>A nullable date column.</summary>
    public DateOnly? GetDateOrNull(int i) => IsNull(i) ? null : GetDate(i);

    /// <summary>
    /// A short code column (a state code, an enum's name): one string per distinct value for the whole read, not one
    /// per row, so that a million rows of two-letter codes allocate nothing.
    /// </summary>
    public string GetCode(int i)
    {
        if (_reader is not null) return _reader.GetString(i);
        var bytes = Bytes(i);
        if (bytes.Length > 7) return Encoding.UTF8.GetString(bytes);
        var key = (long)bytes.Length;
        foreach (var b in bytes) key = (key << 8) | b;
        if (!_codes.TryGetValue(key, out var code)) _codes[key] = code = Encoding.UTF8.GetString(bytes);
        return code;
    }

    /// <summary>Whether the column is null or empty text.</summary>
    public bool IsNullOrEmpty(int i) => _reader is not null ? _reader.IsDBNull(i) || _reader.GetString(i).Length == 0 : Bytes(i).IsEmpty;

    /// <summary>
    /// Two text columns joined by <paramref name="separator"/>, made as one string rather than three (on SQLite, decoded
    /// from the columns' bytes), for display names read by the hundred thousand.
    /// </summary>
    public string Join(int first, string separator, int second)
    {
        ArgumentNullException.ThrowIfNull(separator);
        if (_reader is not null) return string.Concat(_reader.GetString(first), separator, _reader.GetString(second));
        var a = Bytes(first);
        var b = Bytes(second);
        var length = Encoding.UTF8.GetCharCount(a) + separator.Length + Encoding.UTF8.GetCharCount(b);
        var buffer = length <= 256 ? stackalloc char[length] : new char[length];
        var used = Encoding.UTF8.GetChars(a, buffer);
        separator.CopyTo(buffer[used..]);
        Encoding.UTF8.GetChars(b, buffer[(used + separator.Length)..]);
        return new string(buffer);
    }

    /// <summary>A text column.</summary>
    public string GetString(int i) => _reader?.GetString(i) ?? Encoding.UTF8.GetString(Bytes(i));

    // The value of a run of ASCII digits, or -1.
    private static int Digits(ReadOnlySpan<byte> text, int start, int length)
    {
        var value = 0;
        foreach (var b in text.Slice(start, length))
        {
            if (b is < (byte)'0' or > (byte)'9') return -1;
            value = value * 10 + (b - '0');
        }
        return value;
    }

    // Binds a parameter as Microsoft.Data.Sqlite would for the types EF's SQLite provider passes.
    private static void Bind(sqlite3 handle, sqlite3_stmt statement, DbParameter parameter)
    {
        var name = parameter.ParameterName.Length > 0 && parameter.ParameterName[0] is '@' or '$' or ':' ? parameter.ParameterName : "@" + parameter.ParameterName;
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        if (index == 0) return;
        var rc = parameter.Value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text(statement, index, s),
            DateOnly d => raw.sqlite3_bind_text(statement, index, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Guid g => raw.sqlite3_bind_text(statement, index, g.ToString().ToUpperInvariant()),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            int n => raw.sqlite3_bind_int64(statement, index, n),
            long n => raw.sqlite3_bind_int64(statement, index, n),
            var other => throw new NotSupportedException($"Parameter {parameter.ParameterName}: {other.GetType().Name} is not bound here."),
        };
        Check(handle, rc);
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_reader is not null) await _reader.DisposeAsync().ConfigureAwait(false);
        if (_direct) _statement!.DangerousRelease();
        _statement?.Dispose();
        await _command.DisposeAsync().ConfigureAwait(false);
        await _database.CloseConnectionAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// The entry points of the SQLite library that SQLitePCLRaw loaded (its bundled e_sqlite3), called through function
/// pointers on the raw statement handle. SQLitePCLRaw's own calls marshal a SafeHandle (a reference count taken and
/// released) and go through an interface on every call; on reads of a million rows of six columns that is more than a
/// third of the time. Not available (and not used) when SQLitePCLRaw runs another provider.
/// </summary>
internal static unsafe class SqliteEntryPoints
{
    /// <summary>Whether the entry points were found; <c>CHANCERY_SQLITE_DIRECT=0</c> turns them off.</summary>
    public static readonly bool Available;

    /// <summary><c>sqlite3_step</c>.</summary>
    public static readonly delegate* unmanaged[Cdecl]<IntPtr, int> Step;

    /// <summary><c>sqlite3_column_blob</c>.</summary>
    public static readonly delegate* unmanaged[Cdecl]<IntPtr, int, byte*> ColumnBlob;

    /// <summary><c>sqlite3_column_bytes</c>.</summary>
    public static readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> ColumnBytes;

    /// <summary><c>sqlite3_column_type</c>.</summary>
    public static readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> ColumnType;

#pragma warning disable CA1810 // The four pointers are found together or not at all.
    static SqliteEntryPoints()
#pragma warning restore CA1810
    {
        if (Environment.GetEnvironmentVariable("CHANCERY_SQLITE_DIRECT") == "0") return;
        SQLitePCL.Batteries_V2.Init();
        if (raw.GetNativeLibraryName() != "e_sqlite3"
            || !NativeLibrary.TryLoad("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, "sqlite3_step", out var step)
            || !NativeLibrary.TryGetExport(library, "sqlite3_column_blob", out var blob)
            || !NativeLibrary.TryGetExport(library, "sqlite3_column_bytes", out var bytes)
            || !NativeLibrary.TryGetExport(library, "sqlite3_column_type", out var type))
            return;
        Step = (delegate* unmanaged[Cdecl]<IntPtr, int>)step;
        ColumnBlob = (delegate* unmanaged[Cdecl]<IntPtr, int, byte*>)blob;
        ColumnBytes = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)bytes;
        ColumnType = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)type;
        Available = true;
    }
}
