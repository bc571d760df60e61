using System.Security.Cryptography;
using System.Text.Json;

namespace Chancery.Web.Features.Import;

/// <summary>What a stored upload was checked with, so the commit runs exactly the dry run's import.</summary>
public sealed record PendingUpload(string UserId, string FileName, string Target, string? Mapping, string? Delimiter, string? Encoding, bool SkipRejected, DateTimeOffset StoredAt);

/// <summary>
/// Keeps a file between the import page's dry run and its commit, under a random 128-bit id and for the account that
/// uploaded it, for 30 minutes: the commit imports the very bytes that were checked, and the user does not choose the
/// file twice. Files live in <c>Import:UploadDirectory</c> (a temporary folder by default); several web instances need
/// a shared folder there, or sticky sessions.
/// </summary>
public sealed class UploadStore(IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly string _directory = configuration["Import:UploadDirectory"] is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "chancery-uploads");

    /// <summary>Stores the file; returns its id.</summary>
    public async Task<string> SaveAsync(Stream content, PendingUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(_directory);
        RemoveExpired();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var data = new FileStream(DataPath(id), FileMode.CreateNew, FileAccess.Write);
        await using (data)
        {
            await content.CopyToAsync(data, ct);
        }
        await File.WriteAllTextAsync(MetaPath(id), JsonSerializer.Serialize(upload), ct);
        return id;
    }

    /// <summary>The stored upload and its bytes, if the id is known, unexpired and the caller's.</summary>
    public async Task<(PendingUpload Upload, FileStream Content)?> OpenAsync(string? id, string userId, CancellationToken ct)
    {
        if (id is not { Length: 32 } || !id.All(Uri.IsHexDigit) || !File.Exists(MetaPath(id))) return null;
        var upload = JsonSerializer.Deserialize<PendingUpload>(await File.ReadAllTextAsync(MetaPath(id), ct));
        if (upload is null || upload.UserId != userId || clock.GetUtcNow() - upload.StoredAt > Lifetime) return null;
        return (upload, new FileStream(DataPath(id), FileMode.Open, FileAccess.Read, FileShare.Read));
    }

    /// <summary>Forgets an upload once imported.</summary>
    public void Remove(string id)
    {
        File.Delete(DataPath(id));
        File.Delete(MetaPath(id));
    }

    private void RemoveExpired()
    {
        foreach (var meta in Directory.EnumerateFiles(_directory, "*.json"))
        {
            if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(meta) <= Lifetime) continue;
            Remove(Path.GetFileNameWithoutExtension(meta));
        }
    }

    private string DataPath(string id) => Path.Combine(_directory, id + ".upload");

    private string MetaPath(string id) => Path.Combine(_directory, id + ".json");
}
