using System.Security.Cryptography;
using System.Text.Json;

namespace Chancery.Web.Features.Import;

/// <summary>What a stored upload was checked with, so the commit runs exactly the dry run's import.</summary>
public sealed record PendingUpload(string UserId, string FileName, string Target, string? Mapping, string? Delimiter, string? Encoding, bool SkipRejected, DateTimeOffset StoredAt);

/// <summary>
/// Keeps a file between the import page's dry run and its commit, under a random 128-bit id and for the account that
/// uploaded it, for 30 minutes: the commit imports the very bytes that were checked, and the user does not choose the
/// file twice. Such files hold passport numbers and birth dates, so they live in a folder of the app's own
/// (<c>Import:UploadDirectory</c>, by default <c>data/uploads</c> beside the default database) that only the app's
/// account may open (0700; each file 0600, set when it is created), never in the shared temporary folder; expired ones
/// are removed by <see cref="RemoveExpired"/>, which <see cref="UploadCleanup"/> runs on a timer. Several web instances
/// need a shared folder there, or sticky sessions.
/// </summary>
public sealed class UploadStore
{
    /// <summary>How long an upload waits for its commit.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TimeProvider _clock;
    private readonly ILogger<UploadStore> _logger;
    private readonly Lazy<string> _directory;

    /// <summary>The store in <c>Import:UploadDirectory</c>, or <c>data/uploads</c> under the working directory.</summary>
    public UploadStore(IConfiguration configuration, TimeProvider clock, ILogger<UploadStore> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _clock = clock;
        _logger = logger;
        var path = Path.GetFullPath(configuration["Import:UploadDirectory"] is { Length: > 0 } d ? d : Path.Combine("data", "uploads"));
        _directory = new Lazy<string>(() => Prepare(path));
    }

    /// <summary>The folder the uploads are kept in (created, owner-only, on first use).</summary>
    public string Folder => _directory.Value;

    /// <summary>Stores the file; returns its id.</summary>
    public async Task<string> SaveAsync(Stream content, PendingUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var data = new FileStream(DataPath(id), Private(FileMode.CreateNew, FileAccess.Write));
        await using (data)
        {
            await content.CopyToAsync(data, ct);
        }
        // The description is written aside and renamed into place, so a sweep never reads half of one.
        var pending = MetaPath(id) + ".tmp";
        var meta = new FileStream(pending, Private(FileMode.CreateNew, FileAccess.Write));
        await using (meta)
        {
            await JsonSerializer.SerializeAsync(meta, upload, cancellationToken: ct);
        }
        File.Move(pending, MetaPath(id));
        return id;
    }

    /// <summary>The stored upload and its bytes, if the id is known, unexpired and the caller's.</summary>
    public async Task<(PendingUpload Upload, FileStream Content)?> OpenAsync(string? id, string userId, CancellationToken ct)
    {
        if (id is not { Length: 32 } || !id.All(Uri.IsHexDigit) || !File.Exists(MetaPath(id))) return null;
        var upload = Parse(await File.ReadAllTextAsync(MetaPath(id), ct));
        if (upload is null || upload.UserId != userId || Expired(upload)) return null;
        return (upload, new FileStream(DataPath(id), FileMode.Open, FileAccess.Read, FileShare.Read));
    }

    /// <summary>Forgets an upload once imported.</summary>
    public void Remove(string id)
    {
        File.Delete(DataPath(id));
        File.Delete(MetaPath(id));
    }

    /// <summary>
    /// A temporary file in the private folder, deleted when closed: for an upload or an export that must be on disk for a
    /// moment (a workbook needs a seekable stream) but must not sit in the shared temporary folder.
    /// </summary>
    public FileStream CreateScratch() =>
        new(Path.Combine(Folder, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".tmp"), Private(FileMode.CreateNew, FileAccess.ReadWrite, FileOptions.DeleteOnClose));

    /// <summary>
    /// Removes every upload older than <see cref="Lifetime"/> by the injected clock (or whose description cannot be read),
    /// and files a crash left behind once they are as old; returns how many uploads went. Safe to call from anywhere, at
    /// any time, also while uploads are being saved.
    /// </summary>
    public int RemoveExpired()
    {
        var removed = 0;
        foreach (var meta in Directory.EnumerateFiles(Folder, "*.json"))
        {
            PendingUpload? upload;
            try
            {
                upload = Parse(File.ReadAllText(meta));
            }
            catch (IOException)
            {
                continue; // being removed right now; the next sweep sees it
            }
            if (upload is not null && !Expired(upload)) continue;
            Remove(Path.GetFileNameWithoutExtension(meta));
            removed++;
        }
        // Left by a crash: a data file without its description (a save cut short), a description never renamed into
        // place, a temporary file never closed. Their own age decides, since they have no recorded time.
        foreach (var left in Directory.EnumerateFiles(Folder, "*.upload").Concat(Directory.EnumerateFiles(Folder, "*.tmp")))
        {
            if (left.EndsWith(".upload", StringComparison.Ordinal) && File.Exists(Path.ChangeExtension(left, ".json"))) continue;
            if (_clock.GetUtcNow() - File.GetLastWriteTimeUtc(left) > Lifetime) File.Delete(left);
        }
        return removed;
    }

    private bool Expired(PendingUpload upload) => _clock.GetUtcNow() - upload.StoredAt > Lifetime;

    private static PendingUpload? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PendingUpload>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FileStreamOptions Private(FileMode mode, FileAccess access, FileOptions options = FileOptions.None)
    {
        var result = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, Options = options };
        // Owner-only from the moment the file exists: no window in which another account could open it.
        if (!OperatingSystem.IsWindows()) result.UnixCreateMode = OwnerOnlyFile;
        return result;
    }

    private string Prepare(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }
        Directory.CreateDirectory(path, OwnerOnlyFolder);
        // A folder that already existed keeps its mode: narrow it, so files from an older version are private too.
        if ((File.GetUnixFileMode(path) & ~OwnerOnlyFolder) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnlyFolder);
            _logger.LogWarning("The import upload folder {Folder} was open to other accounts; it is now readable by this account only.", path);
        }
        return path;
    }

    private string DataPath(string id) => Path.Combine(Folder, id + ".upload");

    private string MetaPath(string id) => Path.Combine(Folder, id + ".json");
}

/// <summary>
/// Sweeps expired uploads out of the <see cref="UploadStore"/> at start and every <c>Import:UploadSweepMinutes</c> (5 by
/// default) on the injected clock. The sweep itself is <see cref="UploadStore.RemoveExpired"/>, so a scheduler can run it
/// instead.
/// </summary>
public sealed class UploadCleanup(UploadStore store, TimeProvider clock, IConfiguration configuration, ILogger<UploadCleanup> logger) : BackgroundService
{
    private readonly TimeSpan _period = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Import:UploadSweepMinutes", 5)));

    /// <summary>Raised after each sweep with the number of uploads removed (for logs and tests).</summary>
    public event Action<int>? Swept;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_period, clock);
        do
        {
            try
            {
                var removed = store.RemoveExpired();
                if (removed > 0) logger.LogInformation("Removed {Count} expired import upload(s).", removed);
                Swept?.Invoke(removed);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not sweep the import upload folder; trying again in {Period}.", _period);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
