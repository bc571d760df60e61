using System.Security.Cryptography;
using System.Text;
using Chancery.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Chancery.Core.Audit;

/// <summary>
/// The secret that keys the audit chain (HMAC-SHA256). It is held outside the database, so that someone who can write
/// to the database but not read this key cannot recompute the chain after altering it. Read from <c>Audit:ChainKey</c>
/// (base64, at least 32 bytes), or from the file named by <c>Audit:ChainKeyFile</c>; on SQLite without either, from a
/// file beside the database (<c>chancery.db.audit-key</c>), created with owner-only permissions on first start. On
/// PostgreSQL one of the two settings is required: every instance and the command line must share the key.
/// </summary>
public sealed class AuditChainKey
{
    /// <summary>Shortest key accepted, in bytes (HMAC-SHA256's block of security).</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _key;

    private AuditChainKey(byte[] key)
    {
        _key = key;
        KeyId = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("chancery audit chain key id")))[..12];
    }

    /// <summary>A short public fingerprint of the key, to tell which key a chain or an anchor was made with; reveals nothing of it.</summary>
    public string KeyId { get; }

    /// <summary>HMAC-SHA256 of <paramref name="data"/>.</summary>
    public byte[] Sign(byte[] data) => HMACSHA256.HashData(_key, data);

    /// <summary>A key from its bytes (tests, tools).</summary>
    public static AuditChainKey FromBytes(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumBytes) throw new ArgumentException($"An audit chain key needs at least {MinimumBytes} bytes.", nameof(key));
        return new AuditChainKey([.. key]);
    }

    /// <summary>Reads the key as the settings say (see the class summary).</summary>
    /// <exception cref="DatabaseStartupException">The key is missing or unusable; the message says what to set.</exception>
    public static AuditChainKey Load(IConfiguration configuration, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        if (configuration["Audit:ChainKey"] is { Length: > 0 } text)
            return new AuditChainKey(Parse(text, "Audit:ChainKey"));
        if (configuration["Audit:ChainKeyFile"] is { Length: > 0 } file)
        {
            if (!File.Exists(file))
                throw new DatabaseStartupException($"Audit:ChainKeyFile names {file}, which does not exist; restore the key file (a new key cannot verify the entries made with the old one).");
            return new AuditChainKey(Parse(File.ReadAllText(file), $"the key file {file}"));
        }
        if (database.Provider == DatabaseProvider.Postgres || DefaultFileOf(database) is not { } beside)
            throw new DatabaseStartupException(
                "The audit chain needs a key held outside the database: set Audit:ChainKey (base64 of at least 32 random bytes, e.g. " +
                "`openssl rand -base64 32`) or Audit:ChainKeyFile, the same for every instance and the command line.");
        return new AuditChainKey(File.Exists(beside) ? Parse(File.ReadAllText(beside), $"the key file {beside}") : Create(beside));
    }

    /// <summary>Where the key of a SQLite database lives when no setting names it; null for an in-memory database.</summary>
    public static string? DefaultFileOf(DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider != DatabaseProvider.Sqlite) return null;
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(file) + ".audit-key";
    }

    private static byte[] Create(string path)
    {
        var key = RandomNumberGenerator.GetBytes(MinimumBytes);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
        try
        {
            // Written whole, then moved into place: a process starting alongside reads a complete key or none.
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (the CLI beside the web app) made it first: use that one.
            File.Delete(temporary);
            return Parse(File.ReadAllText(path), $"the key file {path}");
        }
    }

    private static byte[] Parse(string text, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new DatabaseStartupException($"{source} is not base64; use e.g. `openssl rand -base64 32`.");
        }
        return key.Length >= MinimumBytes ? key
            : throw new DatabaseStartupException($"{source} holds {key.Length} bytes; the audit chain key needs at least {MinimumBytes} (e.g. `openssl rand -base64 32`).");
    }
}

/// <summary>
/// The key, read on first use: a command that never records a change (a backup, a read) runs without one, while the
/// start-up (<see cref="DatabaseInitializer"/>) and every write fail with the reason when it is missing.
/// </summary>
public sealed class AuditChainKeySource(Func<AuditChainKey> load)
{
    private readonly Lazy<AuditChainKey> _key = new(load);

    /// <summary>The key; throws <see cref="DatabaseStartupException"/> when it is missing or unusable.</summary>
    public AuditChainKey Key => _key.Value;
}
